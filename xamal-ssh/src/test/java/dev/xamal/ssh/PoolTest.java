package dev.xamal.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xamal.core.EnvironmentException;
import dev.xamal.core.config.Host;
import dev.xamal.core.orchestration.FanOut;
import dev.xamal.core.spi.ConnectionLostException;
import dev.xamal.core.spi.RemoteCommand;
import dev.xamal.core.spi.RemoteHost;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PoolTest extends InProcessServerTest {

    @Test
    void fiftyCommandsShareOneHandshake() {
        try (SshTransport transport = new SshTransport(options())) {
            for (int i = 0; i < 50; i++) {
                // a fresh lookup each time, as independent steps of a run would do
                assertThat(transport.open(host()).run("echo " + i).stdout()).isEqualTo(i + "\n");
            }
        }
        assertThat(server.sessionsCreated()).isEqualTo(1);
    }

    @Test
    void runsSeveralChannelsAtOnceOnTheOneSession() throws IOException {
        Path rendezvous = Files.createDirectory(dir.resolve("rendezvous"));
        int parallel = 6;
        try (SshTransport transport = new SshTransport(options())) {
            RemoteHost remote = transport.open(host());
            // each command waits until all have started: this only finishes if they run concurrently
            String line = "touch " + rendezvous + "/$$; while [ $(ls " + rendezvous + " | wc -l) -lt " + parallel
                    + " ]; do sleep 0.05; done; echo met";
            List<String> outputs = new FanOut(parallel, FanOut.Mode.REPORT_ALL).run(
                    IntStream.range(0, parallel).boxed().toList(),
                    i -> remote.run(RemoteCommand.of(line).withTimeout(Duration.ofSeconds(30))).stdout()).values();

            assertThat(outputs).hasSize(parallel).allMatch("met\n"::equals);
        }
        assertThat(server.sessionsCreated()).isEqualTo(1);
    }

    @Test
    void aConnectedHostsFirstCommandUsesTheSessionAlreadyOpen() {
        try (SshTransport transport = new SshTransport(options())) {
            transport.connect(host());
            assertThat(server.sessionsCreated()).isEqualTo(1);
            assertThat(transport.open(host()).run("echo ready").stdout()).isEqualTo("ready\n");
        }
        assertThat(server.sessionsCreated()).isEqualTo(1);
    }

    @Test
    void hostIdentityIsNameAndPort() {
        try (SshTransport transport = new SshTransport(options().withPort(server.port()))) {
            Host implicitPort = new Host(Optional.empty(), "127.0.0.1", Optional.empty());
            Host explicitPort = host();

            transport.open(implicitPort).run("true");
            transport.open(explicitPort).run("true");
        }
        assertThat(server.sessionsCreated()).isEqualTo(1);
    }

    @Test
    void aConnectionDroppedMidCommandFailsThatCommandAndTheNextOneReconnects() {
        Path marker = dir.resolve("started");
        try (SshTransport transport = new SshTransport(options())) {
            RemoteHost remote = transport.open(host());
            Thread dropper = new Thread(() -> {
                waitUntil(() -> Files.exists(marker), Duration.ofSeconds(20), "the command started");
                server.dropAllSessions();
            });
            dropper.start();

            assertThatThrownBy(() -> remote.exec(RemoteCommand.of("touch " + marker + "; sleep 60")
                    .withTimeout(Duration.ofSeconds(50))))
                    .isInstanceOf(ConnectionLostException.class)
                    .hasMessageContaining("Connection to 127.0.0.1:" + server.port() + " was lost while running")
                    .hasMessageContaining("sleep 60")
                    .hasMessageContaining("not retried");

            assertThat(remote.run("echo back").stdout()).isEqualTo("back\n");
            assertThat(server.sessionsCreated()).isEqualTo(2);
        }
    }

    @Test
    void closeClosesEveryConnection() {
        SshTransport transport = new SshTransport(options());
        transport.open(host()).run("true");
        transport.open(new Host(Optional.of("other"), "127.0.0.1", Optional.of(server.port()))).run("true");
        assertThat(server.activeSessions()).isEqualTo(2);

        transport.close();

        waitUntil(() -> server.activeSessions() == 0, Duration.ofSeconds(10), "the server saw both sessions close");
    }

    @Test
    void anIdleConnectionIsClosedAndReopenedOnNextUse() {
        SshOptions idleQuickly = options().withConnection(Duration.ofSeconds(10), 10, Duration.ZERO,
                Duration.ofMillis(200), 1, Duration.ZERO);
        try (SshTransport transport = new SshTransport(idleQuickly)) {
            RemoteHost remote = transport.open(host());
            remote.run("true");
            waitUntil(() -> server.activeSessions() == 0, Duration.ofSeconds(10), "the idle session was closed");

            assertThat(remote.run("echo again").stdout()).isEqualTo("again\n");
            assertThat(server.sessionsCreated()).isEqualTo(2);
        }
    }

    @Test
    void connectIsRetriedWithBackoffAndThenFailsNamingTheHost() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SshOptions threeAttempts = options().withConnection(Duration.ofSeconds(5), 10, Duration.ZERO,
                Duration.ZERO, 3, Duration.ofMillis(20));
        try (SshTransport transport = new SshTransport(threeAttempts)) {
            RemoteHost remote = transport.open(new Host(Optional.empty(), "127.0.0.1", Optional.of(closedPort)));

            assertThatThrownBy(() -> remote.run("true"))
                    .isInstanceOf(EnvironmentException.class)
                    .hasMessageContaining("Cannot connect to 127.0.0.1:" + closedPort)
                    .hasMessageContaining("after 3 attempts");
        }
    }

    @Test
    void boundsConcurrentHandshakes() throws IOException {
        AtomicInteger inAuth = new AtomicInteger();
        AtomicInteger highest = new AtomicInteger();
        var trusted = new org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator(dir.resolve("authorized_keys"));
        try (TestSshServer counting = TestSshServer.start("127.0.0.1", TestSshServer.newHostKey(), (user, key, session) -> {
            int now = inAuth.incrementAndGet();
            highest.accumulateAndGet(now, Math::max);
            try {
                // give a second handshake the chance to overlap with this one, if the client allowed it
                long until = System.nanoTime() + Duration.ofMillis(300).toNanos();
                while (System.nanoTime() < until && inAuth.get() < 2) {
                    Thread.onSpinWait();
                }
                return trusted.authenticate(user, key, session);
            } finally {
                inAuth.decrementAndGet();
            }
        })) {
            Files.writeString(knownHosts, counting.knownHostsLine() + "\n");
            SshOptions oneAtATime = options().withConnection(Duration.ofSeconds(20), 1, Duration.ZERO,
                    Duration.ZERO, 1, Duration.ZERO);
            try (SshTransport transport = new SshTransport(oneAtATime)) {
                List<Host> logins = IntStream.range(0, 4).mapToObj(i -> new Host(Optional.of("user" + i),
                        "127.0.0.1", Optional.of(counting.port()))).toList();
                new FanOut(4, FanOut.Mode.REPORT_ALL).run(logins, h -> transport.open(h).run("true")).values();
            }
            assertThat(counting.sessionsCreated()).isEqualTo(4);
            assertThat(highest.get()).isEqualTo(1);
        }
    }

    @Test
    void sendsKeepalivesOnAnIdleConnection() {
        SshOptions keepalive = options().withConnection(Duration.ofSeconds(10), 10, Duration.ofMillis(100),
                Duration.ZERO, 1, Duration.ZERO);
        try (SshTransport transport = new SshTransport(keepalive)) {
            transport.open(host()).run("true");
            waitUntil(() -> server.keepalivesReceived() >= 3, Duration.ofSeconds(20), "three keepalives arrived");
            assertThat(transport.open(host()).run("echo alive").stdout()).isEqualTo("alive\n");
        }
        assertThat(server.sessionsCreated()).isEqualTo(1);
    }
}
