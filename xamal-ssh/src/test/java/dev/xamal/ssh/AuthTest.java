package dev.xamal.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xamal.core.EnvironmentException;
import dev.xamal.core.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthTest extends InProcessServerTest {

    @Test
    void encryptedKeyWorksWithItsPassphrase() {
        Path encrypted = TestKeys.generate(dir, "id_encrypted", "ed25519", "correct horse");
        TestKeys.authorize(dir.resolve("authorized_keys"), encrypted);
        SshOptions options = options().withKeys(List.of(encrypted), List.of(), false)
                .withPassphrases(key -> key.equals(encrypted.toString()) ? Optional.of("correct horse") : Optional.empty());

        try (SshTransport transport = new SshTransport(options)) {
            assertThat(transport.open(host()).run("echo unlocked").stdout()).isEqualTo("unlocked\n");
        }
    }

    @Test
    void encryptedKeyWithoutPassphraseIsAUsageErrorNamingTheKey() {
        Path encrypted = TestKeys.generate(dir, "id_encrypted", "ed25519", "correct horse");
        SshOptions options = options().withKeys(List.of(encrypted), List.of(), false);

        assertThatThrownBy(() -> new SshTransport(options))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining(encrypted.toString())
                .hasMessageContaining("encrypted and no passphrase was supplied");
    }

    @Test
    void encryptedKeyWithAWrongPassphraseIsAUsageError() {
        Path encrypted = TestKeys.generate(dir, "id_encrypted", "ed25519", "correct horse");
        SshOptions options = options().withKeys(List.of(encrypted), List.of(), false)
                .withPassphrases(key -> Optional.of("battery staple"));

        assertThatThrownBy(() -> new SshTransport(options))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("Cannot read SSH key " + encrypted);
    }

    @Test
    void ecdsaAndRsaKeysWork() {
        for (String type : List.of("ecdsa", "rsa")) {
            Path key = TestKeys.generate(dir, "id_" + type, type, "");
            TestKeys.authorize(dir.resolve("authorized_keys"), key);
            try (SshTransport transport = new SshTransport(options().withKeys(List.of(key), List.of(), false))) {
                assertThat(transport.open(host()).run("echo " + type).stdout()).isEqualTo(type + "\n");
            }
        }
    }

    @Test
    void inMemoryKeyMaterialWorks() throws IOException {
        InlineKey inline = new InlineKey("DEPLOY_KEY", Files.readString(clientKey));
        try (SshTransport transport = new SshTransport(options().withKeys(List.of(), List.of(inline), false))) {
            assertThat(transport.open(host()).run("echo inline").stdout()).isEqualTo("inline\n");
        }
        assertThat(inline.toString()).isEqualTo("InlineKey[DEPLOY_KEY]").doesNotContain("PRIVATE");
    }

    @Test
    void defaultKeyInTheSshDirectoryIsUsedUnlessTurnedOff() throws IOException {
        Path sshDir = Files.createDirectory(dir.resolve("dot-ssh"));
        Files.copy(clientKey, sshDir.resolve("id_ed25519"));
        SshOptions withDefaults = options().withKeys(List.of(), List.of(), true).withSshDirectory(sshDir, false);

        try (SshTransport transport = new SshTransport(withDefaults)) {
            assertThat(transport.open(host()).run("echo default").stdout()).isEqualTo("default\n");
        }
        try (SshTransport transport = new SshTransport(withDefaults.withKeys(List.of(), List.of(), false))) {
            assertThatThrownBy(() -> transport.open(host()).run("true"))
                    .isInstanceOf(EnvironmentException.class)
                    .hasMessageContaining("accepted none of the offered keys");
        }
    }

    @Test
    void sshConfigIsHonouredOnlyWhenEnabled() throws IOException {
        Path sshDir = Files.createDirectory(dir.resolve("dot-ssh"));
        // the config names the key; the options offer none
        Files.writeString(sshDir.resolve("config"), "Host 127.0.0.1\n  IdentityFile " + clientKey + "\n");
        SshOptions noKeys = options().withKeys(List.of(), List.of(), false);

        try (SshTransport transport = new SshTransport(noKeys.withSshDirectory(sshDir, true))) {
            assertThat(transport.open(host()).run("echo configured").stdout()).isEqualTo("configured\n");
        }
        try (SshTransport transport = new SshTransport(noKeys.withSshDirectory(sshDir, false))) {
            assertThatThrownBy(() -> transport.open(host()).run("true"))
                    .hasMessageContaining("accepted none of the offered keys");
        }
    }

    @Test
    void aMissingKeyFileIsAUsageError() {
        Path missing = dir.resolve("no-such-key");
        assertThatThrownBy(() -> new SshTransport(options().withKeys(List.of(missing), List.of(), false)))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining(missing + " does not exist");
    }

    @Test
    void agentKeysAuthenticateAndStopWorkingOnceRemovedFromTheAgent() throws IOException {
        Path rsaKey = TestKeys.generate(dir, "id_agent_rsa", "rsa", "");
        TestKeys.authorize(dir.resolve("authorized_keys"), rsaKey);
        try (TestAgent agent = TestAgent.start(dir, emptySshDir)) {
            agent.add(clientKey, rsaKey);
            SshOptions agentOnly = options().withKeys(List.of(), List.of(), true)
                    .withSshDirectory(emptySshDir, false).withAgentSocket(Optional.of(agent.socket()));

            try (SshTransport transport = new SshTransport(agentOnly)) {
                assertThat(transport.open(host()).run("echo via agent").stdout()).isEqualTo("via agent\n");
            }
            // only the RSA key left: exercises the rsa-sha2 signature flags
            agent.remove(clientKey);
            try (SshTransport transport = new SshTransport(agentOnly)) {
                assertThat(transport.open(host()).run("echo via rsa").stdout()).isEqualTo("via rsa\n");
            }
            agent.removeAll();
            try (SshTransport transport = new SshTransport(agentOnly)) {
                assertThatThrownBy(() -> transport.open(host()).run("true"))
                        .isInstanceOf(EnvironmentException.class)
                        .hasMessageContaining("accepted none of the offered keys");
            }
        }
    }

    @Test
    void aMissingAgentSocketOnlyMeansNoAgentKeys() {
        SshOptions options = options().withAgentSocket(Optional.of(dir.resolve("no-agent.sock")));
        try (SshTransport transport = new SshTransport(options)) {
            assertThat(transport.open(host()).run("echo fine").stdout()).isEqualTo("fine\n");
        }
    }
}
