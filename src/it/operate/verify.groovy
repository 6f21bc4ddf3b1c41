// setup, migrate and app-logs ran as the invoker's goals; the goals that need quoting, a terminal or
// Ctrl-C run here as separate mvn processes, with the XAMAL_IT_* variables the goals saw rebuilt
// from the plugin module's target/test-hosts.properties (this script runs in the invoker's JVM).
import java.util.concurrent.TimeUnit

def described = new Properties()
new File(basedir, '../../test-hosts.properties').withInputStream { described.load(it) }
def h2 = 'localhost:' + described.getProperty('h2.ssh.port')
def h3 = 'localhost:' + described.getProperty('h3.ssh.port')
def user = described.getProperty('user')
def noStackTrace = { String text, String what -> assert !(text =~ /(?m)^\s+at [a-z]/) : "${what} shows a stack trace frame:\n${text}" }

// --- the invoker's goals ---
def log = new File(basedir, 'build.log').text
noStackTrace(log, 'build.log')
assert log.contains("[${h2}] migrating it db")
assert log.contains("[${h2}] migrated it db")
assert !log.contains("[${h3}] migrat") : 'migrate runs on the primary host only'
[h2, h3].each { host ->
    assert log =~ /\[${java.util.regex.Pattern.quote(host)}\] .*itops ops-1 listening on port 4640/ : "no ops-1 journal line of ${host}"
}

// --- processes: mvn and OpenSSH, as a user would run them ---
def repoUrl = localRepositoryPath.toURI().toString()
def settings = new File(basedir, 'operate-settings.xml')
settings.text = """<settings><profiles><profile><id>it</id>
<activation><activeByDefault>true</activeByDefault></activation>
<repositories><repository><id>local.central</id><url>${repoUrl}</url></repository></repositories>
<pluginRepositories><pluginRepository><id>local.central</id><url>${repoUrl}</url></pluginRepository></pluginRepositories>
</profile></profiles></settings>"""
def mvnCommand = { List<String> args ->
    [new File(System.getProperty('maven.home'), 'bin/mvn').path, '-B', '-o', '-s', settings.path,
     "-Dmaven.repo.local=${localRepositoryPath}".toString()] + args
}
def environment = { Map<String, String> extra ->
    def env = [MAVEN_SKIP_RC: '1']
    described.stringPropertyNames().each { env['XAMAL_IT_' + it.toUpperCase().replace('.', '_')] = described.getProperty(it) }
    env + extra
}
def start = { List<String> command, Map<String, String> extra ->
    def builder = new ProcessBuilder(command).directory(basedir).redirectErrorStream(true)
    builder.environment().remove('MAVEN_OPTS')
    builder.environment().putAll(environment(extra))
    builder.start()
}
// Collects a process's output in the background; awaits a pattern or the end with a deadline.
class Collected {
    final StringBuffer text = new StringBuffer()
    final Thread reader
    Collected(Process process) {
        reader = Thread.start {
            def buffer = new byte[4096]
            int n
            while ((n = process.inputStream.read(buffer)) > 0) { text.append(new String(buffer, 0, n, 'UTF-8')) }
        }
    }
    boolean await(String needle, long seconds) { awaitFrom(needle, 0, seconds) >= 0 }
    // Where needle shows at or after from, once it does; -1 when it has not within the deadline.
    int awaitFrom(String needle, int from, long seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds)
        int at
        while ((at = text.indexOf(needle, from)) < 0) {
            if (System.nanoTime() > deadline) { return -1 }
            Thread.sleep(100)
        }
        at
    }
}
def kill = { Process process ->
    process.descendants().each { it.destroyForcibly() }
    process.destroyForcibly()
}
def finish = { Process process, Collected out, long seconds ->
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        kill(process)
        assert false : "still running after ${seconds} s:\n${out.text}"
    }
    out.reader.join(10000)
    [status: process.exitValue(), out: out.text.toString()]
}
def shellQuote = { String word -> "'" + word.replace("'", "'\\''") + "'" }
// Runs a goal under script(1), which gives mvn a terminal. Each step's keys are typed only once the
// screen shows what the step waits for (after the previous step's text): keys typed ahead of the
// remote program's read can be flushed when it sets its terminal up, and would then never arrive.
def onTerminal = { List<String> args, List<List<String>> steps ->
    def line = mvnCommand(args).collect { shellQuote(it) }.join(' ')
    def process = start(['script', '-qec', line, '/dev/null'], [:])
    def out = new Collected(process)
    int from = 0
    steps.each { step ->
        int at = out.awaitFrom(step[0], from, 90)
        if (at < 0) {
            kill(process)
            assert false : "the screen never showed \"${step[0]}\" within 90 s:\n${out.text}"
        }
        from = at + step[0].length()
        process.outputStream.write(step[1].getBytes('UTF-8'))
        process.outputStream.flush()
    }
    def result = finish(process, out, 300)
    process.outputStream.close()
    result
}
def ssh = { String host, String command ->
    def port = host.substring(host.indexOf(':') + 1)
    def process = new ProcessBuilder(['ssh', '-F', '/dev/null', '-i', described.getProperty('key'), '-p', port,
            '-o', 'IdentitiesOnly=yes', '-o', 'UserKnownHostsFile=' + described.getProperty('known_hosts'),
            '-o', 'GlobalKnownHostsFile=/dev/null', '-o', 'StrictHostKeyChecking=yes', '-o', 'BatchMode=yes',
            user + '@localhost', command]).redirectErrorStream(true).start()
    process.outputStream.close()
    def output = process.inputStream.text
    assert process.waitFor(60, TimeUnit.SECONDS)
    [status: process.exitValue(), out: output]
}

// migrate wrote its marker in the release context, on the primary host only.
assert ssh(h2, 'cat /opt/xamal/itops/migrated').out == 'version=ops-1 database=it db\n'
assert ssh(h3, 'test -e /opt/xamal/itops/migrated').status != 0

// app-exec on both hosts: an added value with spaces and quotes arrives intact; each host's status.
def greeting = 'it\'s "quoted", with  two spaces, $HOME and `ticks`'
def exec = start(mvnCommand(['xamal:app-exec',
        '-Dxamal.cmd=printf "%s|%s|%s|%s\\n" "$GREETING" "$DATABASE" "$(pwd -P)" "$(id -un)"; exit $(cat /tmp/itops-exit 2>/dev/null || echo 0)',
        "-Dxamal.env=GREETING=${greeting},MODE=dry".toString()]), [:])
def execResult = finish(exec, new Collected(exec), 300)
assert execResult.status == 0 : execResult.out
[h2, h3].each { host ->
    assert execResult.out.contains("[${host}] ${greeting}|it db|/opt/xamal/itops/releases/ops-1|${user}") : execResult.out
    assert execResult.out.contains("[${host}] exit status 0") : execResult.out
}
assert ssh(h3, 'echo 3 > /tmp/itops-exit').status == 0
exec = start(mvnCommand(['xamal:app-exec', '-Dxamal.cmd=exit $(cat /tmp/itops-exit 2>/dev/null || echo 0)']), [:])
execResult = finish(exec, new Collected(exec), 300)
ssh(h3, 'rm -f /tmp/itops-exit')
assert execResult.status != 0 : execResult.out
assert execResult.out.contains("[${h2}] exit status 0") && execResult.out.contains("[${h3}] exit status 3") : execResult.out
assert execResult.out.contains("failed on 1 of 2 hosts") && execResult.out.contains("- ${h3}: exit status 3") : execResult.out
noStackTrace(execResult.out, 'app-exec')

// The audit log: migrate on the primary host only; app-exec on both hosts, with its command.
def auditOf = { String host -> ssh(host, 'cat ~/.xamal/itops-audit.log').out }
assert auditOf(h2).contains('] Ran migrate') && !auditOf(h3).contains('] Ran migrate') : auditOf(h2) + auditOf(h3)
[h2, h3].each { host ->
    assert auditOf(host).contains('] Executed `exit $(cat /tmp/itops-exit 2>/dev/null || echo 0)` in the release') : auditOf(host)
}

// A pattern nothing matches is an empty answer, not a failure.
def grep = start(mvnCommand(['xamal:app-logs', '-Dxamal.grep=zzz-no-such-line']), [:])
def grepped = finish(grep, new Collected(grep), 300)
assert grepped.status == 0 : grepped.out
assert grepped.out.contains("[${h2}] -- No entries --") && grepped.out.contains("[${h3}] -- No entries --") : grepped.out

// A failing migration fails the goal with its exit status and output.
def failing = start(mvnCommand(['xamal:migrate']), [XAMAL_IT_MIGRATE: '--fail'])
def failed = finish(failing, new Collected(failing), 300)
assert failed.status != 0 : failed.out
assert failed.out.contains("The migration (run demo.Main migrate --fail) failed on ${h2} with exit status 3") : failed.out
assert failed.out.contains('migration failed: table greetings is locked') : failed.out
noStackTrace(failed.out, 'failing migrate')

// Interactive exec and the console over a terminal: the remote side sees a TTY; JShell evaluates.
def tty = onTerminal(['xamal:app-exec', '-Dxamal.interactive', "-Dxamal.hosts=${h2}".toString(),
                      '-Dxamal.cmd=tty && test -t 0 && test -t 1 && echo remote-sees-a-tty && sleep 1'], [])
assert tty.status == 0 : tty.out
assert tty.out =~ /\/dev\/pts\/\d+/ && tty.out.contains('remote-sees-a-tty') : tty.out
def console = onTerminal(['xamal:console', "-Dxamal.hosts=${h2}".toString()],
        [['jshell>', '1+1\n'], ['$1 ==> 2', '/exit\n']])
assert console.status == 0 : console.out
assert console.out.contains('$1 ==> 2') : console.out

// Following the journal ends cleanly on Ctrl-C, and no journalctl stays behind on the host.
def follow = start(mvnCommand(['xamal:server-logs', '-Dxamal.follow', "-Dxamal.hosts=${h2}".toString()]), [:])
def followed = new Collected(follow)
assert followed.await("[${h2}]", 120) : "no journal line while following:\n${followed.text}"
assert ssh(h2, "pgrep -f '[j]ournalctl.*--follow'").status == 0 : 'journalctl --follow is not running on the host'
assert new ProcessBuilder(['kill', '-INT', follow.pid().toString()]).start().waitFor() == 0
def stopped = finish(follow, followed, 30)
noStackTrace(stopped.out, 'follow')
assert !stopped.out.contains('[ERROR]') : stopped.out
long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20)
while (ssh(h2, "pgrep -f '[j]ournalctl.*--follow'").status == 0) {
    assert System.nanoTime() < deadline : 'journalctl --follow still runs on the host after Ctrl-C'
    Thread.sleep(200)
}
return true
