// Two runs of server-bootstrap: the first prepares all three hosts, the second (role worker: h3 only) changes nothing.
def log = new File(basedir, 'build.log').text
def port = { key -> System.getenv("XAMAL_IT_${key}_SSH_PORT") }
['H1', 'H2'].each { key ->
    assert log.contains("[localhost:${port(key)}] changed: installed /etc/systemd/system/itboot.web@.service") : "no unit on ${key}"
    assert log.contains("[localhost:${port(key)}] changed: ports 4100 4101 recorded in /opt/xamal/itboot/ports")
}
def h3 = "[localhost:${port('H3')}]"
assert log.contains("${h3} changed: installed /etc/systemd/system/itboot.worker.service")
assert !log.contains("${h3} changed: ports") : 'a host without a proxied role claims no ports'
assert log.contains('Bootstrapping itboot on 3 hosts')
assert log.contains('Bootstrapped 3 hosts (3 changed)')
assert log.contains('Bootstrapping itboot on 1 host')
assert log.contains("${h3} ok: /etc/systemd/system/itboot.worker.service up to date")
assert log.contains('Bootstrapped 1 host (no change)')
assert log.contains('BUILD SUCCESS')
