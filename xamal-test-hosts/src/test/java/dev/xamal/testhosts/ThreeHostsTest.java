package dev.xamal.testhosts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Three default hosts at once, checked over SSH as deploy with the OpenSSH client. */
class ThreeHostsTest {

    @RegisterExtension
    static TestHosts hosts = TestHosts.start(3);

    @Test
    void everyHostRunsSystemdSshdAndCaddyWithSudoAndBootstrapsKernelSettingButNoJava() {
        assertThat(hosts.hosts()).hasSize(3);
        for (TestHost host : hosts.hosts()) {
            assertThat(ssh(host, "systemctl is-system-running").out()).as(host + " system state").isEqualTo("running");
            assertThat(ssh(host, "ps -p 1 -o comm=").out()).as(host + " PID 1").isEqualTo("systemd");
            assertThat(ssh(host, "whoami").out()).isEqualTo("deploy");
            assertThat(ssh(host, "caddy version").out()).as(host + " caddy version").matches("v?2\\.[0-9]+.*");
            assertThat(ssh(host, "sudo -n true").exitCode()).as(host + " passwordless sudo").isZero();
            assertThat(ssh(host, "cat /proc/sys/net/ipv4/tcp_migrate_req").out())
                    .as(host + " hands queued connections over, as bootstrap sets it").isEqualTo("1");
            ExecOutput java = hosts.ssh(host, "command -v java");
            assertThat(java.exitCode()).as(host + " must have no java, found: " + java.out()).isNotZero();
            assertThat(ssh(host, "curl -s -o /dev/null -w '%{http_code}' localhost").out())
                    .as(host + " Caddy on :80").isEqualTo("200");
        }
    }

    @Test
    void everyHostHasItsOwnFreshHostKeyListedInKnownHosts() throws Exception {
        List<String> keys = hosts.hosts().stream().map(TestHost::hostPublicKey).toList();
        assertThat(keys).doesNotHaveDuplicates().allMatch(key -> key.startsWith("ssh-ed25519 "));
        String knownHosts = Files.readString(hosts.knownHostsPath());
        for (TestHost host : hosts.hosts()) {
            assertThat(knownHosts).contains("[localhost]:" + host.sshPort() + " " + host.hostPublicKey());
            String served = host.shell("cut -d' ' -f1,2 /etc/ssh/ssh_host_ed25519_key.pub").strip();
            assertThat(served).isEqualTo(host.hostPublicKey());
        }
        assertThat(hosts.hosts().stream().map(TestHost::sshPort).collect(Collectors.toSet())).hasSize(3);
    }

    @Test
    void mappedHttpPortReachesCaddyFromTheTestJvm() throws Exception {
        TestHost host = hosts.host(2);
        var client = java.net.http.HttpClient.newHttpClient();
        var response = client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://" + host.host() + ":" + host.httpPort() + "/")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("server")).hasValue("Caddy");
    }

    @Test
    void hostsReachEachOtherByName() {
        ExecOutput result = hosts.ssh(hosts.host(1), "curl -s -o /dev/null -w '%{http_code}' http://h3/");
        assertThat(result.out()).isEqualTo("200");
        assertThat(hosts.host(3).shell("hostname").strip()).isEqualTo("h3");
    }

    @Test
    void anUnknownHostKeyIsRefused() throws Exception {
        TestHost host = hosts.host(1);
        java.nio.file.Path wrong = Files.createTempFile("known_hosts", "");
        try {
            Files.writeString(wrong, "[localhost]:" + host.sshPort() + " " + hosts.host(2).hostPublicKey() + "\n");
            ExecOutput result = new OpenSsh(hosts.user(), hosts.keyPath(), wrong).run(host, "true");
            assertThat(result.exitCode()).isEqualTo(255);
            assertThat(result.stderr()).contains("REMOTE HOST IDENTIFICATION HAS CHANGED");
        } finally {
            Files.delete(wrong);
        }
    }

    private static ExecOutput ssh(TestHost host, String command) {
        ExecOutput result = hosts.ssh(host, command);
        assertThat(result.exitCode()).as(host + ": " + command + " -> " + result).isZero();
        return result;
    }
}
