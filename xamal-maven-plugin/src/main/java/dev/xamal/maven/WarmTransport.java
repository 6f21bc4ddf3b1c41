package dev.xamal.maven;

import dev.xamal.core.config.Host;
import dev.xamal.core.orchestration.FanOut;
import dev.xamal.core.output.Output;
import dev.xamal.ssh.SshTransport;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The run's SSH transport, made on a background thread while the goal prepares (builds the
 * release): loading the SSH stack (MINA, BouncyCastle, the keys) and, when nothing has to run
 * before the first connection, connecting to the selected hosts overlap the build instead of
 * following it. {@link #take()} hands the transport over as soon as it is made; the connections
 * go on, each host's first command waiting only for its own (the pool connects a host once), so
 * the lock and the deliveries start on the hosts that answered first. A failed connection is left
 * to the first command on that host to report; a transport that cannot be made is reported by
 * {@link #take()}. Closing waits for the connecting to end (after the taker closed the
 * transport, which ends it at once), so no thread of the goal outlives it; closing before the
 * transport was taken (the build failed) closes what the thread opened, once it is done.
 *
 * @param <T> the transport
 */
final class WarmTransport<T extends AutoCloseable> implements AutoCloseable {
    private final CompletableFuture<T> transport;
    private final CompletableFuture<Void> warmed;
    private boolean taken;

    private WarmTransport(CompletableFuture<T> transport, CompletableFuture<Void> warmed) {
        this.transport = transport;
        this.warmed = warmed;
    }

    /**
     * @param make    makes the transport (reads the keys, starts the client)
     * @param connect the hosts to connect to once it is made (empty: none, such as when a
     *                {@code pre-connect} hook must run first)
     */
    static WarmTransport<SshTransport> start(Supplier<SshTransport> make, List<Host> connect, Output output) {
        return start(make, transport -> connect(transport, connect, output));
    }

    /**
     * Makes the transport, then warms it, on a background thread; {@link #take()} waits for the
     * first only. A warming that fails is ignored: what it could not do, the first use does again.
     */
    static <T extends AutoCloseable> WarmTransport<T> start(Supplier<T> make, Consumer<T> warm) {
        CompletableFuture<T> future = new CompletableFuture<>();
        CompletableFuture<Void> warmed = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                T made = make.get();
                future.complete(made);
                warm.accept(made);
            } catch (RuntimeException | Error e) {
                future.completeExceptionally(e); // no effect once the transport was made
            } finally {
                warmed.complete(null);
            }
        }, "xamal-ssh-warm");
        thread.setDaemon(true);
        thread.start();
        return new WarmTransport<>(future, warmed);
    }

    private static void connect(SshTransport transport, List<Host> hosts, Output output) {
        if (hosts.isEmpty()) {
            return;
        }
        new FanOut(hosts.size(), FanOut.Mode.REPORT_ALL).run(hosts, host -> {
            try {
                transport.connect(host);
                output.debug("Connected to " + host + " while the release builds");
            } catch (RuntimeException e) { // the first command there reports it, as without warming
                output.debug("Early connection to " + host + " failed; the first command retries: " + e.getMessage());
            }
            return host;
        });
    }

    /** The transport, once made; its hosts may still be connecting. */
    T take() {
        taken = true;
        try {
            return transport.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * Taken: waits for the connecting to end (the taker has closed the transport by now, which
     * ends it). Not taken: closes the transport, now if the thread is done, else when it is.
     */
    @Override
    public void close() {
        if (taken) {
            warmed.join();
            return;
        }
        // A connection attempt to a host that does not answer is not waited for; a transport
        // that could not be made has nothing to close.
        warmed.whenComplete((done, failed) -> closeQuietly(transport.isCompletedExceptionally() ? null
                : transport.getNow(null)));
    }

    private static void closeQuietly(AutoCloseable made) {
        if (made == null) {
            return;
        }
        try {
            made.close();
        } catch (Exception e) { // closing after a failed build: the build's failure is what counts
        }
    }
}
