package dev.xamal.ssh;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a server for the type of host key known_hosts already holds for it, as OpenSSH does.
 * Servers usually have several host keys (ecdsa, ed25519, rsa) and known_hosts often records only
 * one; without this, MINA's own preference could pick another type and a well-known host would
 * look like one whose key changed. Types not in known_hosts stay offered, after the known ones.
 */
final class KnownHostKeyTypes implements SessionListener {
    private static final Logger LOG = LoggerFactory.getLogger(KnownHostKeyTypes.class);

    private final Path knownHosts;
    /** Host names the transport is connecting to, by resolved address and port. */
    private final Map<String, Set<String>> namesByAddress = new ConcurrentHashMap<>();

    KnownHostKeyTypes(Path knownHosts) {
        this.knownHosts = knownHosts;
    }

    /** Called before connecting, so the session (which only sees an address) can be matched to its name. */
    void expect(String hostname, int port) {
        try {
            for (InetAddress address : InetAddress.getAllByName(hostname)) {
                namesByAddress.computeIfAbsent(key(address.getHostAddress(), port), k -> ConcurrentHashMap.newKeySet())
                        .add(hostname);
            }
        } catch (UnknownHostException e) {
            // connecting reports it
        }
    }

    @Override
    public void sessionNegotiationOptionsCreated(Session session, Map<KexProposalOption, String> proposal) {
        if (!(session instanceof ClientSession) || session.getIoSession() == null) {
            return;
        }
        SocketAddress remote = session.getIoSession().getRemoteAddress();
        Set<String> names = new HashSet<>();
        int port;
        if (remote instanceof InetSocketAddress inet) {
            port = inet.getPort();
            names.add(inet.getHostString());
            if (inet.getAddress() != null) {
                String ip = inet.getAddress().getHostAddress();
                names.add(ip);
                names.add(Ipv6Text.canonical(ip));
                names.addAll(namesByAddress.getOrDefault(key(ip, port), Set.of()));
            }
        } else if (remote instanceof SshdSocketAddress sshd) {
            port = sshd.getPort();
            names.add(sshd.getHostName());
        } else {
            return;
        }
        Set<String> known = knownTypes(names, port);
        String offered = proposal.get(KexProposalOption.SERVERKEYS);
        if (!known.isEmpty() && offered != null) {
            proposal.put(KexProposalOption.SERVERKEYS, preferring(offered, known));
        }
    }

    private Set<String> knownTypes(Set<String> names, int port) {
        if (!Files.isRegularFile(knownHosts)) {
            return Set.of();
        }
        Set<String> types = new HashSet<>();
        try {
            for (KnownHostEntry entry : KnownHostEntry.readKnownHostEntries(knownHosts)) {
                if (entry.getMarker() == null && entry.getKeyEntry() != null
                        && names.stream().anyMatch(name -> entry.isHostMatch(name, port))) {
                    types.add(entry.getKeyEntry().getKeyType());
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Cannot read {} to order host key types: {}", knownHosts, e.getMessage());
        }
        return types;
    }

    /** The algorithms whose key type is known first, in their original order, then the rest. */
    static String preferring(String algorithms, Set<String> knownKeyTypes) {
        List<String> first = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (String algorithm : algorithms.split(",")) {
            boolean known = !algorithm.contains("-cert-")
                    && knownKeyTypes.contains(KeyUtils.getCanonicalKeyType(algorithm));
            (known ? first : rest).add(algorithm);
        }
        first.addAll(rest);
        return String.join(",", first);
    }

    private static String key(String address, int port) {
        return address + "|" + port;
    }

    @Override
    public String toString() {
        return "KnownHostKeyTypes[" + knownHosts + "]";
    }
}
