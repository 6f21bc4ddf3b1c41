// The site of itmaint answers 503 with the message and Retry-After after a deploy made during
// maintenance and after app-stop, whose units are stopped but stay enabled; the goals' lines say
// what they did. Hosts: the plugin module's test-hosts file.
def hosts = new Properties()
new File(basedir, '../../test-hosts.properties').withInputStream { hosts.load(it) }
def log = new File(basedir, 'build.log').text
def host = "localhost:" + hosts.getProperty('h2.ssh.port')

assert log.contains("[${host}] maintenance: the site answers 503 (Retry-After 90 s) with \"Back at noon\"")
assert log =~ /${host}\s+web\s+m-2\s+4521\s+[0-9.]+ s/
assert log.contains("[${host}] nothing to prune; keeping m-2, m-1")
assert log.contains("[${host}] version m-2, active port 4521, maintenance on")
assert log.contains("[${host}] unit itmaint.web@4521.service active/running enabled")
assert log.contains("[${host}] no drift from the configuration")

// app-stop: both slots' units stopped, still enabled (a boot brings them back).
assert log.contains("[${host}] stopped itmaint.web@4520.service, itmaint.web@4521.service")
def ssh = new ProcessBuilder('ssh', '-F', '/dev/null', '-i', hosts.getProperty('key'), '-p', hosts.getProperty('h2.ssh.port'),
        '-o', 'UserKnownHostsFile=' + hosts.getProperty('known_hosts'), '-o', 'BatchMode=yes',
        hosts.getProperty('user') + '@localhost',
        'systemctl is-active itmaint.web@4521.service; systemctl is-enabled itmaint.web@4521.service').redirectErrorStream(true).start()
def units = ssh.inputStream.text
assert ssh.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)
assert units.readLines() == ['inactive', 'enabled'] : units

def socket = new Socket('localhost', hosts.getProperty('h2.http.port') as int)
socket.outputStream << "GET / HTTP/1.1\r\nHost: itmaint.localhost\r\nConnection: close\r\n\r\n"
socket.outputStream.flush()
def response = socket.inputStream.text
socket.close()
assert response.startsWith('HTTP/1.1 503') : response
assert response =~ /(?i)\r\nRetry-After: 90\r\n/ : response
assert response.endsWith('\r\n\r\nBack at noon') : response

// The audit log on the host holds the maintenance and the deploys.
def audit = log.substring(log.indexOf("Audit log on ${host}:"))
assert audit =~ /\] Maintenance on/ : audit
assert audit =~ /\] Booted web version m-2 on port 4521/ : audit
assert audit =~ /\] Stopped app \(maintenance on\)/ : audit

assert !(log =~ /(?m)^\s+at [a-z]/) : 'build.log shows a stack trace frame'
