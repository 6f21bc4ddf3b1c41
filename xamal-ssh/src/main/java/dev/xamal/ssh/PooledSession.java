package dev.xamal.ssh;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.client.session.ClientSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one connection to one host, shared by every command of a run. It connects on first use,
 * reconnects on the next use after the connection was lost, and can be closed when idle.
 */
final class PooledSession {
    private static final Logger LOG = LoggerFactory.getLogger(PooledSession.class);

    private final HostTarget target;
    private final SessionOpener opener;
    private final AtomicInteger inUse = new AtomicInteger();
    private ClientSession session;
    private long lastUsedNanos = System.nanoTime();

    PooledSession(HostTarget target, SessionOpener opener) {
        this.target = target;
        this.opener = opener;
    }

    /**
     * The open session, connecting first when there is none or the last one was lost. Callers
     * pair it with {@link #release()}.
     */
    ClientSession acquire() {
        inUse.incrementAndGet();
        try {
            synchronized (this) {
                if (session == null || !session.isOpen() || session.isClosing()) {
                    if (session != null) {
                        LOG.debug("Connection to {} was lost; reconnecting", target.display());
                        session.close(true);
                    }
                    session = null;
                    session = opener.open(target);
                }
                lastUsedNanos = System.nanoTime();
                return session;
            }
        } catch (RuntimeException e) {
            inUse.decrementAndGet();
            throw e;
        }
    }

    void release() {
        synchronized (this) {
            lastUsedNanos = System.nanoTime();
        }
        inUse.decrementAndGet();
    }

    /** The live session if one is open now, without connecting. */
    synchronized ClientSession current() {
        return session != null && session.isOpen() && !session.isClosing() ? session : null;
    }

    /** Closes the connection if nothing uses it and it was last used longer ago than {@code idle}. */
    synchronized void closeIfIdle(Duration idle) {
        if (session != null && inUse.get() == 0 && System.nanoTime() - lastUsedNanos >= idle.toNanos()) {
            LOG.debug("Closing idle connection to {}", target.display());
            session.close(false);
            session = null;
        }
    }

    synchronized void close() {
        if (session != null) {
            session.close(false).awaitUninterruptibly(Duration.ofSeconds(5));
            session = null;
        }
    }
}
