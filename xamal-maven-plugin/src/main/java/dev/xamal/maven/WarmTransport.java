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
 * following it. A failed connection is left to the first command on that host to report; a
 * transport that cannot be made is reported by {@link #take()}. Closing it before the transport
 * was taken (the build failed) closes what the thread opened, once it is done.
 *
 * @param <T> the transport
 */
final class WarmTransport<T extends AutoCloseable> implements AutoCloseable {
    private final CompletableFuture<T> transport;
    private boolean taken;

    private WarmTransport(CompletableFuture<T> transport) {
        this.transport = transport;
    }

    /**
     * @param make    makes the transport (reads the keys, starts the client)
     * @param connect the hosts to connect to once it is made (empty: none, such as when a
     *                {@code pre-connect} hook must run first)
     */
    static WarmTransport<SshTransport> start(Supplier<SshTransport> make, List<Host> connect, Output output) {
        return start(make, transport -> connect(transport, connect, output));
    }

    /** Makes the transport, then warms it, on a background thread; {@link #take()} waits for both. */
    static <T extends AutoCloseable> WarmTransport<T> start(Supplier<T> make, Consumer<T> warm) {
        CompletableFuture<T> future = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            T made = null;
            try {
                made = make.get();
                warm.accept(made);
                future.complete(made);
            } catch (RuntimeException | Error e) {
                closeQuietly(made);
                future.completeExceptionally(e);
            }
        }, "xamal-ssh-warm");
        thread.setDaemon(true);
        thread.start();
        return new WarmTransport<>(future);
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

    /** The transport, connected where that could be done; waits for the background thread. */
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

    /** Closes the transport if it was never taken: now if the thread is done, else when it is. */
    @Override
    public void close() {
        if (!taken) {
            // A connection attempt to a host that does not answer is not waited for; a transport
            // that could not be made has nothing to close.
            transport.whenComplete((made, failed) -> closeQuietly(made));
        }
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
