package dev.xamal.ssh;

import dev.xamal.core.config.SshConfig.HostKeyChecking;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.util.net.SshdSocketAddress;

/**
 * Checks host keys against a known_hosts file (plain and hashed {@code |1|} entries), in strict or
 * accept-new mode, and remembers why a key was refused so the connection error can say so: MINA
 * itself only reports "Server key did not validate".
 */
final class HostKeyPolicy {
    private final HostKeyChecking checking;
    private final Path knownHosts;
    private final Map<String, HostKeyProblem> problems = new ConcurrentHashMap<>();
    private final KnownHostsServerKeyVerifier verifier;

    HostKeyPolicy(HostKeyChecking checking, Path knownHosts) {
        this.checking = checking;
        this.knownHosts = knownHosts.toAbsolutePath();
        if (checking == HostKeyChecking.ACCEPT_NEW) {
            createParentDirectory(this.knownHosts);
        }
        this.verifier = new CanonicalKnownHostsVerifier(this::unknownHost, this.knownHosts);
        this.verifier.setModifiedServerKeyAcceptor(this::changedKey);
    }

    ServerKeyVerifier verifier() {
        return verifier;
    }

    /** The reason the key of {@code host:port} was last refused, if it was. */
    Optional<HostKeyProblem> problemFor(String host, int port) {
        return Optional.ofNullable(problems.get(knownHostsAddress(host, port)));
    }

    void forget(String host, int port) {
        problems.remove(knownHostsAddress(host, port));
    }

    private boolean unknownHost(ClientSession session, SocketAddress remote, PublicKey key) {
        if (checking == HostKeyChecking.ACCEPT_NEW) {
            return true; // the known_hosts verifier then appends the key to the file
        }
        String address = address(session, remote);
        problems.put(address, new HostKeyProblem(address, key, null, knownHosts));
        return false;
    }

    private boolean changedKey(ClientSession session, SocketAddress remote, KnownHostEntry entry,
                               PublicKey expected, PublicKey offered) {
        String address = address(session, remote);
        problems.put(address, new HostKeyProblem(address, offered, expected, knownHosts));
        return false;
    }

    private static String address(ClientSession session, SocketAddress remote) {
        SocketAddress connect = session.getConnectAddress();
        SocketAddress target = connect != null ? connect : remote;
        if (target instanceof SshdSocketAddress sshd) {
            return knownHostsAddress(sshd.getHostName(), sshd.getPort());
        }
        if (target instanceof InetSocketAddress inet) {
            return knownHostsAddress(inet.getHostString(), inet.getPort());
        }
        return String.valueOf(target);
    }

    /** How OpenSSH writes a host in known_hosts: bare on port 22, {@code [host]:port} otherwise. */
    static String knownHostsAddress(String host, int port) {
        String canonical = Ipv6Text.canonical(host);
        return port == 22 ? canonical : "[" + canonical + "]:" + port;
    }

    /**
     * Also matches IPv6 hosts written in their usual short form ({@code [::1]:2222}): MINA only
     * looks for the long form the JDK prints.
     */
    private static final class CanonicalKnownHostsVerifier extends KnownHostsServerKeyVerifier {
        CanonicalKnownHostsVerifier(ServerKeyVerifier delegate, Path file) {
            super(delegate, file);
        }

        @Override
        protected Collection<SshdSocketAddress> resolveHostNetworkIdentities(ClientSession session,
                                                                             SocketAddress remote) {
            Collection<SshdSocketAddress> identities = super.resolveHostNetworkIdentities(session, remote);
            List<SshdSocketAddress> all = new ArrayList<>();
            for (SshdSocketAddress identity : identities) {
                String canonical = Ipv6Text.canonical(identity.getHostName());
                if (!canonical.equals(identity.getHostName())) {
                    all.add(new SshdSocketAddress(canonical, identity.getPort()));
                }
            }
            all.addAll(identities);
            return all;
        }
    }

    private static void createParentDirectory(Path file) {
        Path parent = file.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            try {
                Files.createDirectories(parent);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the directory of known_hosts file " + file, e);
            }
        }
    }
}
