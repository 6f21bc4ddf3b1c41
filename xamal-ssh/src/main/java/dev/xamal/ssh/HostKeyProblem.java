package dev.xamal.ssh;

import java.nio.file.Path;
import java.security.PublicKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

/**
 * Why a host's key was refused, with the message that tells the user what to do.
 *
 * @param address  the host as it appears in known_hosts ({@code name} or {@code [name]:port})
 * @param offered  the key the host presented
 * @param expected the key known_hosts holds for it; {@code null} when the host is unknown
 */
record HostKeyProblem(String address, PublicKey offered, PublicKey expected, Path knownHosts) {

    boolean changed() {
        return expected != null;
    }

    String message() {
        return changed() ? changedMessage() : unknownMessage();
    }

    private String unknownMessage() {
        return "Host key verification failed for " + address + ": the host is not in " + knownHosts
                + ".\nIt offered the " + KeyUtils.getKeyType(offered) + " key " + KeyUtils.getFingerPrint(offered)
                + ". Check that fingerprint on the server (ssh-keygen -lf /etc/ssh/ssh_host_"
                + keyFileStem(offered) + "_key.pub) and, if it matches, add this line to " + knownHosts + ":\n"
                + knownHostsLine()
                + "\nor set ssh.host_key_checking: accept-new to record keys of hosts seen for the first time.";
    }

    private String changedMessage() {
        return "HOST KEY CHANGED for " + address + ": this may be an attack (someone intercepting the"
                + " connection), or the host was reinstalled.\nExpected " + KeyUtils.getKeyType(expected) + " "
                + KeyUtils.getFingerPrint(expected) + " (from " + knownHosts + "), offered "
                + KeyUtils.getKeyType(offered) + " " + KeyUtils.getFingerPrint(offered)
                + ".\nA changed key is never accepted. If the change is legitimate (check the fingerprint on the"
                + " server: ssh-keygen -lf /etc/ssh/ssh_host_" + keyFileStem(offered) + "_key.pub), remove the old"
                + " entry with ssh-keygen -R '" + address + "' -f " + knownHosts + ", then add this line to "
                + knownHosts + ":\n" + knownHostsLine();
    }

    /** The known_hosts line that trusts the offered key. */
    String knownHostsLine() {
        return address + " " + PublicKeyEntry.toString(offered);
    }

    private static String keyFileStem(PublicKey key) {
        String type = KeyUtils.getKeyType(key);
        if (type.startsWith("ecdsa")) {
            return "ecdsa";
        }
        if (type.contains("ed25519")) {
            return "ed25519";
        }
        return "rsa";
    }
}
