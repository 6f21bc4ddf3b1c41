// The automatic prune of the third deploy removed r-1 and its layer; prune then had nothing to
// remove; remove took the site, units and files away. Hosts: the plugin module's test-hosts file.
def hosts = new Properties()
new File(basedir, '../../test-hosts.properties').withInputStream { hosts.load(it) }
def log = new File(basedir, 'build.log').text
def host = "localhost:" + hosts.getProperty('h3.ssh.port')

assert log =~ /\[${host}\] removed releases r-1 and 1 layer, freed [0-9.]+ (bytes|[kMGT]B)/
// The host is pruned as soon as it booted, before the deploy's summary.
def third = log.indexOf("Deploying itremove r-3 to 1 host")
def pruned = log.indexOf("[${host}] removed releases r-1")
assert third >= 0 && pruned > log.indexOf("[${host}] drained and stopped port", third) : 'pruned before the switch ended'
assert pruned < log.indexOf("Deployed itremove r-3:") : 'pruned only after the summary'
assert log.contains("[${host}] nothing to prune; keeping r-3, r-2")
// remove without -Dxamal.confirm asks on the console; with none (as here) it refuses, naming what
// it would delete, and the host keeps serving r-3 (the confirmed remove after it still gets the lock).
def refused = log.indexOf("remove deletes itremove (its site, units, releases and files) from ${host}; "
        + "confirm with -Dxamal.confirm=true")
def removing = log.indexOf("Removing itremove from 1 host")
assert refused >= 0 : 'the refusal of remove without -Dxamal.confirm'
assert removing > refused
def serving = log.indexOf("[${host}] r-3 on port 4530", refused)
assert serving > refused && serving < removing : 'app-version between the refusal and the remove'
assert log.contains("Removing itremove from 1 host")
assert log.contains("[${host}] removed the site, units itremove.web@.service, ")
assert log.contains(" and /opt/xamal/itremove")

// With no site left Caddy may not listen on port 80 at all: a refused or reset connection is
// as good an answer as any that does not come from the app.
def response = ''
try {
    def socket = new Socket('localhost', hosts.getProperty('h3.http.port') as int)
    socket.soTimeout = 10000
    socket.outputStream << "GET / HTTP/1.1\r\nHost: itremove.localhost\r\nConnection: close\r\n\r\n"
    socket.outputStream.flush()
    response = socket.inputStream.text
    socket.close()
} catch (IOException e) {
    response = e.toString()
}
assert !response.contains('serving') : 'the removed app still answers: ' + response

// The audit log survives remove and records the prune and the removal.
def audit = log.substring(log.lastIndexOf('Audit log on '))
assert audit =~ /\] Pruned old releases/ : audit
assert (audit =~ /\] Removed app/).count == 1 : 'only the confirmed remove is recorded: ' + audit

assert !(log =~ /(?m)^\s+at [a-z]/) : 'build.log shows a stack trace frame'
