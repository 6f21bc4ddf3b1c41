package dev.xamal.core.config;

import java.util.List;
import java.util.Optional;

/**
 * How xamal reaches its servers ({@code ssh:}). Durations are in seconds.
 *
 * @param user                the login user (default {@code root})
 * @param port                the SSH port for hosts that do not write one (default 22)
 * @param keys                private key files to offer, {@code ~} allowed (default: the SSH
 *                            client's usual ones)
 * @param keyData             names of secrets whose values are private keys
 * @param serverId            the settings.xml {@code <server>} holding a passphrase or password
 *                            (default {@code xamal-<service>})
 * @param proxy               a jump host ({@code [user@]host[:port]}), like ProxyJump
 * @param config              whether {@code ~/.ssh/config} is honoured (default true)
 * @param hostKeyChecking     {@code strict} (default) or {@code accept-new}
 * @param knownHostsFile      the known_hosts file (default {@code ~/.ssh/known_hosts})
 * @param connectTimeout      seconds to wait for a connection (default 15)
 * @param maxConcurrentStarts how many hosts are worked on at once (default 30)
 * @param keepalive           seconds between keepalive messages; 0 turns them off (default 30)
 */
public record SshConfig(
        String user,
        int port,
        List<String> keys,
        List<String> keyData,
        String serverId,
        Optional<String> proxy,
        boolean config,
        HostKeyChecking hostKeyChecking,
        String knownHostsFile,
        int connectTimeout,
        int maxConcurrentStarts,
        int keepalive) {

    public static final String DEFAULT_USER = "root";
    public static final int DEFAULT_PORT = 22;
    public static final String DEFAULT_KNOWN_HOSTS_FILE = "~/.ssh/known_hosts";
    public static final int DEFAULT_CONNECT_TIMEOUT = 15;
    public static final int DEFAULT_MAX_CONCURRENT_STARTS = 30;
    public static final int DEFAULT_KEEPALIVE = 30;

    public SshConfig {
        keys = List.copyOf(keys);
        keyData = List.copyOf(keyData);
    }

    /** The default server id for a service: {@code xamal-<service>}. */
    public static String defaultServerId(String service) {
        return "xamal-" + service;
    }

    /** How an unknown host key is treated. */
    public enum HostKeyChecking implements ConfigChoice {
        /** Only keys already in known_hosts are accepted. */
        STRICT,
        /** A host not yet in known_hosts is added on first contact; a changed key still fails. */
        ACCEPT_NEW
    }
}
