package dev.xamal.core.orchestration;

import dev.xamal.core.UsageException;
import dev.xamal.core.commands.LockCommands;
import dev.xamal.core.config.Host;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.output.Output;
import dev.xamal.core.spi.RemoteHost;
import dev.xamal.core.spi.Transport;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The deploy lock of one app (design §6): a directory on the configured primary host, whatever
 * hosts a goal selects. Taking it is one atomic {@code mkdir}; a held lock's details say who holds
 * it, since when, for which version, from which machine, process and goal.
 */
public final class DeployLock {
    /** How often a waiting goal tries again (at most). */
    public static final Duration POLL = Duration.ofSeconds(5);

    private final Transport transport;
    private final Host primary;
    private final String appId;
    private final LockCommands commands;
    private final Output output;
    private final LocalMachine machine;

    public DeployLock(Transport transport, XamalConfig config, Output output) {
        this(transport, config, output, LocalMachine.current());
    }

    /** @param machine the machine this goal runs on (a holder of the same machine can be checked) */
    public DeployLock(Transport transport, XamalConfig config, Output output, LocalMachine machine) {
        this.transport = transport;
        this.machine = machine;
        this.primary = config.primaryHost();
        this.appId = config.appId();
        this.commands = new LockCommands(config.appId());
        this.output = output;
    }

    /** The holder's details, or empty when the lock is free. */
    public Optional<String> holder() {
        return heldDetails(remote().run(commands.status()).stdout());
    }

    /** One attempt: empty when this call took the lock, otherwise the holder's details. */
    public Optional<String> tryAcquire(LockDetails details) {
        return heldDetails(remote().run(commands.acquire(details.text())).stdout());
    }

    /**
     * Takes the lock, waiting up to {@code wait} for a held one (trying again every
     * {@code poll} and printing a heartbeat line each time).
     *
     * @throws UsageException naming the holder when it is still held after {@code wait}
     */
    public void acquire(LockDetails details, Duration wait, Duration poll) {
        Instant deadline = Instant.now().plus(wait);
        Optional<String> holder = tryAcquire(details);
        if (holder.isPresent() && !wait.isZero()) {
            output.info("The deploy lock of " + appId + " is held; waiting up to " + wait.toSeconds() + " s for it:");
            holder.get().lines().forEach(line -> output.info("  " + line));
            goneNote(holder.get()).ifPresent(note -> output.warn(note + " Waiting cannot end in the lock: after"
                    + " checking that nothing else deploys " + appId + ", run mvn xamal:lock-release."));
        }
        while (holder.isPresent()) {
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.isNegative() || left.isZero()) {
                throw held(holder.get(), wait);
            }
            pause(left.compareTo(poll) < 0 ? left : poll);
            holder = tryAcquire(details);
            if (holder.isPresent()) {
                output.info("Still waiting for the deploy lock of " + appId + " ("
                        + Math.max(0, Duration.between(Instant.now(), deadline).toSeconds()) + " s left; "
                        + firstLine(holder.get()) + ")");
            }
        }
        output.info("Acquired the deploy lock of " + appId + " on " + primary.id());
    }

    /** Removes the lock, whoever holds it. */
    public void release() {
        remote().run(commands.release());
    }

    /**
     * The line that says a held lock's holder is gone, when the holder was a process of this
     * machine that no longer runs. The lock stays held: only {@code lock-release} removes it.
     */
    public Optional<String> goneNote(String details) {
        LockHolder holder = LockHolder.parse(details);
        return holder.goneFrom(machine.name(), machine::runs) ? Optional.of(holder.goneNote()) : Optional.empty();
    }

    private RemoteHost remote() {
        return transport.open(primary);
    }

    private UsageException held(String details, Duration waited) {
        String head = "The deploy lock of " + appId + " is held" + (waited.isZero() ? ""
                : " (waited " + waited.toSeconds() + " s)") + ":\n" + details.strip() + "\n";
        return new UsageException(head + goneNote(details)
                .map(note -> note + "\nAfter checking that nothing else deploys " + appId
                        + " (the lock is never broken automatically), run mvn xamal:lock-release, then deploy again.")
                .orElse("Wait for it with -Dxamal.lockWait=<seconds>, check it with mvn xamal:lock-status, or, after"
                        + " checking that its holder is gone, release it with mvn xamal:lock-release."));
    }

    private static Optional<String> heldDetails(String stdout) {
        String first = stdout.lines().findFirst().orElse("").strip();
        if (first.equals(LockCommands.ACQUIRED) || first.equals(LockCommands.FREE)) {
            return Optional.empty();
        }
        String rest = stdout.lines().skip(1).reduce((a, b) -> a + "\n" + b).orElse("").strip();
        return Optional.of(rest.isEmpty() ? "(no details written)" : rest);
    }

    private static String firstLine(String details) {
        return details.lines().findFirst().orElse("");
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UsageException("interrupted while waiting for the deploy lock");
        }
    }
}
