package dev.xamal.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xamal.core.EnvironmentException;
import dev.xamal.core.spi.CommandResult;
import dev.xamal.core.spi.LineListener;
import dev.xamal.core.spi.RemoteCommand;
import dev.xamal.core.spi.RemoteCommandException;
import dev.xamal.core.spi.RemoteHost;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecTest extends InProcessServerTest {

    @Test
    void returnsExitStatusAndSeparateStreams() {
        try (SshTransport transport = new SshTransport(options())) {
            CommandResult result = transport.open(host()).exec(RemoteCommand.of("echo out; echo err 1>&2; exit 3"));

            assertThat(result.exitStatus()).isEqualTo(3);
            assertThat(result.stdout()).isEqualTo("out\n");
            assertThat(result.stderr()).isEqualTo("err\n");
        }
    }

    @Test
    void runFailsNamingHostCommandStatusAndOutputTail() {
        try (SshTransport transport = new SshTransport(options())) {
            RemoteHost remote = transport.open(host());

            assertThatThrownBy(() -> remote.run("echo preparing; echo 'disk full' 1>&2; exit 7"))
                    .isInstanceOf(RemoteCommandException.class)
                    .hasMessageContaining("127.0.0.1:" + server.port())
                    .hasMessageContaining("exit status 7")
                    .hasMessageContaining("echo preparing; echo 'disk full' 1>&2; exit 7")
                    .hasMessageContaining("preparing\ndisk full");
            assertThat(remote.run("true").succeeded()).isTrue();
        }
    }

    @Test
    void streamsLargeOutputLineByLine() {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        try (SshTransport transport = new SshTransport(options())) {
            // 60,000 lines of 100 characters: 6 MB on stdout
            CommandResult result = transport.open(host()).run(RemoteCommand
                    .of("yes \"$(printf '%099d' 0)\" | head -n 60000")
                    .withListener((stream, line) -> lines.add(line)));

            assertThat(result.stdout()).hasSize(60_000 * 100);
            assertThat(lines).hasSize(60_000).allMatch(line -> line.length() == 99 && line.chars().allMatch(c -> c == '0'));
        }
    }

    @Test
    void keepsInterleavedStdoutAndStderrApartAndInOrder() {
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        List<String> err = Collections.synchronizedList(new ArrayList<>());
        LineListener listener = (stream, line) -> (stream == LineListener.Stream.STDOUT ? out : err).add(line);
        try (SshTransport transport = new SshTransport(options())) {
            CommandResult result = transport.open(host()).run(RemoteCommand
                    .of("i=0; while [ $i -lt 2000 ]; do echo out $i; echo err $i 1>&2; i=$((i+1)); done")
                    .withListener(listener));

            List<String> expectedOut = java.util.stream.IntStream.range(0, 2000).mapToObj(i -> "out " + i).toList();
            List<String> expectedErr = java.util.stream.IntStream.range(0, 2000).mapToObj(i -> "err " + i).toList();
            assertThat(out).containsExactlyElementsOf(expectedOut);
            assertThat(err).containsExactlyElementsOf(expectedErr);
            assertThat(result.stdout().lines()).containsExactlyElementsOf(expectedOut);
            assertThat(result.stderr().lines()).containsExactlyElementsOf(expectedErr);
        }
    }

    @Test
    void passesStdinAndClosesIt() {
        byte[] input = "first line\nsecond line\n".getBytes(StandardCharsets.UTF_8);
        try (SshTransport transport = new SshTransport(options())) {
            RemoteHost remote = transport.open(host());

            assertThat(remote.run(RemoteCommand.of("cat").withStdin(input)).stdout())
                    .isEqualTo("first line\nsecond line\n");
            // without stdin a reading command sees end of input at once instead of hanging
            assertThat(remote.run(RemoteCommand.of("cat; echo done").withTimeout(Duration.ofSeconds(20))).stdout())
                    .isEqualTo("done\n");
        }
    }

    @Test
    void timesOutClosingTheChannelAndNamingHostCommandAndTimeout() {
        try (SshTransport transport = new SshTransport(options())) {
            RemoteHost remote = transport.open(host());
            long started = System.nanoTime();

            assertThatThrownBy(() -> remote.exec(RemoteCommand.of("echo started; sleep 60")
                    .withTimeout(Duration.ofMillis(700))))
                    .isInstanceOf(EnvironmentException.class)
                    .hasMessageContaining("timed out after 700ms")
                    .hasMessageContaining("127.0.0.1:" + server.port())
                    .hasMessageContaining("sleep 60");

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
            assertThat(remote.run("echo still usable").stdout()).isEqualTo("still usable\n");
            assertThat(server.sessionsCreated()).isEqualTo(1);
        }
    }
}
