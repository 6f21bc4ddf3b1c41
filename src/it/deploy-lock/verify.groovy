// The deploy lock, the audit log and the hooks, through real mvn xamal:* runs on two test hosts.
// The mvn runs and the OpenSSH commands go through src/it/shared/mvn-runs.groovy.
import java.util.concurrent.TimeUnit

evaluate(new File(basedir, '../../../../src/it/shared/mvn-runs.groovy'))
env.IT_MVN = mvn.join(' ')
def h1 = 'localhost:' + hosts.getProperty('h1.ssh.port')
def h2 = 'localhost:' + hosts.getProperty('h2.ssh.port')
def app = 'itlock.staging'

def awaitLine = { Process process, String logName, String text ->
    long deadline = System.currentTimeMillis() + 600_000
    while (!logOf(logName).contains(text)) {
        assert process.isAlive() : "mvn ended before printing '" + text + "':\n" + logOf(logName)
        assert System.currentTimeMillis() < deadline : "no '" + text + "' within 600 s:\n" + logOf(logName)
        Thread.sleep(200)
    }
}
def serving = { String host ->
    def socket = new Socket('localhost', hosts.getProperty(host + '.http.port') as int)
    socket.outputStream << "GET / HTTP/1.1\r\nHost: itlock-staging.localhost\r\nConnection: close\r\n\r\n"
    socket.outputStream.flush()
    def response = socket.inputStream.text
    socket.close()
    assert response.startsWith('HTTP/1.1 200') : response
    response.substring(response.indexOf('\r\n\r\n') + 4).trim()
}
def lockFree = {
    def (status, out) = run(['xamal:lock-status', '-Dxamal.destination=staging'], 'lock-status.log')
    assert status == 0 : out
    out.contains('No deploy lock of ' + app + ' is in place')
}

// 4. Every XAMAL_* value of the hooks of the v2 deploy (-Dxamal.roles=web, destination staging).
def sections = []
new File(basedir, 'hooks.log').eachLine { line ->
    if (line.startsWith('== ') && !line.startsWith('== env files')) {
        sections << [name: line.substring(3).trim(), vars: [:]]
    } else if (line.startsWith('XAMAL_') && sections) {
        def cut = line.indexOf('=')
        sections[-1].vars[line.substring(0, cut)] = line.substring(cut + 1)
    }
}
def v2 = sections.findAll { it.vars.XAMAL_VERSION == 'v2' }
// (the two hosts switch at the same time, so their caddy-reload hooks may interleave)
assert v2*.name.take(2) == ['pre-connect', 'pre-deploy'] && v2[-1].name == 'post-deploy' : v2*.name
assert v2*.name.subList(2, v2.size() - 1).sort() == ['post-caddy-reload', 'post-caddy-reload', 'pre-caddy-reload',
                                                    'pre-caddy-reload'] : v2*.name
v2.each { hook ->
    def vars = hook.vars
    assert vars.XAMAL_SERVICE == 'itlock'
    assert vars.XAMAL_SERVICE_VERSION == 'itlock@v2'
    assert vars.XAMAL_ROLES == 'web'
    assert vars.XAMAL_DESTINATION == 'staging'
    assert vars.XAMAL_COMMAND == 'deploy'
    assert vars.XAMAL_SUBCOMMAND == ''
    assert vars.XAMAL_PERFORMER
    assert vars.XAMAL_RECORDED_AT ==~ /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z/
    assert vars.XAMAL_LOCK == (hook.name in ['pre-connect', 'post-deploy'] ? 'false' : 'true') : hook
    assert vars.XAMAL_RUNTIME == null || hook.name == 'post-deploy'
    if (hook.name.contains('caddy-reload')) {
        assert vars.XAMAL_HOSTS in [h1, h2] : hook
    } else {
        assert vars.XAMAL_HOSTS == h1 + ',' + h2 : hook
    }
}
assert v2.findAll { it.name == 'pre-caddy-reload' }*.vars*.XAMAL_HOSTS.sort() == [h1, h2].sort()
assert v2.find { it.name == 'post-deploy' }.vars.XAMAL_RUNTIME ==~ /\d+/
// The env file of the slot the first boot used was on the (fresh) host before pre-deploy ran.
assert new File(basedir, 'hooks.log').text.contains('== env files at pre-deploy of v1: web-4500.env')
assert serving('h1') == 'v2: deployed under the lock'

// 1. A manual lock refuses a deploy with the holder's details; a deploy with lockWait waits for
// it, heartbeats, and proceeds once it is released.
def (acquired, acquireLog) = run(['xamal:lock-acquire', '-Dxamal.destination=staging', '-Dxamal.message=release freeze'], 'lock-acquire.log')
assert acquired == 0 : acquireLog
def (refused, refusedLog) = run(['xamal:deploy', '-Dxamal.destination=staging', '-Dxamal.version=v3'], 'deploy-refused.log')
assert refused != 0
assert refusedLog.contains('The deploy lock of ' + app + ' is held:') : refusedLog
assert refusedLog.contains('Message: release freeze')
assert refusedLog.contains('Goal: lock-acquire')
assert refusedLog =~ /Locked by: .+ at \d{4}-\d\d-\d\dT/
assert refusedLog =~ /Process: \d+/
assert refusedLog.contains('Machine: ')
assert !refusedLog.contains('starting web v3')
def waiting = start(['xamal:deploy', '-Dxamal.destination=staging', '-Dxamal.version=v3', '-Dxamal.lockWait=300'], 'deploy-wait.log')
awaitLine(waiting, 'deploy-wait.log', 'Still waiting for the deploy lock of ' + app)
assert serving('h1') == 'v2: deployed under the lock' : 'nothing deployed while waiting'
def (released, releaseLog) = run(['xamal:lock-release', '-Dxamal.destination=staging'], 'lock-release.log')
assert released == 0 && releaseLog.contains('Released the deploy lock of ' + app) : releaseLog
def (waited, waitLog) = finish(waiting, 'deploy-wait.log')
assert waited == 0 : waitLog
assert waitLog.contains('Acquired the deploy lock of ' + app)
assert serving('h1') == 'v3: deployed under the lock'
assert serving('h2') == 'v3: deployed under the lock'
assert lockFree()

// 2. SIGINT and SIGTERM to a deploy waiting in its health check: the lock is free afterwards and
// the old version still serves.
['INT', 'TERM'].each { signal ->
    def logName = 'deploy-sig' + signal + '.log'
    def version = 'hang-' + signal.toLowerCase()
    def hanging = start(['xamal:deploy', '-Dxamal.destination=staging', '-Dxamal.version=' + version], logName)
    awaitLine(hanging, logName, 'starting web ' + version + ' on port')
    assert !lockFree() : 'the deploy holds the lock while it boots'
    new ProcessBuilder('kill', '-' + signal, Long.toString(hanging.pid())).inheritIO().start().waitFor()
    assert hanging.waitFor(120, TimeUnit.SECONDS) : 'mvn did not end after SIG' + signal + ':\n' + logOf(logName)
    assert logOf(logName).contains('Interrupted: released the deploy lock of ' + app) : logOf(logName)
    assert lockFree() : 'SIG' + signal + ' left the lock held'
    assert serving('h1') == 'v3: deployed under the lock'
    assert serving('h2') == 'v3: deployed under the lock'
}

// A failing pre-deploy hook stops the deploy; the lock is released first, nothing switched.
def (failed, failedLog) = run(['xamal:deploy', '-Dxamal.destination=staging', '-Dxamal.version=fail-hook'], 'deploy-hook-fails.log')
assert failed != 0 : failedLog
assert failedLog.contains('[pre-deploy] refusing to deploy fail-hook') : failedLog
assert failedLog.contains('hook pre-deploy (') && failedLog.contains('failed with exit status 3') : failedLog
assert failedLog.indexOf('Released the deploy lock of ' + app) < failedLog.indexOf('BUILD FAILURE') : failedLog
assert !failedLog.contains('starting web fail-hook')
assert lockFree()
assert serving('h1') == 'v3: deployed under the lock'

// 3. pre-deploy of nested-outer runs mvn xamal:redeploy: refused without XAMAL_LOCK, done inside
// the held lock with it.
def (outer, outerLog) = run(['xamal:deploy', '-Dxamal.destination=staging', '-Dxamal.version=nested-outer'], 'deploy-nested.log')
assert outer == 0 : outerLog
def hooksLog = new File(basedir, 'hooks.log').text
assert hooksLog.contains('nested outside exit 1') : hooksLog
assert hooksLog.contains('nested inside exit 0') : hooksLog
def outside = logOf('nested-outside.log')
assert outside.contains('The deploy lock of ' + app + ' is held:') && outside.contains('Version: nested-outer')
        && outside.contains('Goal: deploy') : outside
def inside = logOf('nested-inside.log')
assert inside.contains('Running inside the deploy lock of the calling goal (XAMAL_LOCK=true)') : inside
assert inside =~ /web\s+nested-inner\s+\d+\s+[0-9.]+ s/ : inside
assert serving('h1') == 'nested-outer: deployed under the lock'
assert lockFree()

// A rollback (to nested-inner, the release before nested-outer), then an app-boot of the current
// release: each is one more audit line per host below.
def (rolled, rolledLog) = run(['xamal:rollback', '-Dxamal.destination=staging'], 'rollback.log')
assert rolled == 0 : rolledLog
assert serving('h1').startsWith('nested-inner') && serving('h2').startsWith('nested-inner')
def (rebooted, rebootedLog) = run(['xamal:app-boot', '-Dxamal.destination=staging'], 'app-boot.log')
assert rebooted == 0 : rebootedLog
assert serving('h1').startsWith('nested-inner') && serving('h2').startsWith('nested-inner')
assert lockFree()

// 5. The audit log of each host: one line per boot of each version (nested-inner: its deploy and
// the app-boot), one for the rollback, none for the interrupted ones, no secret; mvn xamal:audit
// shows it per host.
def stamped = { String version, String what -> /\[\d{4}-\d\d-\d\dT[0-9:.]+Z\] \[.+\] \[itlock\.staging\] \[web\] \[${version}\] ${what} web version ${version} on port 450[01]/ }
[h1: 'h1', h2: 'h2'].each { id, host ->
    def audit = onHost(host, 'cat ~/.xamal/' + app + '-audit.log')
    def lines = audit.readLines()
    ['v1': 1, 'v2': 1, 'v3': 1, 'nested-inner': 2, 'nested-outer': 1].each { version, boots ->
        def booted = lines.findAll { it.contains('] Booted web version ' + version + ' on port ') }
        assert booted.size() == boots : version + ' on ' + host + ':\n' + audit
        booted.each { assert it ==~ stamped(version, 'Booted') }
    }
    def rolledBack = lines.findAll { it.contains('] Rolled back web version ') }
    assert rolledBack.size() == 1 && rolledBack[0] ==~ stamped('nested-inner', 'Rolled back') : audit
    assert lines.count { it.contains('] Bootstrapped the host') } == 1 : audit
    assert !audit.contains('hang-') : audit
    assert !audit.contains('mk-lock-audit-4e9b27') : 'a secret in the audit log'
    assert lines.size() == 8 : audit
}
def (shown, auditLog) = run(['xamal:audit', '-Dxamal.destination=staging', '-Dxamal.lines=2'], 'audit.log')
assert shown == 0 : auditLog
assert auditLog.contains('Audit log on ' + h1 + ':') && auditLog.contains('Audit log on ' + h2 + ':')
assert auditLog.count('Rolled back web version nested-inner') == 2 && auditLog.count('Booted web version nested-inner') == 2
assert !auditLog.contains('nested-outer') : 'only the last 2 lines'
return true
