package dev.xamal.testhosts;

import com.github.dockerjava.api.DockerClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;

/**
 * One running test host: a container with systemd as PID 1, sshd and (by default) Caddy. Public hosts
 * map SSH (22), HTTP (80) and HTTPS (443) to ports on localhost; private hosts are reachable only
 * from the other hosts, under their name, on the hosts' shared network.
 */
public final class TestHost {

    public static final int SSH_PORT = 22;
    public static final int HTTP_PORT = 80;
    public static final int HTTPS_PORT = 443;

    private static final Duration RECONNECT_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final boolean mapped;
    private final GenericContainer<?> container;
    private final KeyPair hostKey;
    private String defaultRoute;

    TestHost(String name, boolean mapped, GenericContainer<?> container, KeyPair hostKey) {
        this.name = name;
        this.mapped = mapped;
        this.container = container;
        this.hostKey = hostKey;
    }

    /** The host's name: its hostname and its alias on the hosts' network (h1, h2, ... or the private name). */
    public String name() {
        return name;
    }

    /** Where the mapped ports listen: localhost. */
    public String host() {
        return "localhost";
    }

    /** False for a private host, which has no mapped ports. */
    public boolean mapped() {
        return mapped;
    }

    public int sshPort() {
        return mappedPort(SSH_PORT);
    }

    public int httpPort() {
        return mappedPort(HTTP_PORT);
    }

    public int httpsPort() {
        return mappedPort(HTTPS_PORT);
    }

    /** {@code localhost:<ssh port>}, the host as a deploy config names it. */
    public String sshAddress() {
        return host() + ":" + sshPort();
    }

    public String containerId() {
        return container.getContainerId();
    }

    /** The host's fresh SSH host public key: {@code ssh-ed25519 AAAA...}. */
    public String hostPublicKey() {
        return hostKey.publicKeyWithoutComment();
    }

    /** Runs a command inside the container as root (not over SSH). */
    public ExecOutput exec(String... command) {
        try {
            Container.ExecResult result = container.execInContainer(StandardCharsets.UTF_8, command);
            return new ExecOutput(result.getExitCode(), result.getStdout(), result.getStderr());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + String.join(" ", command) + " on " + name + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running a command on " + name, e);
        }
    }

    /** Runs a shell command line inside the container as root and fails unless it exits 0. */
    public String shell(String commandLine) {
        ExecOutput result = exec("bash", "-c", commandLine);
        if (!result.succeeded()) {
            throw new IllegalStateException("'" + commandLine + "' failed on " + name + ": " + result);
        }
        return result.stdout();
    }

    /** Freezes every process of the host (connections hang instead of failing). */
    public void pause() {
        docker().pauseContainerCmd(containerId()).exec();
    }

    public void unpause() {
        docker().unpauseContainerCmd(containerId()).exec();
    }

    /**
     * Takes the host off the network by downing its link (the containers have NET_ADMIN for this;
     * the engine's own disconnect would lose the port mappings): neither the mapped ports nor the
     * other hosts reach it until {@link #reconnect()}.
     */
    public synchronized void disconnect() {
        if (defaultRoute != null) {
            return;
        }
        String route = shell("ip -4 route show default").strip();
        String device = route.replaceAll(".* dev (\\S+).*", "$1");
        shell("ip link set dev " + device + " down");
        defaultRoute = route;
    }

    /**
     * Puts the host back on the network and returns once it answers again: SSH on the mapped port for
     * a public host, its default route for a private one.
     */
    public synchronized void reconnect() {
        if (defaultRoute == null) {
            return;
        }
        String device = defaultRoute.replaceAll(".* dev (\\S+).*", "$1");
        shell("ip link set dev " + device + " up && ip route replace " + defaultRoute);
        defaultRoute = null;
        Instant deadline = Instant.now().plus(RECONNECT_TIMEOUT);
        while (mapped && !SshBanner.answers(host(), sshPort(), Duration.ofSeconds(1))) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(name + " does not answer SSH " + RECONNECT_TIMEOUT.toSeconds()
                        + " s after reconnecting");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while reconnecting " + name, e);
            }
        }
    }

    GenericContainer<?> container() {
        return container;
    }

    private int mappedPort(int port) {
        if (!mapped) {
            throw new IllegalStateException(name + " is a private host: it has no mapped ports; reach it as "
                    + name + ":" + port + " from another host");
        }
        return container.getMappedPort(port);
    }

    private DockerClient docker() {
        return container.getDockerClient();
    }

    @Override
    public String toString() {
        return mapped ? name + " (" + sshAddress() + ")" : name + " (private)";
    }
}
