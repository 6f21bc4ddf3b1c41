package dev.xamal.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xamal.core.EnvironmentException;
import dev.xamal.core.config.SshConfig.HostKeyChecking;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.Test;

class HostKeyTest extends InProcessServerTest {

    @Test
    void anUnknownHostFailsWithItsFingerprintAndTheLineToAdd() throws IOException {
        Files.writeString(knownHosts, "");
        String fingerprint = KeyUtils.getFingerPrint(server.hostKey().getPublic());
        try (SshTransport transport = new SshTransport(options())) {
            assertThatThrownBy(() -> transport.open(host()).run("true"))
                    .isInstanceOf(EnvironmentException.class)
                    .hasMessageContaining("Host key verification failed for [127.0.0.1]:" + server.port())
                    .hasMessageContaining("not in " + knownHosts)
                    .hasMessageContaining(fingerprint)
                    .hasMessageContaining("\n" + server.knownHostsLine() + "\n")
                    .hasMessageContaining("accept-new");
        }
        assertThat(fingerprint).startsWith("SHA256:");

        // the line the message gives is exactly what makes the host trusted
        Files.writeString(knownHosts, server.knownHostsLine() + "\n");
        try (SshTransport transport = new SshTransport(options())) {
            assertThat(transport.open(host()).run("echo trusted").stdout()).isEqualTo("trusted\n");
        }
    }

    @Test
    void aChangedKeyFailsAsAPossibleAttackShowingBothFingerprints() throws IOException {
        KeyPair previous = TestSshServer.newHostKey();
        Files.writeString(knownHosts, "[127.0.0.1]:" + server.port() + " "
                + PublicKeyEntry.toString(previous.getPublic()) + "\n");
        try (SshTransport transport = new SshTransport(options())) {
            assertThatThrownBy(() -> transport.open(host()).run("true"))
                    .isInstanceOf(EnvironmentException.class)
                    .hasMessageContaining("HOST KEY CHANGED for [127.0.0.1]:" + server.port())
                    .hasMessageContaining("may be an attack")
                    .hasMessageContaining("Expected ecdsa-sha2-nistp256 " + KeyUtils.getFingerPrint(previous.getPublic()))
                    .hasMessageContaining("offered ecdsa-sha2-nistp256 " + KeyUtils.getFingerPrint(server.hostKey().getPublic()))
                    .hasMessageContaining("ssh-keygen -R '[127.0.0.1]:" + server.port() + "' -f " + knownHosts.toAbsolutePath())
                    .hasMessageContaining("then add this line to " + knownHosts.toAbsolutePath() + ":\n[127.0.0.1]:"
                            + server.port() + " " + PublicKeyEntry.toString(server.hostKey().getPublic()));
        }
    }

    @Test
    void acceptNewStillRefusesAChangedKey() throws IOException {
        KeyPair previous = TestSshServer.newHostKey();
        String entry = "[127.0.0.1]:" + server.port() + " " + PublicKeyEntry.toString(previous.getPublic()) + "\n";
        Files.writeString(knownHosts, entry);
        try (SshTransport transport = new SshTransport(options().withHostKeys(HostKeyChecking.ACCEPT_NEW, knownHosts))) {
            assertThatThrownBy(() -> transport.open(host()).run("true"))
                    .isInstanceOf(EnvironmentException.class)
                    .hasMessageContaining("HOST KEY CHANGED");
        }
        assertThat(Files.readString(knownHosts)).isEqualTo(entry);
    }

    @Test
    void acceptNewRecordsAFirstSeenKeySoStrictModeTrustsItAfterwards() throws IOException {
        Path fresh = dir.resolve("new-dir/known_hosts");
        try (SshTransport transport = new SshTransport(options().withHostKeys(HostKeyChecking.ACCEPT_NEW, fresh))) {
            assertThat(transport.open(host()).run("echo first").stdout()).isEqualTo("first\n");
        }
        assertThat(Files.readString(fresh)).contains(PublicKeyEntry.toString(server.hostKey().getPublic()));

        try (SshTransport transport = new SshTransport(options().withHostKeys(HostKeyChecking.STRICT, fresh))) {
            assertThat(transport.open(host()).run("echo second").stdout()).isEqualTo("second\n");
        }
    }

    @Test
    void hashedKnownHostsEntriesAreMatched() throws IOException {
        Files.writeString(knownHosts, server.knownHostsLine() + "\n");
        TestKeys.run(List.of("ssh-keygen", "-H", "-f", knownHosts.toString()), dir);
        String hashed = Files.readString(knownHosts);
        assertThat(hashed).startsWith("|1|").doesNotContain("127.0.0.1");

        try (SshTransport transport = new SshTransport(options())) {
            assertThat(transport.open(host()).run("echo hashed").stdout()).isEqualTo("hashed\n");
        }
    }

    @Test
    void aHashedEntryWithAnotherKeyIsAChangedKey() throws IOException {
        KeyPair previous = TestSshServer.newHostKey();
        Files.writeString(knownHosts, "[127.0.0.1]:" + server.port() + " "
                + PublicKeyEntry.toString(previous.getPublic()) + "\n");
        TestKeys.run(List.of("ssh-keygen", "-H", "-f", knownHosts.toString()), dir);

        try (SshTransport transport = new SshTransport(options())) {
            assertThatThrownBy(() -> transport.open(host()).run("true"))
                    .isInstanceOf(EnvironmentException.class)
                    .hasMessageContaining("HOST KEY CHANGED")
                    .hasMessageContaining(KeyUtils.getFingerPrint(previous.getPublic()));
        }
    }
}
