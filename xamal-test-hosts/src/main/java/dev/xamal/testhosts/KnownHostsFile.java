package dev.xamal.testhosts;

import java.util.Collection;

/** Renders an OpenSSH known_hosts file for test hosts. */
final class KnownHostsFile {

    private KnownHostsFile() {
    }

    /**
     * Public hosts as {@code [localhost]:<port>} and {@code [127.0.0.1]:<port>}; every host also under
     * its name on port 22, as the other hosts (and jump connections) reach it.
     */
    static String render(Collection<TestHost> hosts) {
        StringBuilder file = new StringBuilder();
        for (TestHost host : hosts) {
            String key = host.hostPublicKey();
            if (host.mapped()) {
                file.append("[localhost]:").append(host.sshPort()).append(' ').append(key).append('\n');
                file.append("[127.0.0.1]:").append(host.sshPort()).append(' ').append(key).append('\n');
            }
            file.append(host.name()).append(' ').append(key).append('\n');
        }
        return file.toString();
    }
}
