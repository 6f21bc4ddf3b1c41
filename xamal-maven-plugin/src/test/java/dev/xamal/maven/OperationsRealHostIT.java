package dev.xamal.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xamal.caddy.CaddyProxy;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.orchestration.AppDetails;
import dev.xamal.core.orchestration.AppInventory;
import dev.xamal.core.orchestration.AppRemoval;
import dev.xamal.core.orchestration.Booted;
import dev.xamal.core.orchestration.Deploy;
import dev.xamal.core.orchestration.MaintenanceMode;
import dev.xamal.core.orchestration.Prune;
import dev.xamal.core.orchestration.ServerBootstrap;
import dev.xamal.core.release.ReleaseLayers;
import dev.xamal.core.spi.ProxySite.Maintenance;
import dev.xamal.core.spi.UploadProgress;
import dev.xamal.ssh.SshTransport;
import dev.xamal.testhosts.TestHost;
import dev.xamal.testhosts.TestHosts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The day-to-day goals' core on real hosts, with a neighbour app on the same host that must keep
 * answering 200 throughout: maintenance (503 with message and Retry-After, kept by a deploy,
 * ended by live), prune after seven deploys with file times reversed against the history, the
 * automatic prune of a deploy, details with drift, and remove (beside the neighbour, and on a
 * fresh host where nothing was deployed).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperationsRealHostIT {
    private static final String APP = "hello";
    private static final String SITE = "hello.localhost";
    private static final String NEIGHBOUR_SITE = "neighbour.localhost";
    private static final String ROOT = "/opt/xamal/" + APP;

    @RegisterExtension
    static TestHosts hosts = TestHosts.start(2);

    @TempDir
    static Path dir;

    private static TestHost host() {
        return hosts.host(1);
    }

    private static XamalConfig hello(int retain) {
        return RealHostApp.config(dir.resolve("hello"), hosts, "service: " + APP + "\n"
                + "servers:\n  - \"" + host().sshAddress() + "\"\n"
                + "caddy:\n  host: " + SITE + "\n  ssl: false\n  app_port: 4000\n"
                + "deploy_timeout: 30\nretain_releases: " + retain + "\n");
    }

    private static XamalConfig neighbour() {
        return RealHostApp.config(dir.resolve("neighbour"), hosts, "service: neighbour\n"
                + "servers:\n  - \"" + host().sshAddress() + "\"\n"
                + "caddy:\n  host: " + NEIGHBOUR_SITE + "\n  ssl: false\n  app_port: 4100\n"
                + "deploy_timeout: 30\n");
    }

    private static HttpThroughCaddy.Response hello(String path) {
        return HttpThroughCaddy.get(host().httpPort(), SITE, path);
    }

    private static HttpThroughCaddy.Answer neighbourAnswer() {
        return HttpThroughCaddy.get(host().httpPort(), NEIGHBOUR_SITE, "/version").answer();
    }

    @Test
    @Order(1)
    void twoAppsServeSideBySide() {
        XamalConfig neighbour = neighbour();
        XamalConfig hello = hello(10);
        try (SshTransport transport = RealHostApp.transport(hello, dir)) {
            new ServerBootstrap(transport, new CaddyProxy(), new RealHostApp.RecordingOutput()).run(neighbour,
                    neighbour.allHosts());
            deploy(transport, neighbour, HelloReleases.build(dir.resolve("build-n1"), neighbour, "n1"),
                    new RealHostApp.RecordingOutput());
            new ServerBootstrap(transport, new CaddyProxy(), new RealHostApp.RecordingOutput()).run(hello,
                    hello.allHosts());
            deploy(transport, hello, release(hello, "v1"), new RealHostApp.RecordingOutput());
        }
        assertThat(hello("/version").answer()).isEqualTo(new HttpThroughCaddy.Answer(200, "v1\n"));
        assertThat(neighbourAnswer()).isEqualTo(new HttpThroughCaddy.Answer(200, "n1\n"));
    }

    @Test
    @Order(2)
    void maintenanceAnswers503WithTheMessageADeployKeepsItAndLiveRestores() {
        XamalConfig config = hello(10);
        Maintenance response = new Maintenance("Back at noon, \"really\"", Optional.empty(), 120);
        try (SshTransport transport = RealHostApp.transport(config, dir)) {
            MaintenanceMode mode = new MaintenanceMode(transport, new CaddyProxy(), new RealHostApp.RecordingOutput());
            mode.enable(config, config.allHosts(), response, Optional.empty());
            HttpThroughCaddy.Response down = hello("/version");
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.body()).isEqualTo("Back at noon, \"really\"");
            assertThat(down.header("Retry-After")).hasValue("120");
            assertThat(neighbourAnswer()).as("the other app on the host").isEqualTo(new HttpThroughCaddy.Answer(200, "n1\n"));
            assertThat(host().shell("cat " + ROOT + "/maintenance")).contains("message Back at noon");

            RealHostApp.RecordingOutput deployOutput = new RealHostApp.RecordingOutput();
            deploy(transport, config, release(config, "v2"), deployOutput);
            assertThat(host().shell("cat " + ROOT + "/active_port")).as("v2 booted on the other port").isEqualTo("4001\n");
            HttpThroughCaddy.Response stillDown = hello("/version");
            assertThat(stillDown.status()).as("a deploy during maintenance keeps it").isEqualTo(503);
            assertThat(stillDown.body()).isEqualTo("Back at noon, \"really\"");
            assertThat(neighbourAnswer()).isEqualTo(new HttpThroughCaddy.Answer(200, "n1\n"));

            mode.live(config, config.allHosts());
        }
        assertThat(hello("/version").answer()).isEqualTo(new HttpThroughCaddy.Answer(200, "v2\n"));
        assertThat(host().exec("test", "-e", ROOT + "/maintenance").succeeded()).as("state file gone").isFalse();
        assertThat(neighbourAnswer()).isEqualTo(new HttpThroughCaddy.Answer(200, "n1\n"));
    }

    @Test
    @Order(3)
    void maintenanceServesTheConfiguredPage() throws Exception {
        XamalConfig config = hello(10);
        byte[] page = "<html><body><h1>Down for a moment</h1></body></html>\n".getBytes(StandardCharsets.UTF_8);
        try (SshTransport transport = RealHostApp.transport(config, dir)) {
            MaintenanceMode mode = new MaintenanceMode(transport, new CaddyProxy(), new RealHostApp.RecordingOutput());
            mode.enable(config, config.allHosts(), new Maintenance("unused", Optional.empty(), 30), Optional.of(page));
            HttpThroughCaddy.Response down = hello("/anything");
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.body()).isEqualTo(new String(page, StandardCharsets.UTF_8));
            assertThat(down.header("Retry-After")).hasValue("30");
            assertThat(down.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            mode.live(config, config.allHosts());
        }
        assertThat(hello("/version").answer()).isEqualTo(new HttpThroughCaddy.Answer(200, "v2\n"));
    }

    @Test
    @Order(4)
    void pruneAfterSevenDeploysKeepsExactlyTheRetainedSetWhateverTheFileTimes() {
        XamalConfig keepAll = hello(10);
        try (SshTransport transport = RealHostApp.transport(keepAll, dir)) {
            for (int v = 3; v <= 7; v++) {
                deploy(transport, keepAll, release(keepAll, "v" + v), new RealHostApp.RecordingOutput());
            }
            assertThat(releasesOnHost()).containsExactly("v1", "v2", "v3", "v4", "v5", "v6", "v7");
            List<String> layersBefore = layersOnHost();
            // File times against the history: v1 newest, v7 oldest.
            StringBuilder touch = new StringBuilder();
            for (int v = 1; v <= 7; v++) {
                touch.append("touch -h -d '2026-01-0").append(8 - v).append(" 00:00' ").append(ROOT).append("/releases/v")
                        .append(v).append("; ");
            }
            host().shell(touch.toString());
            assertThat(host().shell("ls -1t " + ROOT + "/releases").lines().toList()).as("mtimes reversed")
                    .containsExactly("v1", "v2", "v3", "v4", "v5", "v6", "v7");

            XamalConfig retain3 = hello(3);
            RealHostApp.RecordingOutput preview = new RealHostApp.RecordingOutput();
            new Prune(transport, preview).preview(retain3, retain3.allHosts());
            assertThat(releasesOnHost()).as("the preview removes nothing").hasSize(7);
            assertThat(preview.lines()).anySatisfy(l -> assertThat(l).contains("would remove releases v3, v2, v1 and 3 layers"));

            RealHostApp.RecordingOutput output = new RealHostApp.RecordingOutput();
            List<Prune.Pruned> pruned = new Prune(transport, output).prune(retain3, retain3.allHosts());
            assertThat(releasesOnHost()).containsExactly("v4", "v5", "v6", "v7");
            assertThat(pruned.get(0).bytes()).isPositive();
            assertThat(output.lines()).anySatisfy(l -> assertThat(l).contains("removed releases v3, v2, v1 and 3 layers, freed"));
            List<String> layersAfter = layersOnHost();
            assertThat(layersAfter).hasSize(layersBefore.size() - 3);
            assertThat(layersBefore).containsAll(layersAfter);
            assertThat(hello("/version").answer()).isEqualTo(new HttpThroughCaddy.Answer(200, "v7\n"));

            List<Booted> booted = deploy(transport, retain3, release(retain3, "v8"), new RealHostApp.RecordingOutput());
            assertThat(releasesOnHost()).as("the deploy's own prune").containsExactly("v5", "v6", "v7", "v8");
            AppInventory readBySwitch = AppInventory.parse(booted.get(0).appState()
                    .orElseThrow(() -> new AssertionError("the switch's last command read no app state")));
            assertThat(readBySwitch.current()).as("the state the prune started from, read after the switch")
                    .hasValueSatisfying(current -> assertThat(current).endsWith("v8"));
            assertThat(readBySwitch.history()).last().isEqualTo("v8");
        }
        assertThat(hello("/version").answer()).isEqualTo(new HttpThroughCaddy.Answer(200, "v8\n"));
        assertThat(neighbourAnswer()).isEqualTo(new HttpThroughCaddy.Answer(200, "n1\n"));
    }

    @Test
    @Order(5)
    void detailsShowVersionPortUnitsCaddyAndDrift() {
        XamalConfig config = hello(3);
        host().shell("cp /etc/systemd/system/hello.web@.service /etc/systemd/system/hello.old@.service");
        RealHostApp.RecordingOutput output = new RealHostApp.RecordingOutput();
        try (SshTransport transport = RealHostApp.transport(config, dir)) {
            new AppDetails(transport, output).show(config, config.allHosts());
        }
        String id = host().sshAddress();
        assertThat(output.lines()).contains(
                "[" + id + "] version v8, active port 4001, maintenance off",
                "[" + id + "] releases (newest first): v8, v7, v6, v5",
                "[" + id + "] unit hello.web@4001.service active/running enabled",
                "[" + id + "] drift: unit hello.old@.service belongs to role old, which the configuration does not run on this host");
        assertThat(output.lines()).anySatisfy(l -> assertThat(l).startsWith("[" + id + "] unit hello.web@4000.service inactive/dead"));
        assertThat(output.lines()).anySatisfy(l -> assertThat(l).matches("\\[.*\\] caddy v?2\\.\\S+ active"));
    }

    @Test
    @Order(6)
    void removeLeavesTheNeighbourServingAndKeepsTheAuditLog() {
        XamalConfig config = hello(3);
        hosts.ssh(host(), "mkdir -p ~/.xamal && echo 'deployed v8' >> ~/.xamal/hello-audit.log");
        try (SshTransport transport = RealHostApp.transport(config, dir)) {
            new AppRemoval(transport, new CaddyProxy(), new RealHostApp.RecordingOutput()).remove(config,
                    config.allHosts());
        }
        assertThat(host().exec("test", "-e", ROOT).succeeded()).as(ROOT + " is gone").isFalse();
        assertThat(host().shell("ls /etc/systemd/system /etc/systemd/system/*.wants | grep -c '^hello\\.' || true").strip())
                .as("no unit of the app left").isEqualTo("0");
        assertThat(host().shell("systemctl list-units --all --plain --no-legend 'hello.*' | wc -l").strip()).isEqualTo("0");
        assertThat(host().shell("curl -s localhost:2019/config/")).doesNotContain(SITE).contains(NEIGHBOUR_SITE);
        assertThat(neighbourAnswer()).isEqualTo(new HttpThroughCaddy.Answer(200, "n1\n"));
        assertThat(hosts.ssh(host(), "cat ~/.xamal/hello-audit.log").stdout()).contains("deployed v8");
        assertThat(host().shell("cat /opt/xamal/neighbour/active_port")).isEqualTo("4100\n");
    }

    @Test
    @Order(7)
    void removeWorksOnAFreshHostWhereNothingWasDeployed() {
        TestHost fresh = hosts.host(2);
        XamalConfig config = RealHostApp.config(dir.resolve("fresh"), hosts, "service: " + APP + "\n"
                + "servers:\n  - \"" + fresh.sshAddress() + "\"\n");
        RealHostApp.RecordingOutput output = new RealHostApp.RecordingOutput();
        try (SshTransport transport = RealHostApp.transport(config, dir)) {
            new AppRemoval(transport, new CaddyProxy(), output).remove(config, config.allHosts());
        }
        assertThat(output.lines()).contains("[" + fresh.sshAddress() + "] removed " + ROOT + " (no units were installed)");
        assertThat(fresh.exec("test", "-e", ROOT).succeeded()).isFalse();
    }

    private static ReleaseLayers release(XamalConfig config, String label) {
        return HelloReleases.build(dir.resolve("build-" + label), config, label);
    }

    private static List<Booted> deploy(SshTransport transport, XamalConfig config, ReleaseLayers release,
                                       RealHostApp.RecordingOutput output) {
        Path projectDir = dir.resolve(config.service());
        return new Deploy(transport, new CaddyProxy(), output, UploadProgress.NONE).deploy(config, release, config.allHosts(),
                config.roles(), HelloReleases.noSecrets(projectDir, config), Deploy.Checks.PREFLIGHT);
    }

    private static List<String> releasesOnHost() {
        List<String> names = new ArrayList<>(host().shell("ls -1 " + ROOT + "/releases").lines().toList());
        names.sort(null);
        return names;
    }

    private static List<String> layersOnHost() {
        return host().shell("ls -1 " + ROOT + "/layers").lines().toList();
    }
}
