package dev.xamal.ssh;

import dev.xamal.core.config.Host;
import dev.xamal.core.config.SshConfig.HostKeyChecking;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the protocol tests: an in-process server that trusts one fresh ed25519 key, a
 * known_hosts file that trusts the server, and options that read nothing from the user's
 * {@code ~/.ssh} and use no agent.
 */
abstract class InProcessServerTest {
    @TempDir
    Path dir;
    Path clientKey;
    Path knownHosts;
    Path emptySshDir;
    TestSshServer server;

    @BeforeEach
    void startServer() throws IOException {
        clientKey = TestKeys.generate(dir, "id_test", "ed25519", "");
        server = TestSshServer.start(TestKeys.authorize(dir.resolve("authorized_keys"), clientKey));
        knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, server.knownHostsLine() + "\n");
        emptySshDir = Files.createDirectory(dir.resolve("empty-ssh"));
    }

    @AfterEach
    void stopServer() throws IOException {
        server.close();
    }

    SshOptions options() {
        return SshOptions.defaults()
                .withUser("deploy")
                .withKeys(List.of(clientKey), List.of(), false)
                .withSshDirectory(emptySshDir, false)
                .withAgentSocket(Optional.empty())
                .withHostKeys(HostKeyChecking.STRICT, knownHosts)
                .withConnection(Duration.ofSeconds(10), 10, Duration.ofSeconds(30), Duration.ZERO, 1, Duration.ZERO);
    }

    Host host() {
        return new Host(Optional.empty(), "127.0.0.1", Optional.of(server.port()));
    }

    static void waitUntil(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
