package dev.xamal.core.config;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One server as written in {@code servers}: {@code host}, {@code host:port}, {@code user@host},
 * {@code [v6]} or {@code [v6]:port}. A host's identity is its name plus SSH port, so
 * {@code localhost:2201} and {@code localhost:2202} are two hosts; the user is not part of it
 * ({@link #equals} and {@link #hashCode} compare name and port only).
 *
 * @param user     the login user written in the host string, if any (else {@code ssh.user})
 * @param hostname the name or address, without brackets for IPv6
 * @param port     the SSH port written in the host string, if any (else {@code ssh.port})
 */
public record Host(Optional<String> user, String hostname, Optional<Integer> port) {

    private static final Pattern USER = Pattern.compile("[A-Za-z_][A-Za-z0-9._-]*");
    private static final Pattern NAME =
            Pattern.compile("(?=.{1,253}$)[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?(\\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)*\\.?");
    private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[A-Za-z0-9_.-]+)?");
    private static final Pattern BRACKETED = Pattern.compile("\\[([^\\]]*)\\](?::(.*))?");

    public Host {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(port, "port");
        if (hostname == null || hostname.isEmpty()) {
            throw new IllegalArgumentException("hostname is empty");
        }
    }

    /**
     * Parses a host entry.
     *
     * @throws IllegalArgumentException with a message saying what is wrong and which forms work
     */
    public static Host parse(String text) {
        if (text == null || text.isBlank()) {
            throw malformed(text, "it is empty");
        }
        if (!text.equals(text.strip()) || text.chars().anyMatch(Character::isWhitespace)) {
            throw malformed(text, "it contains whitespace");
        }
        Optional<String> user = Optional.empty();
        String rest = text;
        int at = text.lastIndexOf('@');
        if (at >= 0) {
            String u = text.substring(0, at);
            if (!USER.matcher(u).matches()) {
                throw malformed(text, "the user '" + u + "' is not a valid login name");
            }
            user = Optional.of(u);
            rest = text.substring(at + 1);
        }
        Matcher bracketed = BRACKETED.matcher(rest);
        if (bracketed.matches()) {
            String address = bracketed.group(1);
            if (!V6.matcher(address).matches()) {
                throw malformed(text, "'" + address + "' in brackets is not an IPv6 address");
            }
            return new Host(user, address.toLowerCase(Locale.ROOT), parsePort(text, bracketed.group(2)));
        }
        if (rest.startsWith("[") || rest.contains("]")) {
            throw malformed(text, "an IPv6 address needs both brackets");
        }
        int colons = (int) rest.chars().filter(c -> c == ':').count();
        if (colons > 1) {
            if (!V6.matcher(rest).matches()) {
                throw malformed(text, "'" + rest + "' is not an IPv6 address");
            }
            return new Host(user, rest.toLowerCase(Locale.ROOT), Optional.empty());
        }
        String name = rest;
        String portText = null;
        if (colons == 1) {
            name = rest.substring(0, rest.indexOf(':'));
            portText = rest.substring(rest.indexOf(':') + 1);
        }
        if (!NAME.matcher(name).matches()) {
            throw malformed(text, "'" + name + "' is not a valid hostname or address");
        }
        return new Host(user, name.toLowerCase(Locale.ROOT), parsePort(text, portText));
    }

    private static Optional<Integer> parsePort(String text, String portText) {
        if (portText == null) {
            return Optional.empty();
        }
        if (!portText.matches("[0-9]{1,5}")) {
            throw malformed(text, "the port '" + portText + "' is not a number from 1 to 65535");
        }
        int port = Integer.parseInt(portText);
        if (port < 1 || port > 65535) {
            throw malformed(text, "the port " + port + " is not from 1 to 65535");
        }
        return Optional.of(port);
    }

    private static IllegalArgumentException malformed(String text, String why) {
        return new IllegalArgumentException("host '" + text + "' is malformed: " + why
                + "; write host, host:port, user@host, [v6] or [v6]:port");
    }

    /** This host without a written port when it equals the default, so identities compare well. */
    public Host withDefaultPort(int defaultPort) {
        return port.isPresent() && port.get() == defaultPort ? new Host(user, hostname, Optional.empty()) : this;
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
    public boolean equals(Object other) {
        return other instanceof Host h && h.hostname.equals(hostname) && h.port.equals(port);
    }

    @Override
    public int hashCode() {
        return Objects.hash(hostname, port);
    }

    @Override
    public String toString() {
        return user.map(u -> u + "@").orElse("") + id();
    }
}
