package dev.xamal.ssh;

import dev.xamal.core.config.Host;

/**
 * Where and as whom to connect for one host: its name, the SSH port and login user after the
 * defaults of {@link SshOptions} are applied. Two hosts with the same name and port share one
 * pooled connection.
 */
record HostTarget(Host host, String hostname, int port, String user) {

    static HostTarget of(Host host, SshOptions options) {
        return new HostTarget(host, host.hostname(), host.sshPort(options.port()), host.sshUser(options.user()));
    }

    /** The pool key: host name plus port (the user is part of it, as a different user is a different login). */
    String poolKey() {
        return user + "@" + host.id(port);
    }

    /** The host as named in messages. */
    String display() {
        return host.id();
    }
}
