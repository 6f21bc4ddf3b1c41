// setup then deploy, then a redeploy of a release built before (skipBuild): the summary table rows, the answer through Caddy on h1's mapped port, the history.
// The hosts are described in the plugin module's target/test-hosts.properties (the goals saw them
// as XAMAL_IT_* variables; this script runs in the invoker's own JVM, which did not).
def hosts = new Properties()
new File(basedir, '../../test-hosts.properties').withInputStream { hosts.load(it) }
def log = new File(basedir, 'build.log').text
def host = "localhost:" + hosts.getProperty('h1.ssh.port')
assert log.contains('Bootstrapping itdeploy on 1 host')
assert log =~ /${host}\s+web\s+it-1\s+4300\s+[0-9.]+ s\s+-/
assert log =~ /${host}\s+web\s+it-2\s+4301\s+[0-9.]+ s\s+port 4300, drained in [0-9.]+ s/
assert log =~ /\[${host}\] sent [0-9.]+ [kMG]?B in [0-9.]+ s \([0-9.]+ [kMG]?B\/s\)/ : 'no upload progress line'
assert log.contains('1 layer was already on the host') || log.contains('2 layers were already on the host') :
        'the second deploy reuses the cached runtime layer'

// -Dxamal.skipBuild=true: the redeploy neither packaged nor built; it deployed what xamal:build left.
assert log.count('Building release itdeploy-it-3 ') == 1 : 'it-3 is built once, by xamal:build'
assert !log.contains('xamal:redeploy -> package') : 'the redeploy with skipBuild ran no package phase'
assert log =~ /${host}\s+web\s+it-3\s+4300\s+[0-9.]+ s\s+port 4301, drained in [0-9.]+ s/
assert log.contains('release itdeploy-it-9 was not built (no ') : 'a release never built is named'

// The redeploy's round trips, from its verbose lines (one "[host] $ command" line per command): the
// lock, the delivery (query, upload, assembly), the start with its health wait, the switch's two
// commands, the lock's release. The prune reads the app's state from the switch's output; an
// inventory read of its own (it starts by changing to the app's directory) would be one more.
def redeploy = log.split(/Scanning for projects/).find { it.contains('Deployed itdeploy it-3') }
assert redeploy : 'the redeploy of it-3 is in the log'
def commands = redeploy.readLines().findAll { it.contains("] [${host}] \$ ") }
assert !commands.any { it.contains("\$ cd '/opt/xamal/itdeploy' 2>/dev/null") } : 'a separate inventory read: ' + commands
assert commands.size() == 6 : "six commands on the host, not ${commands.size()}:\n" + commands.collect { it.take(120) }.join('\n')
// The SSH library's INFO lines (its security provider, its I/O factory, a server's extensions) stay out.
['getOrCreateProvider', 'IoServiceFactoryFactory', 'Server announced support'].each { line ->
    assert !log.contains(line) : "the SSH library's INFO line '${line}' is in the goal's output"
}

def http = hosts.getProperty('h1.http.port')
// A raw request: HttpURLConnection would drop the Host header.
def socket = new Socket('localhost', http as int)
socket.outputStream << "GET / HTTP/1.1\r\nHost: itdeploy.localhost\r\nConnection: close\r\n\r\n"
socket.outputStream.flush()
def response = socket.inputStream.text
socket.close()
assert response.startsWith('HTTP/1.1 200') : response
assert response.endsWith('\r\n\r\nit-3: deployed by the invoker test\n') : response
