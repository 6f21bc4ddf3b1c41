// The hosts the build started are described in xamal-maven-plugin/target/test-hosts.properties.
def hostsFile = new Properties()
new File(basedir, '../../test-hosts.properties').withInputStream { hostsFile.load(it) }
def log = new File(basedir, 'build.log').text
def worker = hostsFile.getProperty('h3.ssh.port')
assert log.contains("[localhost:${worker}] failing on h3") : 'the worker host did not run the command'
['h1', 'h2'].each { name ->
    assert !log.contains("[localhost:${hostsFile.getProperty(name + '.ssh.port')}]") : "${name} is not in the worker role"
}
assert log.contains("Command failed on localhost:${worker} with exit status 3") : 'the failure does not name host and status'
assert log.contains('failing on $(hostname)') : 'the failure does not name the command'
assert !log.contains('at dev.xamal') : 'a stack trace was shown without -X'
