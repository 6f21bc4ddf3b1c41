package dev.xamal.testhosts;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;

/**
 * Ready means: {@code systemctl is-system-running} answers {@code running} inside the container,
 * and, when SSH is mapped, the mapped port on localhost sends an SSH banner. Polls both conditions
 * until the startup timeout.
 */
final class SystemRunning extends AbstractWaitStrategy {

    private static final Duration POLL = Duration.ofMillis(50);

    private final boolean sshMapped;

    SystemRunning(boolean sshMapped) {
        this.sshMapped = sshMapped;
        withStartupTimeout(Duration.ofSeconds(90));
    }

    @Override
    protected void waitUntilReady() {
        Instant deadline = Instant.now().plus(startupTimeout);
        String state = "";
        while (!state.equals("running")) {
            state = systemState();
            if (state.equals("degraded")) {
                throw new ContainerLaunchException("systemd is degraded in " + containerName() + "; failed units: "
                        + exec("systemctl", "--failed", "--no-legend", "--plain"));
            }
            if (!state.equals("running")) {
                pauseOrGiveUp(deadline, "systemctl is-system-running still answers '" + state + "'");
            }
        }
        if (sshMapped) {
            int port = waitStrategyTarget.getMappedPort(TestHost.SSH_PORT);
            while (!sshBanner(waitStrategyTarget.getHost(), port)) {
                pauseOrGiveUp(deadline, "no SSH banner on " + waitStrategyTarget.getHost() + ":" + port);
            }
        }
    }

    private String systemState() {
        return exec("systemctl", "is-system-running").strip();
    }

    private String exec(String... command) {
        try {
            return waitStrategyTarget.execInContainer(command).getStdout();
        } catch (IOException e) {
            throw new ContainerLaunchException("Cannot run " + String.join(" ", command) + " in " + containerName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerLaunchException("Interrupted while waiting for " + containerName(), e);
        }
    }

    private static boolean sshBanner(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            socket.setSoTimeout(2000);
            InputStream in = socket.getInputStream();
            byte[] banner = in.readNBytes(4);
            return new String(banner, StandardCharsets.US_ASCII).equals("SSH-");
        } catch (IOException e) {
            return false;
        }
    }

    private void pauseOrGiveUp(Instant deadline, String why) {
        if (Instant.now().isAfter(deadline)) {
            throw new ContainerLaunchException(containerName() + " not ready after " + startupTimeout.toSeconds()
                    + " s: " + why);
        }
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerLaunchException("Interrupted while waiting for " + containerName(), e);
        }
    }

    private String containerName() {
        return "test host " + waitStrategyTarget.getContainerId().substring(0, 12);
    }
}
