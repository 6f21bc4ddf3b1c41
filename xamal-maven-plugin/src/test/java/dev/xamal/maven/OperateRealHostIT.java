package dev.xamal.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xamal.caddy.CaddyProxy;
import dev.xamal.core.EnvironmentException;
import dev.xamal.core.commands.JournalCommands;
import dev.xamal.core.config.Host;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.orchestration.AppExec;
import dev.xamal.core.orchestration.AppLogs;
import dev.xamal.core.orchestration.Console;
import dev.xamal.core.orchestration.Deploy;
import dev.xamal.core.orchestration.EnvAssignments;
import dev.xamal.core.orchestration.Migrate;
import dev.xamal.core.orchestration.ServerBootstrap;
import dev.xamal.core.release.ReleaseLayers;
import dev.xamal.core.spi.Terminal;
import dev.xamal.ssh.SshTransport;
import dev.xamal.testhosts.TestHost;
import dev.xamal.testhosts.TestHosts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operating a deployed app on two real hosts: {@code app-exec} on both (per-host output and exit
 * status, an added variable with spaces and quotes arriving intact), interactive exec and the
 * JShell console over a pseudo-terminal, the journal of a version whose deploy failed, following
 * a journal until the connection is closed, and {@code migrate} on the primary host (its marker,
 * and its failure with its output).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperateRealHostIT {
    private static final String APP = "ops";
    private static final String MARKER = "/opt/xamal/ops/migrated";

    @RegisterExtension
    static TestHosts hosts = TestHosts.start(2);

    @TempDir
    static Path dir;

    private static TestHost h1() {
        return hosts.host(1);
    }

    private static TestHost h2() {
        return hosts.host(2);
    }

    private static XamalConfig config(String extra) {
        return RealHostApp.config(dir, hosts, "service: " + APP + "\n"
                + "servers:\n  - \"" + h1().sshAddress() + "\"\n  - \"" + h2().sshAddress() + "\"\n"
                + "caddy:\n  ssl: false\n"
                + "deploy_timeout: 30\n"
                + "release:\n  jlink:\n    add_modules: [jdk.jshell, jdk.zipfs]\n"
                + "  migrate: \"dev.xamal.examples.hello.Migrate " + MARKER + "\"\n"
                + extra);
    }

    private static XamalConfig config() {
        return config("env:\n  clear:\n    HELLO_DATABASE: \"db one\"\n");
    }

    @Test
    @Order(1)
    void setupDeploysV1OnBothHosts() {
        XamalConfig config = config();
        ReleaseLayers v1 = HelloReleases.build(dir.resolve("build-v1"), config, "v1");
        try (SshTransport transport = RealHostApp.transport(config, dir)) {
            new ServerBootstrap(transport, new CaddyProxy(), new RealHostApp.RecordingOutput()).run(config, config.allHosts());
            deploy(transport, config, v1);
        }
        assertThat(HttpThroughCaddy.get(h1().httpPort(), "/version").body()).isEqualTo("v1\n");
        assertThat(HttpThroughCaddy.get(h2().httpPort(), "/version").body()).isEqualTo("v1\n");
    }

    @Test
    @Order(2)
    void execRunsOnBothHostsWithTheSlotsEnvironmentAndReportsEachHostsExitStatus() {
        XamalConfig config = config();
        h2().shell("echo 3 > /tmp/exit-status && chmod 644 /tmp/exit-status");
        String greeting = "it's \"quoted\", with  two spaces, $HOME and `backticks`";
        Map<String, String> env = EnvAssignments.parse("GREETING=" + greeting + ",MODE=dry");
        String command = "printf '%s|%s|%s|%s|%s\\n' \"$GREETING\" \"$MODE\" \"$HELLO_DATABASE\" \"$(pwd -P)\" \"$(id -un)\";"
                + " exit $(cat /tmp/exit-status 2>/dev/null || echo 0)";
        RealHostApp.RecordingOutput output = new RealHostApp.RecordingOutput();
        try (SshTransport transport = RealHostApp.transport(config, dir)) {
            assertThatThrownBy(() -> new AppExec(transport, output, config).run(config.allHosts(), config.roles(),
                    command, env))
                    .isInstanceOf(EnvironmentException.class)
                    .hasMessageContaining("failed on 1 of 2 hosts")
                    .hasMessageContaining("- " + h2().sshAddress() + ": exit status 3")
                    .hasMessageNotContaining("- " + h1().sshAddress());
        }
        String expected = greeting + "|dry|db one|/opt/xamal/ops/releases/v1|" + hosts.user();
        assertThat(output.lines()).contains(
                "[" + h1().sshAddress() + "] " + expected,
                "[" + h2().sshAddress() + "] " + expected,
                "[" + h1().sshAddress() + "] exit status 0",
                "[" + h2().sshAddress() + "] exit status 3");

        h2().shell("rm -f /tmp/exit-status");
        try (SshTransport transport = RealHostApp.transport(config, dir)) {
            List<AppExec.HostExit> exits = new AppExec(transport, new RealHostApp.RecordingOutput(), config)
                    .run(config.allHosts(), config.roles(), command, env);
            assertThat(exits).extracting(e -> e.result().exitStatus()).containsExactly(0, 0);
        }
    }

    @Test
    @Order(3)
    void interactiveExecSeesATerminalAndReadsWhatIsTyped() {
        XamalConfig config = config();
        try (SshTransport transport = RealHostApp.transport(config, dir)) {
            ScriptedTerminal terminal = new ScriptedTerminal(transport::close);
            terminal.whenShown("ready-to-read", "typed words\n");
            try {
                new AppExec(transport, new RealHostApp.RecordingOutput(), config).interactive(hostOf(config, h1()),
                        config.roles(), "tty; if [ -t 0 ]; then echo stdin-is-a-tty; fi; echo ready-to-read;"
                                + " read -r line; echo \"got:$line:$HELLO_DATABASE\"", Map.of(), terminal.terminal());
            } catch (RuntimeException e) {
                terminal.assertScriptCompleted();
                throw e;
            } finally {
                terminal.close();
            }
            System.out.println("interactive exec screen:\n" + terminal.screen());
            terminal.assertScriptCompleted();
            assertThat(terminal.screen()).contains("/dev/pts/").contains("stdin-is-a-tty").contains("got:typed words:db one");
        }
    }

    @Test
    @Order(4)
    void theConsoleIsJShellOnTheReleasesClassPathOverATerminal() {
        XamalConfig config = config();
        try (SshTransport transport = RealHostApp.transport(config, dir)) {
            ScriptedTerminal terminal = new ScriptedTerminal(transport::close);
            terminal.whenShown("jshell>", "1+1\n");
            terminal.whenShown("$1 ==> 2", "dev.xamal.examples.hello.Migrate.class.getSimpleName()\n");
            terminal.whenShown("$2 ==> \"Migrate\"", "/exit\n");
            try {
                new Console(transport, new RealHostApp.RecordingOutput(), config).run(hostOf(config, h1()), config.roles(),
                        terminal.terminal());
            } catch (RuntimeException e) {
                terminal.assertScriptCompleted();
                throw e;
            } finally {
                terminal.close();
            }
            System.out.println("console screen:\n" + terminal.screen());
            terminal.assertScriptCompleted();
            assertThat(terminal.screen()).contains("$1 ==> 2").contains("$2 ==> \"Migrate\"");
        }
    }

    @Test
    @Order(5)
    void logsOfAVersionWhoseDeployFailedShowThatRunOnly() {
        XamalConfig broken = config("env:\n  clear:\n    HELLO_DATABASE: \"db one\"\n    HELLO_FAIL_HEALTH: \"true\"\n");
        ReleaseLayers v2 = HelloReleases.build(dir.resolve("build-v2"), broken, "v2");
        try (SshTransport transport = RealHostApp.transport(broken, dir)) {
            assertThatThrownBy(() -> deploy(transport, broken, v2)).isInstanceOf(EnvironmentException.class);
        }
        XamalConfig config = config();
        RealHostApp.RecordingOutput v2Logs = new RealHostApp.RecordingOutput();
        RealHostApp.RecordingOutput activeLogs = new RealHostApp.RecordingOutput();
        try (SshTransport transport = RealHostApp.transport(config, dir)) {
            AppLogs logs = new AppLogs(transport, v2Logs, config);
            logs.app(List.of(hostOf(config, h1())), config.roles(), query(false), Optional.of("v2"));
            new AppLogs(transport, activeLogs, config).app(List.of(hostOf(config, h1())), config.roles(), query(false),
                    Optional.empty());
        }
        String prefix = "[" + h1().sshAddress() + "] ";
        assertThat(v2Logs.lines()).anyMatch(l -> l.startsWith(prefix) && l.contains("hello v2 listening on port 4001"))
                .anyMatch(l -> l.startsWith(prefix) && l.contains("hello: /health answers 503 (HELLO_FAIL_HEALTH)"))
                .noneMatch(l -> l.contains("hello v1 listening"));
        assertThat(activeLogs.lines()).anyMatch(l -> l.startsWith(prefix) && l.contains("hello v1 listening on port 4000"))
                .noneMatch(l -> l.contains("hello v2"));
        assertThat(HttpThroughCaddy.get(h1().httpPort(), "/version").body()).isEqualTo("v1\n");
    }

    @Test
    @Order(6)
    void followingEndsWhenTheConnectionIsClosedAndLeavesNoJournalctlBehind() throws Exception {
        XamalConfig config = config();
        RealHostApp.RecordingOutput output = new RealHostApp.RecordingOutput();
        AtomicReference<Throwable> ended = new AtomicReference<>();
        SshTransport transport = RealHostApp.transport(config, dir);
        Thread follow = new Thread(() -> {
            try {
                new AppLogs(transport, output, config).server(List.of(hostOf(config, h1())), query(true));
            } catch (Throwable t) {
                ended.set(t);
            }
        }, "follow");
        follow.start();
        await(() -> h1().exec("pgrep", "-f", "[j]ournalctl.*--follow").succeeded(), "journalctl --follow on the host");
        await(() -> !output.lines().isEmpty(), "a first journal line");
        Instant closed = Instant.now();
        transport.close();
        follow.join(Duration.ofSeconds(15).toMillis());
        assertThat(follow.isAlive()).as("following still runs after the connection closed").isFalse();
        System.out.printf("follow ended %d ms after close (%s)%n", Duration.between(closed, Instant.now()).toMillis(),
                ended.get() == null ? "returned" : ended.get().getMessage());
        await(() -> !h1().exec("pgrep", "-f", "[j]ournalctl.*--follow").succeeded(), "journalctl to end on the host");
    }

    @Test
    @Order(7)
    void migrateRunsOnceOnThePrimaryHostInTheReleaseContextAndItsFailureFailsWithItsOutput() {
        XamalConfig config = config();
        RealHostApp.RecordingOutput output = new RealHostApp.RecordingOutput();
        try (SshTransport transport = RealHostApp.transport(config, dir)) {
            new Migrate(transport, output, config).run();
        }
        assertThat(h1().shell("cat " + MARKER)).isEqualTo("version=v1 database=db one\n");
        assertThat(h2().exec("test", "-e", MARKER).succeeded()).as("only the primary host migrates").isFalse();
        assertThat(output.lines()).contains("[" + h1().sshAddress() + "] hello: migrated db one, marker " + MARKER);

        XamalConfig failingMigrate = RealHostApp.config(dir, hosts, "service: " + APP + "\n"
                + "servers:\n  - \"" + h1().sshAddress() + "\"\n  - \"" + h2().sshAddress() + "\"\n"
                + "caddy:\n  ssl: false\n"
                + "release:\n  jlink:\n    add_modules: [jdk.jshell, jdk.zipfs]\n"
                + "  migrate: \"dev.xamal.examples.hello.Migrate --fail\"\n");
        try (SshTransport transport = RealHostApp.transport(failingMigrate, dir)) {
            assertThatThrownBy(() -> new Migrate(transport, new RealHostApp.RecordingOutput(), failingMigrate).run())
                    .isInstanceOf(EnvironmentException.class)
                    .hasMessageContaining("failed on " + h1().sshAddress() + " with exit status 3")
                    .hasMessageContaining("hello: migrating db one")
                    .hasMessageContaining("hello: migration failed: table greetings is locked");
        }
    }

    private static JournalCommands.Query query(boolean follow) {
        return new JournalCommands.Query(OptionalInt.empty(), Optional.empty(), Optional.empty(), Optional.empty(), follow);
    }

    private static Host hostOf(XamalConfig config, TestHost host) {
        return config.allHosts().stream().filter(h -> h.id().equals(host.sshAddress())).findFirst().orElseThrow();
    }

    private static void deploy(SshTransport transport, XamalConfig config, ReleaseLayers release) {
        new Deploy(transport, new CaddyProxy(), new RealHostApp.RecordingOutput(), dev.xamal.core.spi.UploadProgress.NONE)
                .deploy(config, release, config.allHosts(), config.roles(), HelloReleases.noSecrets(dir, config),
                        Deploy.Checks.PREFLIGHT);
    }

    /** Polls the condition every 200 ms until it holds, for at most 20 s. */
    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(200);
        }
    }

    /**
     * A terminal that types each scripted line only once the remote screen shows what it waits
     * for, as a person would: keys typed before the remote program reads its terminal can be
     * flushed away by the terminal's setup. When an expected text does not show within
     * {@link #STEP_TIMEOUT}, it stops typing and ends the session through {@code abort}, so a
     * lost keystroke fails the test instead of leaving it waiting forever.
     */
    private static final class ScriptedTerminal {
        private static final Duration STEP_TIMEOUT = Duration.ofSeconds(90);

        private final PipedOutputStream keys = new PipedOutputStream();
        private final PipedInputStream input;
        private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
        private final OutputStream screenSink = new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (screen) {
                    screen.write(b);
                    screen.notifyAll();
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (screen) {
                    screen.write(b, off, len);
                    screen.notifyAll();
                }
            }
        };
        private final List<String[]> steps = new ArrayList<>();
        private final Runnable abort;
        private final AtomicReference<String> failure = new AtomicReference<>();
        private final CountDownLatch closed = new CountDownLatch(1);
        private Thread typist;

        ScriptedTerminal(Runnable abort) {
            this.abort = abort;
            try {
                input = new PipedInputStream(keys, 4096);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Types {@code text} once the screen (after what the previous step waited for) shows {@code shown}. */
        void whenShown(String shown, String text) {
            steps.add(new String[] {shown, text});
        }

        Terminal terminal() {
            typist = new Thread(this::typeSteps, "scripted-terminal");
            typist.setDaemon(true);
            typist.start();
            return new Terminal(input, screenSink, "xterm", 120, 40);
        }

        private void typeSteps() {
            int from = 0;
            for (String[] step : steps) {
                int at = awaitShown(step[0], from);
                if (at < 0) {
                    failure.set("the screen never showed \"" + step[0] + "\" within " + STEP_TIMEOUT.toSeconds()
                            + " s; screen so far:\n" + screen());
                    abort.run();
                    return;
                }
                from = at + step[0].length();
                try {
                    keys.write(step[1].getBytes(StandardCharsets.UTF_8));
                    keys.flush();
                } catch (IOException e) {
                    failure.set("typing failed: " + e);
                    return;
                }
            }
            // The pipe's reader treats a finished writer thread as a broken pipe: stay until closed.
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Where {@code text} shows on the screen at or after {@code from}, or -1 after the timeout. */
        private int awaitShown(String text, int from) {
            long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
            synchronized (screen) {
                while (true) {
                    int at = screen.toString(StandardCharsets.UTF_8).indexOf(text, from);
                    long left = deadline - System.nanoTime();
                    if (at >= 0 || left <= 0) {
                        return at;
                    }
                    try {
                        screen.wait(Math.max(1, left / 1_000_000));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return -1;
                    }
                }
            }
        }

        void assertScriptCompleted() {
            assertThat(failure.get()).as("scripted typing").isNull();
        }

        String screen() {
            synchronized (screen) {
                return screen.toString(StandardCharsets.UTF_8);
            }
        }

        void close() {
            try {
                keys.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            closed.countDown();
            if (typist != null) {
                typist.interrupt();
            }
        }
    }
}
