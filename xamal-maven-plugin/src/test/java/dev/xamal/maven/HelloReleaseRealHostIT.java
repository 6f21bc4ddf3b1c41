package dev.xamal.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xamal.testhosts.ExecOutput;
import dev.xamal.testhosts.TestHost;
import dev.xamal.testhosts.TestHosts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The example app's release, as {@code mvn xamal:build} made it (the {@code examples} invoker
 * run), extracted on a real test host that has no JDK and started with {@code bin/hello start}:
 * it answers {@code /health} with 200 and {@code /version} with its label, runs on the bundled
 * runtime, and ends with status 143 on SIGTERM. The tarball travels with {@code docker cp}
 * (transport is not what this test is about).
 */
class HelloReleaseRealHostIT {
    private static final Path EXAMPLE_OUTPUT = Path.of("target/examples/hello/target/xamal");
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @RegisterExtension
    static TestHosts hosts = TestHosts.start(1);

    @Test
    void exampleReleaseRunsOnAHostWithoutAJdkAndEndsWith143OnSigterm() throws Exception {
        Path tarball = exampleTarball();
        String label = tarball.getFileName().toString().replaceFirst("^hello-", "").replaceFirst("\\.tar\\.gz$", "");
        TestHost host = hosts.hosts().get(0);
        assertThat(host.exec("sh", "-c", "command -v java || ls /usr/lib/jvm").succeeded())
                .as("the test host must have no JDK").isFalse();

        dockerCopy(tarball, host.containerId() + ":/tmp/hello.tar.gz");
        host.shell("mkdir -p /opt/hello && tar -xzf /tmp/hello.tar.gz -C /opt/hello && rm /tmp/hello.tar.gz");
        host.shell("nohup sh -c 'PORT=4000 /opt/hello/bin/hello start >/tmp/hello.log 2>&1; echo $? >/tmp/hello.status'"
                + " >/dev/null 2>&1 &");

        String health = await("GET /health answers 200", () -> {
            String response = get(host, "/health");
            return response.startsWith("HTTP/1.1 200") ? response : null;
        }, host);
        assertThat(health).endsWith("\r\n\r\nok\n");
        assertThat(get(host, "/version")).startsWith("HTTP/1.1 200").endsWith("\r\n\r\n" + label + "\n");

        String pid = host.shell("pgrep -f '^/opt/hello/runtime/bin/java'").strip();
        assertThat(pid).as("one JVM, from the release's own runtime").matches("[0-9]+");
        assertThat(host.shell("readlink /proc/" + pid + "/exe").strip()).isEqualTo("/opt/hello/runtime/bin/java");

        host.shell("kill -TERM " + pid);
        String status = await("the launcher's exit status", () -> {
            ExecOutput out = host.exec("cat", "/tmp/hello.status");
            return out.succeeded() && !out.stdout().isBlank() ? out.stdout().strip() : null;
        }, host);
        assertThat(status).isEqualTo("143");
    }

    /** An HTTP/1.0 request from inside the host (bash's /dev/tcp: no curl needed). */
    private static String get(TestHost host, String path) {
        ExecOutput out = host.exec("bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/4000 && printf 'GET " + path
                + " HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && cat <&3");
        return out.succeeded() ? out.stdout() : "";
    }

    private static <T> T await(String what, Supplier<T> probe, TestHost host) throws InterruptedException {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (Instant.now().isBefore(deadline)) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("gave up waiting for " + what + " after " + DEADLINE.toSeconds() + " s; app log:\n"
                + host.exec("cat", "/tmp/hello.log").stdout());
    }

    private static Path exampleTarball() throws IOException {
        if (!Files.isDirectory(EXAMPLE_OUTPUT)) {
            throw new AssertionError("no " + EXAMPLE_OUTPUT.toAbsolutePath() + ": the examples invoker run builds it "
                    + "(mvn verify -pl xamal-maven-plugin -am)");
        }
        try (Stream<Path> files = Files.list(EXAMPLE_OUTPUT)) {
            List<Path> tarballs = files.filter(p -> p.getFileName().toString().matches("hello-.*\\.tar\\.gz")).toList();
            assertThat(tarballs).as("the example's release tarball").hasSize(1);
            return tarballs.get(0);
        }
    }

    private static void dockerCopy(Path from, String to) throws IOException, InterruptedException {
        Process copy = new ProcessBuilder("docker", "cp", from.toString(), to).redirectErrorStream(true).start();
        String out = new String(copy.getInputStream().readAllBytes());
        assertThat(copy.waitFor()).as("docker cp: " + out).isZero();
    }
}
