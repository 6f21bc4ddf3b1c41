// What the verify scripts that start their own mvn xamal:* runs share; a verify script runs it with
// evaluate(file), in its own binding (the invoker's basedir, localRepositoryPath and runtimeCache),
// and gets hosts, env (a map it may add to), mvn (the command line), start, logOf, finish, run and
// onHost there. The test hosts are described in the plugin module's target/test-hosts.properties;
// the verify script runs in the invoker's JVM, so the mvn processes get them as XAMAL_IT_* here.
import java.util.concurrent.TimeUnit

hosts = new Properties()
new File(basedir, '../../test-hosts.properties').withInputStream { hosts.load(it) }
env = new HashMap<String, String>(System.getenv())
env.MAVEN_SKIP_RC = '1'
hosts.each { k, v -> env['XAMAL_IT_' + k.toString().toUpperCase().replace('.', '_')] = v.toString() }
// The invoker's settings (the user's repository as a remote of the tests' local one), as a file.
def userRepository = new File(System.getProperty('maven.repo.local') ?: System.getProperty('user.home') + '/.m2/repository')
def settings = new File(basedir, 'it-settings.xml')
settings.text = new File(basedir, '../../../../src/it/settings.xml').text.replace('@localRepositoryUrl@', userRepository.toURI().toString())
mvn = [System.getProperty('maven.home') + '/bin/mvn', '-o', '-B', '-s', settings.absolutePath,
           '-Dmaven.repo.local=' + localRepositoryPath, '-Dxamal.runtimeCache=' + runtimeCache]

// Starts mvn with args in basedir, its output to logName there.
start = { List<String> args, String logName ->
    def builder = new ProcessBuilder(mvn + args).directory(basedir).redirectErrorStream(true)
            .redirectOutput(new File(basedir, logName))
    builder.environment().clear()
    builder.environment().putAll(env)
    builder.start()
}
logOf = { String logName -> new File(basedir, logName).text }
// [exit status, output] once the process ends; fails after 600 s.
finish = { Process process, String logName ->
    assert process.waitFor(600, TimeUnit.SECONDS) : "mvn still running after 600 s: " + logName
    [process.exitValue(), logOf(logName)]
}
run = { List<String> args, String logName -> finish(start(args, logName), logName) }
// A command on a test host (h1, h2, …) over OpenSSH; its output, which must come with exit status 0.
onHost = { String host, String command ->
    def ssh = new ProcessBuilder('ssh', '-i', hosts.getProperty('key'), '-o', 'UserKnownHostsFile=' + hosts.getProperty('known_hosts'),
            '-o', 'BatchMode=yes', '-p', hosts.getProperty(host + '.ssh.port'), hosts.getProperty('user') + '@localhost', command)
            .redirectErrorStream(true).start()
    def out = ssh.inputStream.text
    assert ssh.waitFor(60, TimeUnit.SECONDS) && ssh.exitValue() == 0 : command + ':\n' + out
    out
}
