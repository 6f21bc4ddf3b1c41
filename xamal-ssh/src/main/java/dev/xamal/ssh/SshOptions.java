package dev.xamal.ssh;

import dev.xamal.core.config.SshConfig.HostKeyChecking;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the SSH transport needs to know, independent of how it was configured. The plugin
 * maps the {@code ssh} section of the configuration onto this record.
 *
 * @param user                the login user for hosts whose host string names none
 * @param port                the SSH port for hosts whose host string names none
 * @param identityFiles       private key files to offer ({@code ssh.keys})
 * @param inlineKeys          private keys held in memory ({@code ssh.key_data})
 * @param defaultIdentities   whether to also offer {@code id_ed25519}, {@code id_ecdsa} and
 *                            {@code id_rsa} from {@link #sshDirectory}
 * @param passphrases         passphrases of encrypted keys
 * @param proxy               a ProxyJump, {@code [user@]bastion[:port]}
 * @param useSshConfig        whether {@code config} in {@link #sshDirectory} is honoured
 * @param hostKeyChecking     strict or accept-new
 * @param knownHostsFile      the known_hosts file to check host keys against
 * @param sshDirectory        the user's SSH directory (default keys, config)
 * @param agentSocket         the ssh-agent socket to ask for keys ({@code SSH_AUTH_SOCK})
 * @param connectTimeout      the most a connection plus authentication may take
 * @param maxConcurrentStarts how many handshakes may run at once, across all hosts
 * @param keepalive           the interval of keepalive requests on idle connections (zero: off)
 * @param idleTimeout         a pooled connection unused for this long is closed (zero: never)
 * @param connectAttempts     how many times a failed connection is tried before giving up
 * @param connectBackoff      the wait after the first failed attempt; doubled each time
 */
public record SshOptions(String user, int port, List<Path> identityFiles, List<InlineKey> inlineKeys,
                         boolean defaultIdentities, PassphraseSource passphrases, Optional<String> proxy,
                         boolean useSshConfig, HostKeyChecking hostKeyChecking, Path knownHostsFile,
                         Path sshDirectory, Optional<Path> agentSocket, Duration connectTimeout,
                         int maxConcurrentStarts, Duration keepalive, Duration idleTimeout,
                         int connectAttempts, Duration connectBackoff) {

    public static final String DEFAULT_USER = "root";
    public static final int DEFAULT_PORT = 22;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_CONCURRENT_STARTS = 10;
    public static final Duration DEFAULT_KEEPALIVE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);
    public static final int DEFAULT_CONNECT_ATTEMPTS = 3;
    public static final Duration DEFAULT_CONNECT_BACKOFF = Duration.ofSeconds(1);

    public SshOptions {
        requireText(user, "user");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, was " + port);
        }
        identityFiles = List.copyOf(identityFiles);
        inlineKeys = List.copyOf(inlineKeys);
        Objects.requireNonNull(passphrases, "passphrases");
        Objects.requireNonNull(proxy, "proxy");
        proxy.ifPresent(p -> requireText(p, "proxy"));
        Objects.requireNonNull(hostKeyChecking, "hostKeyChecking");
        Objects.requireNonNull(knownHostsFile, "knownHostsFile");
        Objects.requireNonNull(sshDirectory, "sshDirectory");
        Objects.requireNonNull(agentSocket, "agentSocket");
        requirePositive(connectTimeout, "connectTimeout");
        if (maxConcurrentStarts < 1) {
            throw new IllegalArgumentException("maxConcurrentStarts must be at least 1, was " + maxConcurrentStarts);
        }
        requireNotNegative(keepalive, "keepalive");
        requireNotNegative(idleTimeout, "idleTimeout");
        if (connectAttempts < 1) {
            throw new IllegalArgumentException("connectAttempts must be at least 1, was " + connectAttempts);
        }
        requireNotNegative(connectBackoff, "connectBackoff");
    }

    /**
     * The defaults: user root, port 22, the user's {@code ~/.ssh} keys, config and known_hosts,
     * strict host key checking, and the agent named by {@code SSH_AUTH_SOCK} if set.
     */
    public static SshOptions defaults() {
        Path sshDirectory = Path.of(System.getProperty("user.home"), ".ssh");
        Optional<Path> agent = Optional.ofNullable(System.getenv("SSH_AUTH_SOCK"))
                .filter(s -> !s.isBlank()).map(Path::of);
        return new SshOptions(DEFAULT_USER, DEFAULT_PORT, List.of(), List.of(), true, PassphraseSource.NONE,
                Optional.empty(), true, HostKeyChecking.STRICT, sshDirectory.resolve("known_hosts"),
                sshDirectory, agent, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_CONCURRENT_STARTS, DEFAULT_KEEPALIVE,
                DEFAULT_IDLE_TIMEOUT, DEFAULT_CONNECT_ATTEMPTS, DEFAULT_CONNECT_BACKOFF);
    }

    public SshOptions withUser(String newUser) {
        Copy copy = new Copy(this);
        copy.user = newUser;
        return copy.build();
    }

    public SshOptions withPort(int newPort) {
        Copy copy = new Copy(this);
        copy.port = newPort;
        return copy.build();
    }

    /** The keys to offer: files, in-memory keys, and whether the default files are tried too. */
    public SshOptions withKeys(List<Path> files, List<InlineKey> inline, boolean tryDefaults) {
        Copy copy = new Copy(this);
        copy.identityFiles = files;
        copy.inlineKeys = inline;
        copy.defaultIdentities = tryDefaults;
        return copy.build();
    }

    public SshOptions withPassphrases(PassphraseSource source) {
        Copy copy = new Copy(this);
        copy.passphrases = source;
        return copy.build();
    }

    public SshOptions withProxy(Optional<String> newProxy) {
        Copy copy = new Copy(this);
        copy.proxy = newProxy;
        return copy.build();
    }

    /** Where the user's SSH files live and whether {@code config} there is read. */
    public SshOptions withSshDirectory(Path directory, boolean honourConfig) {
        Copy copy = new Copy(this);
        copy.sshDirectory = directory;
        copy.useSshConfig = honourConfig;
        return copy.build();
    }

    public SshOptions withHostKeys(HostKeyChecking checking, Path knownHosts) {
        Copy copy = new Copy(this);
        copy.hostKeyChecking = checking;
        copy.knownHostsFile = knownHosts;
        return copy.build();
    }

    public SshOptions withAgentSocket(Optional<Path> socket) {
        Copy copy = new Copy(this);
        copy.agentSocket = socket;
        return copy.build();
    }

    /** Connection behaviour: timeouts, handshake bound, keepalive, idle timeout and retries. */
    public SshOptions withConnection(Duration timeout, int maxStarts, Duration keepaliveInterval,
                                     Duration idle, int attempts, Duration backoff) {
        Copy copy = new Copy(this);
        copy.connectTimeout = timeout;
        copy.maxConcurrentStarts = maxStarts;
        copy.keepalive = keepaliveInterval;
        copy.idleTimeout = idle;
        copy.connectAttempts = attempts;
        copy.connectBackoff = backoff;
        return copy.build();
    }

    /** A copy of some options with fields to change before it is validated as a new record. */
    private static final class Copy {
        private String user;
        private int port;
        private List<Path> identityFiles;
        private List<InlineKey> inlineKeys;
        private boolean defaultIdentities;
        private PassphraseSource passphrases;
        private Optional<String> proxy;
        private boolean useSshConfig;
        private HostKeyChecking hostKeyChecking;
        private Path knownHostsFile;
        private Path sshDirectory;
        private Optional<Path> agentSocket;
        private Duration connectTimeout;
        private int maxConcurrentStarts;
        private Duration keepalive;
        private Duration idleTimeout;
        private int connectAttempts;
        private Duration connectBackoff;

        Copy(SshOptions o) {
            user = o.user;
            port = o.port;
            identityFiles = o.identityFiles;
            inlineKeys = o.inlineKeys;
            defaultIdentities = o.defaultIdentities;
            passphrases = o.passphrases;
            proxy = o.proxy;
            useSshConfig = o.useSshConfig;
            hostKeyChecking = o.hostKeyChecking;
            knownHostsFile = o.knownHostsFile;
            sshDirectory = o.sshDirectory;
            agentSocket = o.agentSocket;
            connectTimeout = o.connectTimeout;
            maxConcurrentStarts = o.maxConcurrentStarts;
            keepalive = o.keepalive;
            idleTimeout = o.idleTimeout;
            connectAttempts = o.connectAttempts;
            connectBackoff = o.connectBackoff;
        }

        SshOptions build() {
            return new SshOptions(user, port, identityFiles, inlineKeys, defaultIdentities, passphrases, proxy,
                    useSshConfig, hostKeyChecking, knownHostsFile, sshDirectory, agentSocket, connectTimeout,
                    maxConcurrentStarts, keepalive, idleTimeout, connectAttempts, connectBackoff);
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is empty");
        }
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    private static void requireNotNegative(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
    }
}
