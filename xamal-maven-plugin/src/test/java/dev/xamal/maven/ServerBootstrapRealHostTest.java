package dev.xamal.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xamal.caddy.CaddyProxy;
import dev.xamal.core.EnvironmentException;
import dev.xamal.core.UsageException;
import dev.xamal.core.config.Host;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.orchestration.BootstrapReport;
import dev.xamal.core.orchestration.ServerBootstrap;
import dev.xamal.ssh.SshTransport;
import dev.xamal.testhosts.ImageVariant;
import dev.xamal.testhosts.TestHost;
import dev.xamal.testhosts.TestHosts;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code server-bootstrap}'s core on fresh hosts of the image without Caddy (its .deb in a local
 * apt source), started with the kernel's own network settings, which they cannot change (a
 * container's {@code /proc/sys} is read-only).
 */
class ServerBootstrapRealHostTest {
    private static final String SYSCTL_FILE = "/etc/sysctl.d/60-xamal-caddy.conf";
    private static final String SYSCTL_WRITTEN = "wrote " + SYSCTL_FILE + " (net.ipv4.tcp_migrate_req = 1 at every"
            + " boot: a Caddy reload hands queued connections to its new socket)";

    @RegisterExtension
    static TestHosts hosts = TestHosts.builder(3).variant(ImageVariant.NO_CADDY).kernelDefaults().build();

    @TempDir
    Path dir;

    private final RealHostApp.RecordingOutput output = new RealHostApp.RecordingOutput();

    /** shop: web and worker on {@code host}; web also on {@code more} hosts. */
    private XamalConfig shop(TestHost host, int appPort, TestHost... more) {
        String address = host.sshAddress();
        StringBuilder web = new StringBuilder("\"" + address + "\"");
        for (TestHost other : more) {
            web.append(", \"").append(other.sshAddress()).append('"');
        }
        return RealHostApp.config(dir, hosts, "service: shop\n"
                + "servers:\n"
                + "  web: [" + web + "]\n"
                + "  worker:\n"
                + "    hosts: [\"" + address + "\"]\n"
                + "    cmd: run com.example.Worker\n"
                + "caddy:\n"
                + "  app_port: " + appPort + "\n");
    }

    private List<BootstrapReport> bootstrap(XamalConfig config) {
        return bootstrap(config, config.allHosts());
    }

    private List<BootstrapReport> bootstrap(XamalConfig config, List<Host> selected) {
        try (SshTransport transport = RealHostApp.transport(config, dir)) {
            return new ServerBootstrap(transport, new CaddyProxy(), output).run(config, selected);
        }
    }

    /** Name, size, mode, owner, modification time (ns) and checksum of each file, to prove nothing was rewritten. */
    private static String fingerprint(TestHost host, String... paths) {
        return host.shell("stat -c '%n %s %a %U %.9Y' " + String.join(" ", paths) + " && sha256sum " + String.join(" ", paths));
    }

    @Test
    void installsCaddyOfflineAndPreparesTheHostThenASecondRunChangesNothing() {
        TestHost host = hosts.host(1);
        assertThat(host.exec("sh", "-c", "command -v caddy").succeeded()).as("the image has no Caddy").isFalse();
        TestHost notSelected = hosts.host(3);
        XamalConfig config = shop(host, 4000, notSelected);
        List<Host> selection = List.of(Host.parse(host.sshAddress()));

        BootstrapReport first = bootstrap(config, selection).get(0);

        assertThat(first.changed()).contains(
                "wrote /etc/caddy/Caddyfile to import every app's site (import /opt/xamal/*/Caddyfile)",
                "created /opt/xamal/shop",
                "created layers/ releases/ slots/ env/ (mode 0700) in /opt/xamal/shop",
                "ports 4000 4001 recorded in /opt/xamal/shop/ports",
                "installed /etc/systemd/system/shop.web@.service",
                "installed /etc/systemd/system/shop.worker.service",
                "ran systemctl daemon-reload",
                SYSCTL_WRITTEN);
        assertThat(first.changed()).anyMatch(line -> line.matches("installed Caddy 2\\.6\\.2 \\(apt-get install -y caddy\\)"));
        assertThat(output.lines()).contains("[" + host.sshAddress() + "] changed: created /opt/xamal/shop");
        assertThat(host.shell("cat " + SYSCTL_FILE + "; stat -c '%a %U' " + SYSCTL_FILE))
                .endsWith("\nnet.ipv4.tcp_migrate_req = 1\n644 root\n");
        assertThat(first.warnings()).singleElement().asString()
                .startsWith("could not turn on net.ipv4.tcp_migrate_req (sudo -n /usr/bin/tee /proc/sys/net/ipv4/tcp_migrate_req exited 1: ")
                .contains("Read-only file system")
                .contains("a Caddy reload on this host may reset a connection")
                .contains(SYSCTL_FILE + " turns it on at the next boot")
                .contains("start the container with --sysctl net.ipv4.tcp_migrate_req=1");
        assertThat(output.lines()).contains("WARN [" + host.sshAddress() + "] " + first.warnings().get(0));
        assertThat(host.shell("systemctl is-enabled caddy; systemctl is-active caddy")).isEqualTo("enabled\nactive\n");
        assertThat(host.shell("cat /etc/caddy/Caddyfile")).contains("import /opt/xamal/*/Caddyfile\n")
                .doesNotContain("/usr/share/caddy");
        assertThat(host.shell("stat -c '%n %a %U' /opt/xamal/shop /opt/xamal/shop/layers /opt/xamal/shop/releases"
                + " /opt/xamal/shop/slots /opt/xamal/shop/env")).isEqualTo("""
                /opt/xamal/shop 755 deploy
                /opt/xamal/shop/layers 755 deploy
                /opt/xamal/shop/releases 755 deploy
                /opt/xamal/shop/slots 755 deploy
                /opt/xamal/shop/env 700 deploy
                """);
        assertThat(host.shell("cat /etc/systemd/system/shop.web@.service"))
                .contains("EnvironmentFile=/opt/xamal/shop/env/web-%i.env", "Environment=PORT=%i");
        assertThat(host.shell("systemctl show -p LoadState --value shop.web@4000.service;"
                + " systemctl show -p LoadState --value shop.worker.service"))
                .isEqualTo("loaded\nloaded\n");
        String before = fingerprint(host, "/etc/systemd/system/shop.web@.service",
                "/etc/systemd/system/shop.worker.service", "/etc/caddy/Caddyfile", "/opt/xamal/shop/ports");
        output.clear();

        BootstrapReport second = bootstrap(config, selection).get(0);

        assertThat(second.changed()).isEmpty();
        assertThat(second.warnings()).as("warns while the setting is off").isEqualTo(first.warnings());
        assertThat(second.unchanged()).contains(
                "proxy installed, running and importing every app's site",
                "/opt/xamal/shop has layers/ releases/ slots/ env/ (env/ mode 0700)",
                "/etc/systemd/system/shop.web@.service up to date",
                "/etc/systemd/system/shop.worker.service up to date");
        assertThat(output.lines()).noneMatch(line -> line.contains("changed:"))
                .contains("Bootstrapped 1 host (no change)");
        assertThat(fingerprint(host, "/etc/systemd/system/shop.web@.service",
                "/etc/systemd/system/shop.worker.service", "/etc/caddy/Caddyfile", "/opt/xamal/shop/ports"))
                .isEqualTo(before);

        // Another app asking for a port of shop's pair is refused, naming shop.
        XamalConfig other = RealHostApp.config(dir, hosts, "service: other\nservers:\n  web: [\"" + host.sshAddress()
                + "\"]\ncaddy:\n  app_port: 4001\n");
        assertThatThrownBy(() -> bootstrap(other))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("caddy.app_port 4001 needs ports 4001 and 4002")
                .hasMessageContaining("the app shop there already uses 4000 and 4001");
        assertThat(host.exec("test", "-e", "/opt/xamal/other").succeeded()).isFalse();
        assertThat(notSelected.exec("test", "-e", "/opt/xamal").succeeded()).as("a host not selected is untouched").isFalse();
    }

    @Test
    void bootstrapsWithOnlyThePrintedSudoersLines() {
        TestHost host = hosts.host(2);
        host.shell("rm /etc/sudoers.d/deploy");
        XamalConfig config = shop(host, 4000);

        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> bootstrap(config));

        assertThat(refused).isInstanceOf(EnvironmentException.class)
                .hasMessageContaining("put exactly these lines in /etc/sudoers.d/xamal-shop");
        List<String> lines = Arrays.stream(refused.getMessage().split("\n"))
                .filter(line -> line.startsWith("deploy ALL=")).toList();
        assertThat(lines).contains(
                "deploy ALL=(root) NOPASSWD: /usr/bin/apt-get install -y caddy",
                "deploy ALL=(root) NOPASSWD: /usr/bin/systemctl daemon-reload",
                "deploy ALL=(root) NOPASSWD: /usr/bin/systemctl start shop.web@4001.service",
                "deploy ALL=(root) NOPASSWD: /usr/bin/tee /etc/systemd/system/shop.worker.service",
                "deploy ALL=(root) NOPASSWD: /usr/bin/systemctl enable --now caddy.service",
                "deploy ALL=(root) NOPASSWD: /usr/bin/tee " + SYSCTL_FILE,
                "deploy ALL=(root) NOPASSWD: /usr/bin/tee /proc/sys/net/ipv4/tcp_migrate_req");
        assertThat(lines).noneMatch(line -> line.contains("NOPASSWD: ALL"));
        assertThat(host.exec("test", "-e", "/opt/xamal/shop").succeeded()).as("nothing done without sudo").isFalse();

        host.shell("cat > /etc/sudoers.d/xamal-shop <<'EOF'\n" + String.join("\n", lines) + "\nEOF\n"
                + "chmod 0440 /etc/sudoers.d/xamal-shop && visudo -cf /etc/sudoers.d/xamal-shop");
        assertThat(hosts.ssh(host, "sudo -n true").succeeded()).as("no blanket sudo").isFalse();

        BootstrapReport report = bootstrap(config).get(0);

        assertThat(report.changed()).contains("created /opt/xamal/shop", "installed /etc/systemd/system/shop.web@.service",
                "ran systemctl daemon-reload");
        assertThat(report.changed()).anyMatch(line -> line.startsWith("installed Caddy")).contains(SYSCTL_WRITTEN);
        assertThat(report.warnings()).as("sudo ran the kernel's own refusal, not sudo's").singleElement().asString()
                .contains("Read-only file system").doesNotContain("password");
        assertThat(report.unchanged()).contains("sudo allows every command xamal runs as root");
        assertThat(host.shell("systemctl is-active caddy")).isEqualTo("active\n");
        assertThat(bootstrap(config).get(0).changed()).isEmpty();
    }
}
