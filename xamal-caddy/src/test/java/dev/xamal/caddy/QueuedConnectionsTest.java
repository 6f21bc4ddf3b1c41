package dev.xamal.caddy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class QueuedConnectionsTest {

    @Test
    void readsTheKernelTheRunningValueAndTheFile() {
        QueuedConnections.State off = QueuedConnections.parse("6.1.0-26-amd64\n0\n--xamal-sysctl-file--\n");
        assertThat(off).isEqualTo(new QueuedConnections.State("6.1.0-26-amd64", Optional.of("0"), ""));
        assertThat(off.on()).isFalse();
        assertThat(off.fileCurrent()).isFalse();

        QueuedConnections.State on = QueuedConnections.parse("6.1.0\n1\n--xamal-sysctl-file--\n"
                + QueuedConnections.FILE_CONTENT);
        assertThat(on.on()).isTrue();
        assertThat(on.fileCurrent()).isTrue();

        QueuedConnections.State old = QueuedConnections.parse("5.10.0-32-amd64\n\n--xamal-sysctl-file--\n");
        assertThat(old.running()).as("a kernel before 5.14 has no such setting").isEmpty();
        assertThat(old.kernel()).isEqualTo("5.10.0-32-amd64");
    }

    @Test
    void theFileTurnsTheSettingOnAndSaysWhy() {
        assertThat(QueuedConnections.FILE_CONTENT).startsWith("# ").endsWith("\nnet.ipv4.tcp_migrate_req = 1\n");
        assertThat(QueuedConnections.writeFile().line(true)).isEqualTo("/usr/bin/tee /etc/sysctl.d/60-xamal-caddy.conf");
        assertThat(QueuedConnections.turnOn().line(false))
                .isEqualTo("sudo -n /usr/bin/tee /proc/sys/net/ipv4/tcp_migrate_req");
    }

    /**
     * The turn-on command and the read, as root would run them, in a network namespace of their
     * own (so this machine's setting is untouched): the setting starts off and is on afterwards.
     */
    @Test
    void turningItOnIsReadBackAsOn() throws Exception {
        assumeTrue(run(List.of("unshare", "--user", "--map-root-user", "--net", "true"), "").exit() == 0,
                "this machine lets no user create a network namespace (unshare --user --map-root-user --net)");
        String script = QueuedConnections.read() + "; " + QueuedConnections.turnOn().line(true) + " >/dev/null && "
                + QueuedConnections.read();
        Ran ran = run(List.of("unshare", "--user", "--map-root-user", "--net", "sh", "-c", script), "1\n");
        assertThat(ran.exit()).as(ran.out()).isZero();
        String separator = "--xamal-sysctl-file--\n";
        int first = ran.out().indexOf(separator) + separator.length();
        QueuedConnections.State before = QueuedConnections.parse(ran.out().substring(0, first));
        QueuedConnections.State after = QueuedConnections.parse(ran.out().substring(first));
        assertThat(before.running()).as("a new network namespace starts with it off").contains("0");
        assertThat(after.on()).isTrue();
        assertThat(after.kernel()).isEqualTo(before.kernel()).isNotBlank();
    }

    private record Ran(int exit, String out) {
    }

    private static Ran run(List<String> command, String stdin) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("finished: " + command).isTrue();
        return new Ran(process.exitValue(), out);
    }
}
