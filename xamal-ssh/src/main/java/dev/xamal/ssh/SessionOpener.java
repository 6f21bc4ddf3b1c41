package dev.xamal.ssh;

import dev.xamal.core.EnvironmentException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntry;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens and authenticates one SSH session. At most {@code maxConcurrentStarts} handshakes run at
 * once (servers drop connections beyond their {@code MaxStartups}); a connection that fails for a
 * network reason is tried again after a growing pause. Host key and authentication failures are
 * never retried: trying again cannot fix them.
 */
final class SessionOpener {
    private static final Logger LOG = LoggerFactory.getLogger(SessionOpener.class);

    private final SshClient client;
    private final SshOptions options;
    private final HostKeyPolicy hostKeys;
    private final KnownHostKeyTypes keyTypes;
    private final Semaphore starts;

    SessionOpener(SshClient client, SshOptions options, HostKeyPolicy hostKeys, KnownHostKeyTypes keyTypes) {
        this.client = client;
        this.options = options;
        this.hostKeys = hostKeys;
        this.keyTypes = keyTypes;
        this.starts = new Semaphore(options.maxConcurrentStarts(), true);
    }

    ClientSession open(HostTarget target) {
        Duration backoff = options.connectBackoff();
        for (int attempt = 1; ; attempt++) {
            try {
                return openOnce(target);
            } catch (RetryableConnectFailure failure) {
                if (attempt >= options.connectAttempts()) {
                    throw new EnvironmentException("Cannot connect to " + target.display() + " as " + target.user()
                            + " (port " + target.port() + ") after " + attempt + " attempt" + (attempt == 1 ? "" : "s")
                            + ": " + describe(failure.getCause()), failure.getCause());
                }
                LOG.debug("Connecting to {} failed (attempt {}): {}; retrying in {}", target.display(), attempt,
                        describe(failure.getCause()), backoff);
                pause(backoff);
                backoff = backoff.multipliedBy(2);
            }
        }
    }

    private ClientSession openOnce(HostTarget target) {
        acquireStart(target);
        ClientSession session = null;
        try {
            hostKeys.forget(target.hostname(), target.port());
            keyTypes.expect(target.hostname(), target.port());
            options.proxy().map(JumpHost::parse).ifPresent(jump -> {
                hostKeys.forget(jump.hostname(), jump.port());
                keyTypes.expect(jump.hostname(), jump.port());
            });
            HostConfigEntry entry = resolve(target);
            session = client.connect(entry, null, null).verify(options.connectTimeout()).getSession();
            session.auth().verify(options.connectTimeout());
            return session;
        } catch (IOException | RuntimeException e) {
            closeQuietly(session);
            throw classify(target, e);
        } finally {
            starts.release();
        }
    }

    private HostConfigEntry resolve(HostTarget target) throws IOException {
        String proxy = options.proxy().orElse(null);
        HostConfigEntryResolver resolver = client.getHostConfigEntryResolver();
        HostConfigEntry configured = resolver.resolveEffectiveHost(target.hostname(), target.port(), null,
                target.user(), proxy, null);
        if (configured != null) {
            return configured;
        }
        return new HostConfigEntry("", target.hostname(), target.port(), target.user(), proxy);
    }

    private RuntimeException classify(HostTarget target, Exception e) {
        Optional<HostKeyProblem> problem = hostKeys.problemFor(target.hostname(), target.port())
                .or(this::jumpHostProblem);
        if (problem.isPresent()) {
            return new EnvironmentException(problem.get().message(), e);
        }
        if (e instanceof EnvironmentException environment) {
            return environment;
        }
        if (isNetworkFailure(e)) {
            return new RetryableConnectFailure(e);
        }
        String detail = describe(e);
        if (detail.contains("No more authentication methods available")) {
            return new EnvironmentException("Authentication as " + target.user() + " on " + target.display()
                    + " failed: the server accepted none of the offered keys (ssh.keys, ssh.key_data, ~/.ssh/id_*"
                    + " and the ssh-agent). Check that the public key is in ~" + target.user()
                    + "/.ssh/authorized_keys on the host and that ssh.user is right.", e);
        }
        return new EnvironmentException("Cannot open an SSH session to " + target.display() + " as "
                + target.user() + ": " + detail, e);
    }

    private Optional<HostKeyProblem> jumpHostProblem() {
        return options.proxy().flatMap(proxy -> {
            JumpHost jump = JumpHost.parse(proxy);
            return hostKeys.problemFor(jump.hostname(), jump.port());
        });
    }

    private static boolean isNetworkFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof SocketTimeoutException || t instanceof UnknownHostException) {
                return !(t instanceof UnknownHostException);
            }
            if (t instanceof SshException && t.getMessage() != null
                    && (t.getMessage().contains("timeout") || t.getMessage().contains("Timeout")
                        || t.getMessage().contains("closed") || t.getMessage().contains("Connection reset"))) {
                return true;
            }
            if (t instanceof IOException && t.getMessage() != null && t.getMessage().contains("Connection reset")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    static String describe(Throwable e) {
        Throwable deepest = e;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        if (deepest != e && deepest.getMessage() != null && !message.contains(deepest.getMessage())) {
            message += " (" + deepest.getMessage() + ")";
        }
        return message;
    }

    private void acquireStart(HostTarget target) {
        try {
            starts.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentException("Interrupted while waiting to connect to " + target.display(), e);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentException("Interrupted while waiting to retry a connection", e);
        }
    }

    private static void closeQuietly(ClientSession session) {
        if (session != null) {
            try {
                session.close(true);
            } catch (RuntimeException e) {
                LOG.debug("Closing a failed session: {}", e.getMessage());
            }
        }
    }

    /** A failure worth another attempt: the host could not be reached or dropped the handshake. */
    private static final class RetryableConnectFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RetryableConnectFailure(Throwable cause) {
            super(cause);
        }
    }
}
