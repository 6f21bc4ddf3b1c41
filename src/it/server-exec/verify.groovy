// The hosts the build started are described in xamal-maven-plugin/target/test-hosts.properties.
def hostsFile = new Properties()
new File(basedir, '../../test-hosts.properties').withInputStream { hostsFile.load(it) }
def log = new File(basedir, 'build.log').text
['h1', 'h2', 'h3'].each { name ->
    def port = hostsFile.getProperty(name + '.ssh.port')
    assert log.contains("[localhost:${port}] ran on ${name} as ${hostsFile.user}") : "no output line from ${name} (port ${port})"
    assert log.contains("[localhost:${port}] to stderr") : "no stderr line from ${name}"
    // the user's command runs in the SSH user's login shell (bash on the test hosts), not /bin/sh
    assert log =~ /\[localhost:${port}\] login shell \S*\/bash\b/ : "the command did not run in bash on ${name}"
}
assert log.contains('Running echo') && log.contains('on 3 hosts')
assert log.contains('BUILD SUCCESS')
