package dev.xamal.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xamal.caddy.CaddyProxy;
import dev.xamal.core.UsageException;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.orchestration.Booted;
import dev.xamal.core.orchestration.Deploy;
import dev.xamal.core.orchestration.InstanceStart;
import dev.xamal.core.orchestration.ReleaseReport;
import dev.xamal.core.orchestration.ReleaseSwitch;
import dev.xamal.core.orchestration.ServerBootstrap;
import dev.xamal.core.release.ReleaseLayers;
import dev.xamal.core.spi.UploadProgress;
import dev.xamal.ssh.SshTransport;
import dev.xamal.testhosts.TestHost;
import dev.xamal.testhosts.TestHosts;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rollback, app-boot, app-start, app-version and versions on two real hosts, step after step:
 * v1, v2 and v3 deployed to both; a bare rollback returns both to v2 (the previous release, from
 * the history) with the slot's env file rendered from the configuration as it is now; a rollback
 * to v1 by name; a rollback to a release only one host has is refused before anything changes on
 * either; app-boot of a delivered release; app-start of a stopped serving instance.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RollbackRealHostIT {
    private static final String APP = "hello";

    @RegisterExtension
    static TestHosts hosts = TestHosts.start(2);

    @TempDir
    static Path dir;

    private static ReleaseLayers v1;
    private static ReleaseLayers v2;
    private static ReleaseLayers v3;

    private static XamalConfig config(String extra) {
        return RealHostApp.config(dir, hosts, "service: " + APP + "\n"
                + "servers:\n  - \"" + hosts.host(1).sshAddress() + "\"\n  - \"" + hosts.host(2).sshAddress() + "\"\n"
                + "caddy:\n  ssl: false\n  app_port: 4000\n"
                + "deploy_timeout: 30\n"
                + extra);
    }

    private static List<TestHost> both() {
        return List.of(hosts.host(1), hosts.host(2));
    }

    @Test
    @Order(1)
    void v1V2AndV3DeployedToBothHosts() {
        XamalConfig config = config("");
        v1 = HelloReleases.build(dir.resolve("build-v1"), config, "v1");
        v2 = HelloReleases.build(dir.resolve("build-v2"), config, "v2");
        v3 = HelloReleases.build(dir.resolve("build-v3"), config, "v3");
        try (SshTransport transport = RealHostApp.transport(config, dir)) {
            new ServerBootstrap(transport, new CaddyProxy(), new RealHostApp.RecordingOutput()).run(config, config.allHosts());
            for (ReleaseLayers release : List.of(v1, v2, v3)) {
                deploy(transport, config).deploy(config, release, config.allHosts(), config.roles(),
                        HelloReleases.noSecrets(dir, config), Deploy.Checks.PREFLIGHT);
            }
        }
        both().forEach(host -> assertThat(version(host)).isEqualTo("v3\n"));
    }

    @Test
    @Order(2)
    void aBareRollbackReturnsBothHostsToThePreviousReleaseWithTheEnvFileOfTheCurrentConfiguration() {
        XamalConfig config = config("env:\n  clear:\n    ROLLBACK_MARK: rendered-at-rollback\n");
        RealHostApp.RecordingOutput output = new RealHostApp.RecordingOutput();
        List<Booted> booted;
        try (SshTransport transport = RealHostApp.transport(config, dir)) {
            booted = new ReleaseSwitch(transport, new CaddyProxy(), output).rollback(config, Optional.empty(),
                    config.allHosts(), config.roles(), HelloReleases.noSecrets(dir, config));
        }
        assertThat(output.lines()).contains("Rolling back hello to v2 on 2 hosts");
        assertThat(booted).hasSize(2).allSatisfy(b -> assertThat(b.version()).isEqualTo("v2"));
        for (TestHost host : both()) {
            assertThat(version(host)).isEqualTo("v2\n");
            assertThat(host.shell("readlink /opt/xamal/hello/current")).isEqualTo("releases/v2\n");
            String port = host.shell("cat /opt/xamal/hello/active_port").strip();
            assertThat(host.shell("readlink /opt/xamal/hello/slots/" + port)).isEqualTo("../releases/v2\n");
            assertThat(host.shell("cat /opt/xamal/hello/env/web-" + port + ".env"))
                    .contains("ROLLBACK_MARK=\"rendered-at-rollback\"");
            assertThat(host.shell("tail -n 1 /opt/xamal/hello/history"))
                    .matches("\\S+\t" + host.sshAddress().replace(".", "\\.") + "\tweb\t" + port + "\tv2\trollback\n");
        }
    }

    @Test
    @Order(3)
    void aRollbackToANamedVersionGoesThere() {
        XamalConfig config = config("");
        try (SshTransport transport = RealHostApp.transport(config, dir)) {
            new ReleaseSwitch(transport, new CaddyProxy(), new RealHostApp.RecordingOutput()).rollback(config,
                    Optional.of("v1"), config.allHosts(), config.roles(), HelloReleases.noSecrets(dir, config));
        }
        for (TestHost host : both()) {
            assertThat(version(host)).isEqualTo("v1\n");
            assertThat(host.shell("readlink /opt/xamal/hello/current")).isEqualTo("releases/v1\n");
        }
    }

    @Test
    @Order(4)
    void versionsListTheHistoryWithCurrentAndPreviousMarkedAndAppVersionSaysWhatRuns() {
        XamalConfig config = config("");
        RealHostApp.RecordingOutput output = new RealHostApp.RecordingOutput();
        try (SshTransport transport = RealHostApp.transport(config, dir)) {
            ReleaseReport report = new ReleaseReport(transport, output);
            report.versions(config, config.allHosts());
            report.appVersion(config, config.allHosts());
        }
        for (TestHost host : both()) {
            String port = host.shell("cat /opt/xamal/hello/active_port").strip();
            assertThat(output.lines()).containsSubsequence(
                    "[" + host.sshAddress() + "] v1 (current)",
                    "[" + host.sshAddress() + "] v2 (previous)",
                    "[" + host.sshAddress() + "] v3");
            assertThat(output.lines()).contains("[" + host.sshAddress() + "] v1 on port " + port);
        }
    }

    @Test
    @Order(5)
    void aReleaseMissingOnOneHostIsRefusedBeforeAnyChangeOnEitherHost() {
        XamalConfig config = config("");
        ReleaseLayers v4 = HelloReleases.build(dir.resolve("build-v4"), config, "v4");
        try (SshTransport transport = RealHostApp.transport(config, dir)) {
            deploy(transport, config).deliver(config, v4, List.of(config.allHosts().get(0)));
        }
        String watched = "cd /opt/xamal/hello && readlink current && cat active_port && ls -l slots"
                + " && sha256sum Caddyfile env/* history"
                + " && systemctl list-units --all --no-legend --plain 'hello*'"
                + " && systemctl list-unit-files --no-legend 'hello*'";
        List<String> before = both().stream().map(h -> h.shell(watched)).toList();

        try (SshTransport transport = RealHostApp.transport(config, dir)) {
            assertThatThrownBy(() -> new ReleaseSwitch(transport, new CaddyProxy(), new RealHostApp.RecordingOutput())
                    .rollback(config, Optional.of("v4"), config.allHosts(), config.roles(),
                            HelloReleases.noSecrets(dir, config)))
                    .isInstanceOf(UsageException.class)
                    .hasMessageContaining("Release v4 is not complete on " + hosts.host(2).sshAddress())
                    .hasMessageNotContaining(hosts.host(1).sshAddress())
                    .hasMessageContaining("nothing was changed on any host");
        }
        assertThat(both().stream().map(h -> h.shell(watched)).toList()).as("active_port, current, slots, units")
                .isEqualTo(before);
        both().forEach(host -> assertThat(version(host)).isEqualTo("v1\n"));
    }

    @Test
    @Order(6)
    void appBootBootsADeliveredReleaseAndWithoutVersionTheCurrentOne() {
        XamalConfig config = config("");
        try (SshTransport transport = RealHostApp.transport(config, dir)) {
            deploy(transport, config).deliver(config, v3, config.allHosts());
            ReleaseSwitch boot = new ReleaseSwitch(transport, new CaddyProxy(), new RealHostApp.RecordingOutput());
            boot.boot(config, Optional.of("v3"), config.allHosts(), config.roles(), HelloReleases.noSecrets(dir, config));
            both().forEach(host -> assertThat(version(host)).isEqualTo("v3\n"));
            String portBefore = hosts.host(1).shell("cat /opt/xamal/hello/active_port");
            boot.boot(config, Optional.empty(), config.allHosts(), config.roles(), HelloReleases.noSecrets(dir, config));
            assertThat(hosts.host(1).shell("cat /opt/xamal/hello/active_port")).as("booted on the other slot")
                    .isNotEqualTo(portBefore);
        }
        for (TestHost host : both()) {
            assertThat(version(host)).isEqualTo("v3\n");
            assertThat(host.shell("tail -n 1 /opt/xamal/hello/history")).endsWith("\tv3\tboot\n");
        }
    }

    @Test
    @Order(7)
    void appStartStartsAStoppedServingInstanceAndLeavesARunningOneAlone() {
        XamalConfig config = config("");
        TestHost stopped = hosts.host(1);
        String unit = "hello.web@" + stopped.shell("cat /opt/xamal/hello/active_port").strip() + ".service";
        stopped.shell("systemctl stop " + unit);
        assertThat(stopped.exec("systemctl", "is-active", unit).stdout().strip()).isEqualTo("inactive");
        List<InstanceStart.Started> started;
        try (SshTransport transport = RealHostApp.transport(config, dir)) {
            started = new InstanceStart(transport, new RealHostApp.RecordingOutput()).start(config, config.allHosts(),
                    config.roles());
        }
        assertThat(started).extracting(InstanceStart.Started::outcome)
                .containsExactly(InstanceStart.Outcome.STARTED, InstanceStart.Outcome.ALREADY_RUNNING);
        assertThat(stopped.exec("systemctl", "is-active", unit).stdout().strip()).isEqualTo("active");
    }

    private static Deploy deploy(SshTransport transport, XamalConfig config) {
        return new Deploy(transport, new CaddyProxy(), new RealHostApp.RecordingOutput(), UploadProgress.NONE);
    }

    private static String version(TestHost host) {
        return HttpThroughCaddy.get(host.httpPort(), "/version").body();
    }
}
