package dev.xamal.testhosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A private host behind a public one, a small tmpfs, pausing and disconnecting. */
class HostOptionsTest {

    private static final Duration PROBE = Duration.ofSeconds(2);

    @RegisterExtension
    final TestHosts hosts = TestHosts.builder(2).privateHost("internal").tmpfs("/srv/small", "8m").build();

    @Test
    void privateHostHasNoMappedPortButIsReachableFromTheOthersAndThroughAJump() {
        TestHost internal = hosts.host("internal");
        assertThat(internal.mapped()).isFalse();
        assertThatThrownBy(internal::sshPort).hasMessageContaining("private host");
        assertThat(internal.shell("hostname").strip()).isEqualTo("internal");

        ExecOutput http = hosts.ssh(hosts.host(1), "curl -s -o /dev/null -w '%{http_code}' http://internal/");
        assertThat(http.out()).isEqualTo("200");

        ExecOutput jumped = hosts.sshVia(hosts.host(1), internal, "hostname; whoami");
        assertThat(jumped.exitCode()).as(jumped.toString()).isZero();
        assertThat(jumped.out()).isEqualTo("internal\ndeploy");
    }

    @Test
    void tmpfsHasTheRequestedSizeAndFillsUp() {
        TestHost host = hosts.host(1);
        assertThat(host.shell("df -B1 --output=size /srv/small | tail -n 1").strip()).isEqualTo(Long.toString(8L << 20));
        ExecOutput fill = hosts.ssh(host, "sudo -n dd if=/dev/zero of=/srv/small/fill bs=1M count=9");
        assertThat(fill.exitCode()).isNotZero();
        assertThat(fill.stderr()).contains("No space left on device");
    }

    @Test
    void aPausedHostStopsAnsweringUntilUnpaused() {
        TestHost host = hosts.host(2);
        assertThat(SshBanner.answers(host.host(), host.sshPort(), PROBE)).isTrue();
        host.pause();
        try {
            assertThat(SshBanner.answers(host.host(), host.sshPort(), PROBE)).as("banner while paused").isFalse();
        } finally {
            host.unpause();
        }
        assertThat(hosts.ssh(host, "echo back").out()).isEqualTo("back");
    }

    @Test
    void aDisconnectedHostIsUnreachableUntilReconnected() {
        TestHost host = hosts.host(2);
        TestHost other = hosts.host(1);
        host.disconnect();
        try {
            assertThat(SshBanner.answers(host.host(), host.sshPort(), PROBE)).as("mapped SSH while disconnected").isFalse();
            ExecOutput fromOther = hosts.ssh(other, "curl -s --max-time 2 -o /dev/null http://h2/");
            assertThat(fromOther.exitCode()).as("h1 -> h2 while disconnected").isNotZero();
        } finally {
            host.reconnect();
        }
        assertThat(hosts.ssh(other, "curl -s -o /dev/null -w '%{http_code}' http://h2/").out()).isEqualTo("200");
        ExecOutput back = hosts.ssh(host, "echo back");
        assertThat(back.out()).as(back.toString()).isEqualTo("back");
    }
}
