// The rollback runs' lines, then each host's answer through Caddy and its history; then a rollback
// and an app-version narrowed to one host.
// The hosts are described in the plugin module's target/test-hosts.properties (the goals saw them
// as XAMAL_IT_* variables; this script runs in the invoker's own JVM, which did not).
def hosts = new Properties()
new File(basedir, '../../test-hosts.properties').withInputStream { hosts.load(it) }
def log = new File(basedir, 'build.log').text
def h2 = "localhost:" + hosts.getProperty('h2.ssh.port')
def h3 = "localhost:" + hosts.getProperty('h3.ssh.port')

assert log.contains('Rolling back itrollback to it-1 on 2 hosts') : 'a bare rollback goes to the previous release'
[h2, h3].each { host ->
    assert log =~ /${host}\s+web\s+it-1\s+4540\s+[0-9.]+ s\s+port 4541, drained in [0-9.]+ s/
    assert log.contains("[${host}] it-1 (current)")
    assert log.contains("[${host}] it-2 (previous)")
    assert log =~ /\[${host}\] it-2 on port 4541/ : 'app-version after the rollback by name'
    def start = log.indexOf("Audit log on ${host}:")
    def end = log.indexOf('Audit log on ', start + 1)
    def audit = log.substring(start, end < 0 ? log.length() : end)
    assert audit =~ /\] Rolled back web version it-1 on port 4540/ : audit
    assert audit =~ /\] Rolled back web version it-2 on port 4541/ : audit
}
assert log.contains('Release it-9 is not complete on ' + h2 + ', ' + h3)
assert log.contains('nothing was changed on any host')
assert log.contains('Rolling back itrollback to it-2 on 2 hosts')

['h2', 'h3'].each { name ->
    def socket = new Socket('localhost', hosts.getProperty(name + '.http.port') as int)
    socket.outputStream << "GET / HTTP/1.1\r\nHost: itrollback.localhost\r\nConnection: close\r\n\r\n"
    socket.outputStream.flush()
    def response = socket.inputStream.text
    socket.close()
    assert response.startsWith('HTTP/1.1 200') : response
    assert response.endsWith('\r\n\r\nit-2: rolled by the invoker test\n') : response
}

// -Dxamal.hosts narrows a rollback and app-version like a deploy: h2 goes back to it-1, h3 stays on it-2.
evaluate(new File(basedir, '../../../../src/it/shared/mvn-runs.groovy'))
def (rolled, rolledLog) = run(['xamal:rollback', '-Dxamal.hosts=' + h2], 'rollback-one-host.log')
assert rolled == 0 : rolledLog
assert rolledLog.contains('Rolling back itrollback to it-1 on 1 host\n') : rolledLog
assert !rolledLog.contains(h3) : 'the rollback touched ' + h3 + ':\n' + rolledLog
def (shown, shownLog) = run(['xamal:app-version', '-Dxamal.hosts=' + h3], 'app-version-one-host.log')
assert shown == 0 : shownLog
assert shownLog =~ /\[${h3}\] it-2 on port 4541/ && !shownLog.contains(h2) : shownLog
['h2': 'it-1', 'h3': 'it-2'].each { name, version ->
    def socket = new Socket('localhost', hosts.getProperty(name + '.http.port') as int)
    socket.outputStream << "GET / HTTP/1.1\r\nHost: itrollback.localhost\r\nConnection: close\r\n\r\n"
    socket.outputStream.flush()
    def response = socket.inputStream.text
    socket.close()
    assert response.endsWith("\r\n\r\n${version}: rolled by the invoker test\n") : name + ': ' + response
}
true
