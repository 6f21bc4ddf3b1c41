package dev.xamal.core.config;

import java.util.Optional;

/**
 * One server as written in {@code servers}: {@code host}, {@code host:port}, {@code user@host},
 * {@code [v6]} or {@code [v6]:port}. A host's identity is its name plus SSH port, so
 * {@code localhost:2201} and {@code localhost:2202} are two hosts.
 *
 * @param user     the login user written in the host string, if any (else {@code ssh.user})
 * @param hostname the name or address, without brackets for IPv6
 * @param port     the SSH port written in the host string, if any (else {@code ssh.port})
 */
public record Host(Optional<String> user, String hostname, Optional<Integer> port) {

    public Host {
        if (hostname == null || hostname.isEmpty()) {
            throw new IllegalArgumentException("hostname is empty");
        }
    }

    /** The SSH port to use, given the configured default. */
    public int sshPort(int defaultPort) {
        return port.orElse(defaultPort);
    }

    /** The login user, given the configured default. */
    public String sshUser(String defaultUser) {
        return user.orElse(defaultUser);
    }

    /**
     * The identity used for validation, the lock, the audit log, known_hosts and
     * {@code XAMAL_HOSTS}: the hostname, plus {@code :port} when a port is written; IPv6 in
     * brackets when a port is given.
     */
    public String id() {
        boolean v6 = hostname.indexOf(':') >= 0;
        if (port.isEmpty()) {
            return hostname;
        }
        return (v6 ? "[" + hostname + "]" : hostname) + ":" + port.get();
    }

    /** The identity with the default port made explicit. */
    public String id(int defaultPort) {
        boolean v6 = hostname.indexOf(':') >= 0;
        return (v6 ? "[" + hostname + "]" : hostname) + ":" + sshPort(defaultPort);
    }

    @Override
    public String toString() {
        return user.map(u -> u + "@").orElse("") + id();
    }
}
