package dev.xamal.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xamal.core.EnvironmentException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;
import org.junit.jupiter.api.Test;

class ProxyJumpTest extends InProcessServerTest {

    @Test
    void reachesTheTargetThroughTheJumpHost() throws IOException {
        try (TestSshServer bastion = TestSshServer.start("127.0.0.1", TestSshServer.newHostKey(),
                new AuthorizedKeysAuthenticator(dir.resolve("authorized_keys")))) {
            Files.writeString(knownHosts, server.knownHostsLine() + "\n" + bastion.knownHostsLine() + "\n");
            SshOptions viaBastion = options().withProxy(Optional.of("jumper@127.0.0.1:" + bastion.port()));

            try (SshTransport transport = new SshTransport(viaBastion)) {
                assertThat(transport.open(host()).run("echo jumped").stdout()).isEqualTo("jumped\n");
            }
            assertThat(bastion.sessionsCreated()).isEqualTo(1);
            assertThat(server.sessionsCreated()).isEqualTo(1);
        }
    }

    @Test
    void anUnknownJumpHostKeyIsReportedForTheJumpHost() throws IOException {
        try (TestSshServer bastion = TestSshServer.start("127.0.0.1", TestSshServer.newHostKey(),
                new AuthorizedKeysAuthenticator(dir.resolve("authorized_keys")))) {
            SshOptions viaBastion = options().withProxy(Optional.of("jumper@127.0.0.1:" + bastion.port()));

            try (SshTransport transport = new SshTransport(viaBastion)) {
                assertThatThrownBy(() -> transport.open(host()).run("true"))
                        .isInstanceOf(EnvironmentException.class)
                        .hasMessageContaining("Host key verification failed for [127.0.0.1]:" + bastion.port())
                        .hasMessageContaining(KeyUtils.getFingerPrint(bastion.hostKey().getPublic()));
            }
        }
    }
}
