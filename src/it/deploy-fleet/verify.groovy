// The fleet: groups of one host (web hosts first), a hook pair per group, both web hosts serving
// f-2 through their own Caddy, the worker on f-3, f-4 delivered to the worker host only.
def hosts = new Properties()
new File(basedir, '../../test-hosts.properties').withInputStream { hosts.load(it) }
def log = new File(basedir, 'build.log').text
def h1 = "localhost:" + hosts.getProperty('h1.ssh.port')
def h2 = "localhost:" + hosts.getProperty('h2.ssh.port')
def h3 = "localhost:" + hosts.getProperty('h3.ssh.port')

assert log.contains("Booting group 1 of 3: ${h1}")
assert log.contains("Booting group 2 of 3: ${h2}")
assert log.contains("Booting group 3 of 3: ${h3}")
assert log =~ /${h3}\s+worker\s+f-2\s+-\s+[0-9.]+ s/

// boot.wait: 1 between the groups of setup (f-1) and of the f-2 deploy; none after a last group.
assert log.count('Waiting 1 s before the next group (boot.wait)') == 4 : log

// XAMAL_ROLES is the run's roles: both without -Dxamal.roles, the worker only with it.
def hookLog = new File(basedir, 'app-boot-hooks.log').readLines()
def pairs = { v -> [h1, h2, h3].collectMany { ["pre-app-boot ${it} ${v} web,worker".toString(), "post-app-boot ${it} ${v} web,worker".toString()] } }
assert hookLog == pairs('f-1') + pairs('f-2') + ["pre-app-boot ${h3} f-3 worker".toString(), "post-app-boot ${h3} f-3 worker".toString()] :
        hookLog.join('\n')

// -Dxamal.roles=worker: only the worker host booted f-3, only it got f-4.
assert log =~ /${h3}\s+worker\s+f-3\s+-\s+[0-9.]+ s/
assert !(log =~ /web\s+f-3/)
assert log.contains("[${h3}] assembled release f-4")
assert !log.contains("[${h1}] assembled release f-4") && !log.contains("[${h2}] assembled release f-4")

['h1', 'h2'].each { h ->
    def socket = new Socket('localhost', hosts.getProperty("${h}.http.port") as int)
    socket.outputStream << "GET / HTTP/1.1\r\nHost: itfleet.localhost\r\nConnection: close\r\n\r\n"
    socket.outputStream.flush()
    def response = socket.inputStream.text
    socket.close()
    assert response.startsWith('HTTP/1.1 200') : response
    assert response.endsWith('\r\n\r\nf-2\n') : "${h}: ${response}"
}
true
