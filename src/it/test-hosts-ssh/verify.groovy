// The build started hosts and described them in xamal-maven-plugin/target/test-hosts.properties;
// this IT's own build saw every entry as XAMAL_IT_<KEY> and filtered them into test-hosts.env.
// Log in to each host with OpenSSH using only what the IT build saw, checking host keys strictly.
def load = { File file -> def p = new Properties(); file.withInputStream { p.load(it) }; p }
def described = load(new File(basedir, '../../test-hosts.properties'))
def seen = load(new File(basedir, 'target/classes/test-hosts.env'))

described.stringPropertyNames().each { key ->
    def variable = 'XAMAL_IT_' + key.toUpperCase().replace('.', '_')
    assert seen.getProperty(key) == described.getProperty(key) : "the IT build saw ${variable}=${seen.getProperty(key)}, expected ${described.getProperty(key)}"
}
def hosts = seen.hosts.split(',') as List
assert hosts == ['h1', 'h2', 'h3']
assert seen.user == 'deploy'

hosts.each { host ->
    def port = seen.getProperty(host + '.ssh.port')
    def command = ['ssh', '-F', '/dev/null', '-i', seen.key, '-p', port,
                   '-o', 'IdentitiesOnly=yes',
                   '-o', 'UserKnownHostsFile=' + seen.known_hosts,
                   '-o', 'GlobalKnownHostsFile=/dev/null',
                   '-o', 'StrictHostKeyChecking=yes', '-o', 'BatchMode=yes', '-o', 'ConnectTimeout=20',
                   seen.user + '@localhost',
                   'hostname; systemctl is-system-running; sudo -n true && echo sudo-ok']
    def process = new ProcessBuilder(command).redirectErrorStream(true).start()
    process.outputStream.close()
    def output = process.inputStream.text
    assert process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) : "ssh to ${host} did not finish"
    assert process.exitValue() == 0 : "ssh to ${host} on port ${port} failed: ${output}"
    assert output.readLines() == [host, 'running', 'sudo-ok'] : "unexpected answer from ${host}: ${output}"
    println "${host} (localhost:${port}): ${output.readLines().join(' ')}"
}
return true
