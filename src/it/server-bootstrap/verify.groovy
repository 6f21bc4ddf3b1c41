// Two runs of server-bootstrap: the first prepares all three hosts, the second (role worker: h3 only)
// changes nothing. The hosts are described in target/test-hosts.properties (the build's own view
// of the XAMAL_IT_* variables the runs saw).
def hosts = new Properties()
new File(basedir, '../../test-hosts.properties').withInputStream { hosts.load(it) }
def log = new File(basedir, 'build.log').text
def prefix = { name -> "[localhost:${hosts.getProperty(name + '.ssh.port')}]" }
['h1', 'h2'].each { name ->
    assert log.contains("${prefix(name)} changed: installed /etc/systemd/system/itboot.web@.service") : "no unit on ${name}"
    assert log.contains("${prefix(name)} changed: ports 4100 4101 recorded in /opt/xamal/itboot/ports")
}
def h3 = prefix('h3')
assert log.contains("${h3} changed: installed /etc/systemd/system/itboot.worker.service")
assert !log.contains("${h3} changed: ports") : 'a host without a proxied role claims no ports'
assert log.contains('Bootstrapping itboot on 3 hosts')
assert log.contains('Bootstrapped 3 hosts (3 changed)')
assert log.contains('Bootstrapping itboot on 1 host')
assert log.contains("${h3} ok: /etc/systemd/system/itboot.worker.service up to date")
assert log.contains('Bootstrapped 1 host (no change)')
assert !log.contains('BUILD FAILURE')
