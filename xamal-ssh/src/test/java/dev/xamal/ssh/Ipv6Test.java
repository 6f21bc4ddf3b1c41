package dev.xamal.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xamal.core.config.Host;
import java.io.IOException;
import java.nio.file.Files;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;
import org.junit.jupiter.api.Test;

class Ipv6Test extends InProcessServerTest {

    @Test
    void connectsToABracketedIpv6HostWithUserAndPortFromTheHostString() throws IOException {
        try (TestSshServer v6 = TestSshServer.start("::1", TestSshServer.newHostKey(),
                new AuthorizedKeysAuthenticator(dir.resolve("authorized_keys")))) {
            Files.writeString(knownHosts, "[::1]:" + v6.port() + " " + PublicKeyEntry.toString(v6.hostKey().getPublic()) + "\n");
            Host host = Host.parse("ops@[::1]:" + v6.port());

            try (SshTransport transport = new SshTransport(options())) {
                assertThat(transport.open(host).run("echo over v6").stdout()).isEqualTo("over v6\n");
            }
            assertThat(v6.sessionsCreated()).isEqualTo(1);
        }
    }

    @Test
    void anUnknownIpv6HostIsNamedInItsShortForm() throws IOException {
        try (TestSshServer v6 = TestSshServer.start("::1", TestSshServer.newHostKey(),
                new AuthorizedKeysAuthenticator(dir.resolve("authorized_keys")))) {
            Host host = Host.parse("[::1]:" + v6.port());

            try (SshTransport transport = new SshTransport(options())) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> transport.open(host).run("true"))
                        .hasMessageContaining("Host key verification failed for [::1]:" + v6.port())
                        .hasMessageContaining("\n[::1]:" + v6.port() + " ecdsa-sha2-nistp256 ");
            }
        }
    }

    @Test
    void canonicalIpv6TextFollowsRfc5952() {
        assertThat(Ipv6Text.canonical("0:0:0:0:0:0:0:1")).isEqualTo("::1");
        assertThat(Ipv6Text.canonical("2001:0DB8:0:0:1:0:0:1")).isEqualTo("2001:db8::1:0:0:1");
        assertThat(Ipv6Text.canonical("2001:db8:0:1:1:1:1:1")).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(Ipv6Text.canonical("fe80:0:0:0:0:0:0:1%lo")).isEqualTo("fe80::1%lo");
        assertThat(Ipv6Text.canonical("web1.example.com")).isEqualTo("web1.example.com");
        assertThat(Ipv6Text.canonical("10.0.0.1")).isEqualTo("10.0.0.1");
    }
}
