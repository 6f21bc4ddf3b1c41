// The README's quick start worked: init wrote the files, setup bootstrapped the host and deployed,
// and the app answers through Caddy on h1's mapped HTTP port with the sample configuration's env.
def hosts = new Properties()
new File(basedir, '../../test-hosts.properties').withInputStream { hosts.load(it) }
def log = new File(basedir, 'build.log').text
def host = "localhost:" + hosts.getProperty('h1.ssh.port')
assert log.contains('Created config/xamal.yml')
assert log.contains('Created .xamal/secrets')
assert log.contains('Bootstrapping quickstart on 1 host')
assert log =~ /${host}\s+web\s+\S+\s+4320\b/ : 'no summary row for the web role on port 4320'

def socket = new Socket('localhost', hosts.getProperty('h1.http.port') as int)
socket.outputStream << "GET / HTTP/1.1\r\nHost: quickstart.localhost\r\nConnection: close\r\n\r\n"
socket.outputStream.flush()
def response = socket.inputStream.text
socket.close()
assert response.startsWith('HTTP/1.1 200') : response
assert response.endsWith(' on quickstart.localhost\n') : response
