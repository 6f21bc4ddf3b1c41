import java.security.MessageDigest

// The leak audit of a real `mvn -X xamal:setup` and `mvn -X xamal:deploy` with three marker
// secrets: no marker in the Maven output, the host's journal, the audit log, any process's
// arguments, or any file on the host except the slot env files (which must be 0600); every remote
// command was logged at debug level. Markers are never sent to the host in a command line (a sudo
// log line would then hold them): grep reads its patterns from standard input.
def hosts = new Properties()
new File(basedir, '../../test-hosts.properties').withInputStream { hosts.load(it) }
def markers = new File(basedir, 'markers.txt').readLines().findAll { it }
assert markers.size() == 3 && markers.unique(false).size() == 3
def hostId = 'localhost:' + hosts.getProperty('h1.ssh.port')

def onHost = { String command, String stdin ->
    def ssh = ['ssh', '-i', hosts.getProperty('key'), '-p', hosts.getProperty('h1.ssh.port'),
               '-o', 'UserKnownHostsFile=' + hosts.getProperty('known_hosts'), '-o', 'StrictHostKeyChecking=yes',
               '-o', 'BatchMode=yes', '-o', 'IdentitiesOnly=yes', '-F', '/dev/null',
               hosts.getProperty('user') + '@localhost', command]
    def process = new ProcessBuilder(ssh).start()
    def err = new ByteArrayOutputStream()
    def errReader = Thread.start { err << process.errorStream }
    process.outputStream.withStream { if (stdin != null) it.write(stdin.getBytes('UTF-8')) }
    def out = process.inputStream.getText('UTF-8')
    assert process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS) : "ssh did not finish: ${command}"
    errReader.join()
    [status: process.exitValue(), out: out, err: err.toString('UTF-8')]
}
def leaked = { String text -> markers.findAll { text.contains(it) } }

// 1. The Maven output of both runs, at debug level.
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('[DEBUG]') : 'the runs were not at debug level'
assert leaked(log).isEmpty() : "markers ${leaked(log)} are in the Maven output"
def commandLines = log.readLines().findAll { it.contains("[${hostId}] \$ ") }
assert commandLines.size() >= 10 : "too few remote command lines logged: ${commandLines.size()}"
assert commandLines.every { it.startsWith('[DEBUG] ') } : 'remote command lines are logged at debug level only'
assert commandLines.any { it.contains('systemctl') } : 'no systemctl command was logged'
// Each deploy wrote its env file from the standard input of the command that starts the slot: the
// file private (chmod 0600) before a byte of it, the command (never the content) logged at debug level.
def envWrites = commandLines.findAll { it.contains('/env/.web-') && it.contains('chmod 0600') && it.contains('cat >> ') }
assert envWrites.size() >= 2 : "each deploy wrote its env file, mode 0600, from a logged command's standard input: ${envWrites.size()}"

// 2. The secrets did arrive: the app reports their SHA-256, never the values.
def socket = new Socket('localhost', hosts.getProperty('h1.http.port') as int)
socket.outputStream << "GET / HTTP/1.1\r\nHost: itleak.localhost\r\nConnection: close\r\n\r\n"
socket.outputStream.flush()
def response = socket.inputStream.getText('UTF-8')
socket.close()
def sha = { String v -> MessageDigest.getInstance('SHA-256').digest(v.getBytes('UTF-8')).encodeHex().toString() }
def signingKey = "-----BEGIN KEY-----\n${markers[2]}\n-----END KEY-----".toString()
assert response.startsWith('HTTP/1.1 200') : response
assert response.endsWith("leak-2 ${sha(markers[0])} ${sha(markers[1])} ${sha(signingKey)}\n".toString()) : response

// 3. Files on the host: only the slot env files may hold a marker, and they are 0600.
// (every directory of the host that holds files, not the kernel's /proc and /sys; devices,
// FIFOs and sockets are skipped; /usr below /usr/local holds only the image's packages)
def roots = '/opt /etc /home /root /tmp /var /run /srv /usr/local'
def grep = onHost("sudo -n grep -r -D skip -l -F -f - ${roots} 2>/dev/null; true", markers.join('\n') + '\n')
assert grep.status == 0 : grep.err
def files = grep.out.readLines().findAll { it }
assert !files.isEmpty() : 'grep found no marker at all, not even in the env files: the audit would be blind'
def notEnv = files.findAll { !(it ==~ /\/opt\/xamal\/itleak\/env\/[^\/]+\.env/) }
assert notEnv.isEmpty() : "markers are in files other than the env files: ${notEnv}"
files.each { file ->
    def mode = onHost("sudo -n stat -c '%a %U' '${file}'", null)
    assert mode.out.strip().startsWith('600 ') : "${file} has mode ${mode.out.strip()}, not 600"
}
def current = onHost("sudo -n sh -c 'grep -c -H -F -f - /opt/xamal/itleak/env/*.env'", markers.join('\n') + '\n')
assert current.out.readLines().any { it.endsWith(':3') } : "no env file holds all three secrets: ${current.out}"

// 4. The journal (every unit, the kernel, sudo's command lines).
def journal = onHost('sudo -n journalctl --no-pager -o cat', null)
assert journal.status == 0 : journal.err
assert journal.out.contains('itleak') : 'the journal does not mention the app: the audit would be blind'
assert leaked(journal.out).isEmpty() : "markers ${leaked(journal.out)} are in the journal"

// 5. The audit log (~/.xamal/<service>-audit.log of the SSH user): setup's and the deploy's lines.
def audit = onHost('cat ~/.xamal/itleak-audit.log', null)
assert audit.status == 0 : audit.err
assert audit.out.contains('] Bootstrapped the host') && audit.out.contains('] Booted web version leak-2 on port ') :
        "the audit log lacks setup's or the deploy's line: the check would be blind:\n${audit.out}"
assert leaked(audit.out).isEmpty() : "markers ${leaked(audit.out)} are in the audit log"

// 6. No process on the host carries a marker in its arguments.
def ps = onHost('ps -eo args', null)
assert ps.out.contains('java') : 'the app is not running: the process check would be blind'
assert leaked(ps.out).isEmpty() : "markers ${leaked(ps.out)} are in a process's arguments"
true
