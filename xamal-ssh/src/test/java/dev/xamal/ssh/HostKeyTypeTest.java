package dev.xamal.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;
import org.junit.jupiter.api.Test;

/**
 * Servers usually have several host keys (ecdsa, ed25519, rsa) while known_hosts often records
 * only one of them. Like OpenSSH, the transport then asks for the key type it already knows, so
 * a well-known host is never reported as changed.
 */
class HostKeyTypeTest extends InProcessServerTest {

    @Test
    void asksForTheKeyTypeKnownHostsHolds() throws IOException, GeneralSecurityException {
        KeyPair ecdsa = TestSshServer.newHostKey();
        KeyPair ed25519 = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        KeyPair rsa = KeyUtils.generateKeyPair(KeyPairProvider.SSH_RSA, 2048);
        for (KeyPair known : List.of(ed25519, rsa, ecdsa)) {
            try (TestSshServer multiKey = TestSshServer.start("127.0.0.1", List.of(ecdsa, ed25519, rsa),
                    new AuthorizedKeysAuthenticator(dir.resolve("authorized_keys")))) {
                Files.writeString(knownHosts, "[127.0.0.1]:" + multiKey.port() + " "
                        + PublicKeyEntry.toString(known.getPublic()) + "\n");
                try (SshTransport transport = new SshTransport(options())) {
                    assertThat(transport.open(new dev.xamal.core.config.Host(java.util.Optional.empty(), "127.0.0.1",
                            java.util.Optional.of(multiKey.port()))).run("echo ok").stdout())
                            .as("known_hosts holds only the %s key", KeyUtils.getKeyType(known))
                            .isEqualTo("ok\n");
                }
            }
        }
    }
}
