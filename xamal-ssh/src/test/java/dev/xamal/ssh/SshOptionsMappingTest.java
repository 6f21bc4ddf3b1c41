package dev.xamal.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xamal.core.UsageException;
import dev.xamal.core.config.SshConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SshOptionsMappingTest {
    private static final Path HOME = Path.of("/home/dev");

    @Test
    void mapsEveryKeyOfTheSshSection() {
        SshConfig ssh = new SshConfig("deploy", 2222, List.of("~/.ssh/deploy_ed25519", "/keys/ci"),
                List.of("DEPLOY_KEY"), "xamal-app", Optional.of("jump@bastion:2200"), false,
                SshConfig.HostKeyChecking.ACCEPT_NEW, "~/work/known_hosts", 15, 30, 20);

        SshOptions options = SshOptionsMapping.toOptions(ssh, HOME, Map.of("SSH_AUTH_SOCK", "/tmp/agent.sock"),
                name -> name.equals("DEPLOY_KEY") ? Optional.of("-----BEGIN OPENSSH PRIVATE KEY-----") : Optional.empty(),
                PassphraseSource.NONE);

        assertThat(options.user()).isEqualTo("deploy");
        assertThat(options.port()).isEqualTo(2222);
        assertThat(options.identityFiles()).containsExactly(Path.of("/home/dev/.ssh/deploy_ed25519"), Path.of("/keys/ci"));
        assertThat(options.inlineKeys()).extracting(InlineKey::name).containsExactly("DEPLOY_KEY");
        assertThat(options.proxy()).contains("jump@bastion:2200");
        assertThat(options.useSshConfig()).isFalse();
        assertThat(options.sshDirectory()).isEqualTo(Path.of("/home/dev/.ssh"));
        assertThat(options.hostKeyChecking()).isEqualTo(SshConfig.HostKeyChecking.ACCEPT_NEW);
        assertThat(options.knownHostsFile()).isEqualTo(Path.of("/home/dev/work/known_hosts"));
        assertThat(options.agentSocket()).contains(Path.of("/tmp/agent.sock"));
        assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(options.maxConcurrentStarts()).isEqualTo(30);
        assertThat(options.keepalive()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void anUndefinedKeyDataSecretIsAUsageError() {
        SshConfig ssh = new SshConfig("root", 22, List.of(), List.of("MISSING_KEY"), "xamal-app", Optional.empty(),
                true, SshConfig.HostKeyChecking.STRICT, "~/.ssh/known_hosts", 15, 30, 30);

        assertThatThrownBy(() -> SshOptionsMapping.toOptions(ssh, HOME, Map.of(), name -> Optional.empty(),
                PassphraseSource.NONE))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("ssh.key_data")
                .hasMessageContaining("MISSING_KEY");
    }

    @Test
    void noAgentWithoutSshAuthSock() {
        SshConfig ssh = new SshConfig("root", 22, List.of(), List.of(), "xamal-app", Optional.empty(),
                true, SshConfig.HostKeyChecking.STRICT, "~/.ssh/known_hosts", 15, 30, 30);

        assertThat(SshOptionsMapping.toOptions(ssh, HOME, Map.of(), name -> Optional.empty(), PassphraseSource.NONE)
                .agentSocket()).isEmpty();
    }
}
