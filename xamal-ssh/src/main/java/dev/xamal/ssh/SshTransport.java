package dev.xamal.ssh;

import dev.xamal.core.config.Host;
import dev.xamal.core.spi.RemoteHost;
import dev.xamal.core.spi.Transport;
import dev.xamal.ssh.agent.UnixSocketAgentFactory;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.ConfigFileHostEntryResolver;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * The SSH transport: one MINA client per run, one pooled, authenticated session per host
 * identity, many channels on it at once. Every MINA default that would read the user's files or
 * trust any host key is replaced by what {@link SshOptions} says.
 */
public final class SshTransport implements Transport {
    private final SshOptions options;
    private final SshClient client;
    private final SessionOpener opener;
    private final Map<String, PooledSession> pool = new ConcurrentHashMap<>();
    private final Map<String, SshRemoteHost> hosts = new ConcurrentHashMap<>();
    private final ScheduledExecutorService idleReaper;
    private final Consumer<String> debugLog;

    public SshTransport(SshOptions options) {
        this(options, line -> { });
    }

    /**
     * @param debugLog receives one line per remote command ({@code [host] $ command line}) and per
     *                 file written or uploaded, before it runs; the caller redacts and shows them
     *                 at debug level
     */
    public SshTransport(SshOptions options, Consumer<String> debugLog) {
        this.options = options;
        this.debugLog = debugLog;
        List<KeyPair> keys = ClientKeys.load(options);
        HostKeyPolicy hostKeys = new HostKeyPolicy(options.hostKeyChecking(), options.knownHostsFile());
        this.client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(hostKeys.verifier());
        KnownHostKeyTypes keyTypes = new KnownHostKeyTypes(options.knownHostsFile());
        client.addSessionListener(keyTypes);
        client.setHostConfigEntryResolver(options.useSshConfig()
                ? new ConfigFileHostEntryResolver(options.sshDirectory().resolve("config"))
                : HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.wrapKeyPairs(keys));
        client.setFilePasswordProvider((session, resource, retry) ->
                retry > 0 ? null : options.passphrases().passphraseFor(resource.getName()).orElse(null));
        options.agentSocket().ifPresent(socket -> client.setAgentFactory(new UnixSocketAgentFactory(socket)));
        if (!options.keepalive().isZero()) {
            CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, options.keepalive());
            CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(client, 3);
        }
        // MINA's own idle timeout would never fire with keepalives on; the pool closes idle sessions.
        CoreModuleProperties.IDLE_TIMEOUT.set(client, Duration.ZERO);
        CoreModuleProperties.AUTH_TIMEOUT.set(client, options.connectTimeout());
        client.start();
        this.opener = new SessionOpener(client, options, hostKeys, keyTypes);
        this.idleReaper = startIdleReaper(options.idleTimeout());
    }

    /**
     * Loads the SSH stack: registers the security providers (Bouncy Castle, for ed25519 keys) and
     * builds a client's default factories without starting it, so that a caller can do this on a
     * spare thread before it knows its hosts and keys; the first transport then starts without
     * that wait. Safe from any thread, any number of times.
     */
    public static void loadStack() {
        SecurityUtils.isEDDSACurveSupported();
        SshClient.setUpDefaultClient();
    }

    @Override
    public RemoteHost open(Host host) {
        HostTarget target = HostTarget.of(host, options);
        return hosts.computeIfAbsent(target.poolKey() + " " + host,
                key -> new SshRemoteHost(target, pooled(target), debugLog));
    }

    /**
     * Connects and authenticates to the host now, so that its first command finds the pooled
     * session open; nothing runs there. Fails as the first command would (host key, auth, network).
     */
    public void connect(Host host) {
        PooledSession session = pooled(HostTarget.of(host, options));
        session.acquire();
        session.release();
    }

    private PooledSession pooled(HostTarget target) {
        return pool.computeIfAbsent(target.poolKey(), key -> new PooledSession(target, opener));
    }

    @Override
    public void close() {
        if (idleReaper != null) {
            idleReaper.shutdownNow();
        }
        try {
            pool.values().forEach(PooledSession::close);
        } finally {
            pool.clear();
            hosts.clear();
            client.stop();
        }
    }

    private ScheduledExecutorService startIdleReaper(Duration idle) {
        if (idle.isZero()) {
            return null;
        }
        ScheduledExecutorService reaper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "xamal-ssh-idle");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(1, idle.toMillis() / 4);
        reaper.scheduleWithFixedDelay(() -> pool.values().forEach(s -> s.closeIfIdle(idle)),
                period, period, TimeUnit.MILLISECONDS);
        return reaper;
    }
}
