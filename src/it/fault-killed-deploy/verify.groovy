// The deploying Maven process killed with SIGKILL while the new instance boots, through real
// mvn xamal:* runs on one test host, under a bounded load loop through Caddy: the old version
// serves throughout; the next deploy is refused naming the dead holder; one lock-release frees
// the lock; the deploy after it stops the stale instance and converges with nothing else done by
// hand; a later deploy's prune takes the old release away.
// The mvn runs and the OpenSSH commands go through src/it/shared/mvn-runs.groovy.
import java.util.concurrent.TimeUnit

evaluate(new File(basedir, '../../../../src/it/shared/mvn-runs.groovy'))
def app = 'itkill'
def host = 'h3'
def blue = 4740
def green = 4741
def unit = { int port -> app + '.web@' + port + '.service' }

def onTheHost = { String command -> onHost(host, command).trim() }
def get = { String path ->
    def socket = new Socket()
    try {
        socket.connect(new InetSocketAddress('localhost', hosts.getProperty(host + '.http.port') as int), 5000)
        socket.soTimeout = 10000
        socket.outputStream << "GET " + path + " HTTP/1.1\r\nHost: " + app + ".localhost\r\nConnection: close\r\n\r\n"
        socket.outputStream.flush()
        def response = socket.inputStream.text
        [response.startsWith('HTTP/1.1 200') ? 200 : response.take(12), response.substring(response.indexOf('\r\n\r\n') + 4).trim()]
    } finally {
        socket.close()
    }
}
def serving = { ->
    def (status, body) = get('/')
    assert status == 200 : body
    body
}
def lockStatus = { ->
    def (status, out) = run(['xamal:lock-status'], 'lock-status.log')
    assert status == 0 : out
    out
}

assert serving() == 'v1'

// A bounded load loop through Caddy (about 50 requests a second, at most 60000 requests and 1800 s;
// stops by itself): every answer must be a 200, the versions seen change from v1 to v2 once.
def stop = new java.util.concurrent.atomic.AtomicBoolean()
def load = [requests: 0, failures: [], versions: []]
def loop = new Thread({
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1800)
    while (!stop.get() && load.requests < 60000 && System.nanoTime() < deadline) {
        load.requests++
        try {
            def (status, body) = get('/')
            if (status != 200) {
                load.failures << ('' + status + ': ' + body)
            } else if (load.versions.isEmpty() || load.versions[-1] != body) {
                load.versions << body
            }
        } catch (Exception e) {
            load.failures << e.toString()
        }
        Thread.sleep(20) // pacing, to keep the machine's load modest
    }
}, 'load-loop')
loop.daemon = true // a failed assertion ends the script; the loop then ends with the invoker's JVM at the latest
loop.start()

// 1. mvn xamal:deploy of v2, killed with SIGKILL once its instance on the idle port runs and
// listens while its health check still answers 503 (BOOT_SECONDS): the deploy is waiting in boot.
def deploying = start(['xamal:deploy', '-Dxamal.version=v2'], 'deploy-killed.log')
long bootDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(900)
while (onTheHost('echo $(systemctl is-active ' + unit(green) + ') $(curl -s -o /dev/null --max-time 2 -w "%{http_code}" '
        + 'http://127.0.0.1:' + green + '/)') != 'active 200') {
    assert deploying.isAlive() : 'mvn ended before the new instance booted:\n' + logOf('deploy-killed.log')
    if (System.nanoTime() > bootDeadline) {
        deploying.destroyForcibly()
        assert false : 'no instance on port ' + green + ' within 900 s:\n' + logOf('deploy-killed.log')
    }
    Thread.sleep(200)
}
assert onTheHost('curl -s -o /dev/null --max-time 2 -w "%{http_code}" http://127.0.0.1:' + green + '/health') == '503'
long pid = deploying.pid()
new ProcessBuilder('kill', '-KILL', Long.toString(pid)).inheritIO().start().waitFor()
assert deploying.waitFor(60, TimeUnit.SECONDS) && deploying.exitValue() == 137 : logOf('deploy-killed.log')
def killedLog = logOf('deploy-killed.log')
assert killedLog.contains('starting web v2 on port ' + green) : killedLog
assert !killedLog.contains('answered 200') && !killedLog.contains('Interrupted: released') : killedLog
assert serving() == 'v1' : 'the old version serves after the kill'
assert onTheHost('systemctl is-active ' + unit(green)) == 'active' : 'the killed deploy left its instance running'

// 2. The lock is still held by the dead process; lock-status and the next deploy say so, with
// the holder's host, pid, user and time, and what to run after checking it is gone.
def machine = InetAddress.getLocalHost().getHostName()
def status = lockStatus()
assert status.contains('The deploy lock of ' + app + ' is held:') : status
assert status.contains('Its holder is gone: process ' + pid + ' no longer runs on this machine (' + machine + ')') : status
def (refused, refusedLog) = run(['xamal:deploy', '-Dxamal.version=v2'], 'deploy-refused.log')
assert refused != 0 : refusedLog
assert refusedLog.contains('The deploy lock of ' + app + ' is held:') : refusedLog
assert refusedLog =~ /Locked by: .+ at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/ : refusedLog
['Version: v2', 'Machine: ' + machine, 'Process: ' + pid, 'Goal: deploy',
 'Its holder is gone: process ' + pid + ' no longer runs on this machine (' + machine + ')',
 'After checking that nothing else deploys ' + app + ' (the lock is never broken automatically), run mvn xamal:lock-release'
].each { assert refusedLog.contains(it) : it + ' in:\n' + refusedLog }
assert !refusedLog.contains('starting web') && !(refusedLog =~ /\sat dev\.xamal\./) : refusedLog
assert onTheHost('systemctl is-active ' + unit(green)) == 'active' : 'the refused deploy touched nothing'
// The killed run had delivered v2 whole before booting: marked complete, no assembly left over.
assert onTheHost('cd /opt/xamal/' + app + '/releases && ls -A | tr "\\n" " "') == 'v1 v2'
assert onTheHost('cat /opt/xamal/' + app + '/releases/v2/.xamal-complete | wc -l') == '3'

// 3. One lock-release frees it.
def (released, releaseLog) = run(['xamal:lock-release'], 'lock-release.log')
assert released == 0 : releaseLog
assert releaseLog.contains('Released the deploy lock of ' + app + ', which was held:') && releaseLog.contains('Process: ' + pid)
def lockDir = '~/.xamal/lock-' + app
assert onTheHost('test -d ' + lockDir + ' && echo held || echo free') == 'free'

// 4. The next deploy converges with nothing else done by hand: it stops the stale instance on the
// idle port, reuses the complete release, boots and switches.
def (deployed, deployLog) = run(['xamal:deploy', '-Dxamal.version=v2'], 'deploy-again.log')
assert deployed == 0 : deployLog
['stopped a stale instance on the idle port ' + green + ' (left running by an interrupted deploy)',
 'release v2 is already on the host', 'starting web v2 on port ' + green,
 'http://127.0.0.1:' + green + '/health answered 200', 'Released the deploy lock of ' + app
].each { assert deployLog.contains(it) : it + ' in:\n' + deployLog }
assert deployLog.indexOf('stopped a stale instance') < deployLog.indexOf('starting web v2')
assert serving() == 'v2'
stop.set(true)
loop.join(30000)
assert !loop.isAlive()
println "load loop: ${load.requests} requests, ${load.failures.size()} failed, versions in order ${load.versions}"
assert load.failures.isEmpty() : load.failures.take(10)
assert load.versions == ['v1', 'v2'] : load.versions
assert load.requests > 100 : 'the loop ran across the kill and the deploys'
assert onTheHost('systemctl is-active ' + unit(green) + '; systemctl is-enabled ' + unit(green)) == 'active\nenabled'
assert onTheHost('systemctl is-active ' + unit(blue) + ' || true') == 'inactive'
assert onTheHost('cat /opt/xamal/' + app + '/active_port; readlink /opt/xamal/' + app + '/current') == green + '\nreleases/v2'
def history = onTheHost('cut -f 3-6 /opt/xamal/' + app + '/history').readLines()
assert history == ['web\t' + blue + '\tv1\tdeploy', 'web\t' + green + '\tv2\tdeploy'] : history
def audit = onTheHost('cat ~/.xamal/' + app + '-audit.log')
assert audit.readLines().count { it.contains('] Booted web version v2 on port ' + green) } == 1 : audit
assert onTheHost('test -d ' + lockDir + ' && echo held || echo free') == 'free'

// 5. The next deploy switches back to the blue port, and its prune (retain_releases 1) takes v1
// away: nothing of the killed run is left but the releases the history keeps.
def (third, thirdLog) = run(['xamal:deploy', '-Dxamal.version=v3'], 'deploy-v3.log')
assert third == 0 : thirdLog
assert !thirdLog.contains('stopped a stale instance') : thirdLog
assert thirdLog =~ /removed releases v1 and \d+ layers?, freed/ : thirdLog
assert serving() == 'v3'
assert onTheHost('cd /opt/xamal/' + app + '/releases && ls -A | tr "\\n" " "') == 'v2 v3'
assert onTheHost('systemctl list-units "' + app + '.web@*" --state=active --no-legend --plain | cut -d " " -f 1') == unit(blue)
return true
