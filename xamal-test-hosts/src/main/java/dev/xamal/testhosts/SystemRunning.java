package dev.xamal.testhosts;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
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
                String last = state;
                pauseOrGiveUp(deadline, () -> "systemctl is-system-running still answers '" + last + "'");
            }
        }
        if (sshMapped) {
            int port = waitStrategyTarget.getMappedPort(TestHost.SSH_PORT);
            while (!SshBanner.answers(waitStrategyTarget.getHost(), port, Duration.ofSeconds(2))) {
                pauseOrGiveUp(deadline, () -> "no SSH banner on " + waitStrategyTarget.getHost() + ":" + port
                        + " (system " + systemState() + "; failed units: "
                        + exec("systemctl", "--failed", "--no-legend", "--plain").strip() + ")");
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

    private void pauseOrGiveUp(Instant deadline, Supplier<String> why) {
        if (Instant.now().isAfter(deadline)) {
            throw new ContainerLaunchException(containerName() + " not ready after " + startupTimeout.toSeconds()
                    + " s: " + why.get());
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
