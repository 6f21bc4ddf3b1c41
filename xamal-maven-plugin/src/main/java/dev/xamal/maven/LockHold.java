package dev.xamal.maven;

import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.orchestration.DeployLock;
import dev.xamal.core.orchestration.LockDetails;
import dev.xamal.core.output.Output;
import dev.xamal.core.spi.Transport;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The deploy lock as one goal run holds it: taken before the goal acts on the servers, released
 * when it ends ({@link #close}) and, should the Maven process be interrupted (Ctrl-C, SIGTERM),
 * from a JVM shutdown hook over a connection of its own (the run's pooled sessions may already be
 * closing then). A run started by a hook inside a held lock ({@code XAMAL_LOCK=true}) takes
 * nothing and releases nothing.
 *
 * <p>The shutdown hook is in place before the lock is taken; the run counts as holding it once
 * the atomic {@code mkdir} succeeded, so an interrupt while waiting never removes another run's
 * lock.
 */
final class LockHold implements AutoCloseable {
    /** The environment variable hooks get, and nested goals read. */
    static final String INSIDE_LOCK = "XAMAL_LOCK";

    private final DeployLock lock;
    private final String appId;
    private final Output output;
    private final AtomicBoolean held = new AtomicBoolean();
    private final boolean inherited;
    private Thread onInterrupt;

    private LockHold(DeployLock lock, String appId, Output output, boolean inherited) {
        this.lock = lock;
        this.appId = appId;
        this.output = output;
        this.inherited = inherited;
    }

    /** A run that does not take the lock (it may still run inside a held one). */
    static LockHold none(String environmentValue) {
        return new LockHold(null, "", null, "true".equals(environmentValue));
    }

    /**
     * Takes the lock (waiting up to {@code wait}), or joins the calling goal's when the
     * environment says it runs inside one.
     *
     * @param ownConnection opens a separate transport for a release from the shutdown hook
     */
    static LockHold take(XamalConfig config, Transport transport, Supplier<Transport> ownConnection,
                         LockDetails details, Duration wait, String environmentValue, Output output) {
        if ("true".equals(environmentValue)) {
            output.info("Running inside the deploy lock of the calling goal (" + INSIDE_LOCK + "=true)");
            return new LockHold(null, config.appId(), output, true);
        }
        LockHold hold = new LockHold(new DeployLock(transport, config, output), config.appId(), output, false);
        hold.onInterrupt = new Thread(() -> hold.releaseOnInterrupt(config, ownConnection), "xamal-lock-release");
        Runtime.getRuntime().addShutdownHook(hold.onInterrupt);
        try {
            hold.lock.acquire(details, wait, DeployLock.POLL);
        } catch (RuntimeException e) {
            hold.removeShutdownHook();
            throw e;
        }
        hold.held.set(true);
        return hold;
    }

    /** Whether this run holds the lock (or runs inside a held one) now. */
    boolean held() {
        return inherited || held.get();
    }

    private void releaseOnInterrupt(XamalConfig config, Supplier<Transport> ownConnection) {
        if (!held.compareAndSet(true, false)) {
            return;
        }
        try (Transport transport = ownConnection.get()) {
            new DeployLock(transport, config, output).release();
            System.err.println("[xamal] Interrupted: released the deploy lock of " + appId);
        } catch (RuntimeException e) {
            System.err.println("[xamal] Interrupted, and could not release the deploy lock of " + appId + ": "
                    + e.getMessage() + " (release it with mvn xamal:lock-release)");
        }
    }

    @Override
    public void close() {
        if (lock == null) {
            return;
        }
        try {
            if (held.compareAndSet(true, false)) {
                lock.release();
                output.info("Released the deploy lock of " + appId);
            }
        } catch (RuntimeException e) {
            output.warn("Could not release the deploy lock of " + appId + ": " + e.getMessage()
                    + " (release it with mvn xamal:lock-release)");
        } finally {
            removeShutdownHook();
        }
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(onInterrupt);
        } catch (IllegalStateException shuttingDown) {
            // the shutdown hook runs (or ran) already
        }
    }
}
