package dev.xamal.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xamal.caddy.CaddyProxy;
import dev.xamal.core.EnvironmentException;
import dev.xamal.core.config.Host;
import dev.xamal.core.config.Role;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.orchestration.Booted;
import dev.xamal.core.orchestration.Deploy;
import dev.xamal.core.orchestration.DeployHooks;
import dev.xamal.core.hooks.HookRunner;
import dev.xamal.core.orchestration.GoalHooks;
import dev.xamal.core.orchestration.HostSelection;
import dev.xamal.core.orchestration.ServerBootstrap;
import dev.xamal.core.release.ReleaseLayers;
import dev.xamal.core.spi.UploadProgress;
import dev.xamal.ssh.SshTransport;
import dev.xamal.testhosts.TestHost;
import dev.xamal.testhosts.TestHosts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet on three real hosts: two {@code web} hosts behind their own Caddy and one
 * {@code worker} host running the example's worker main as a role without proxy. v1 everywhere;
 * v2 with {@code boot.limit: 1} under a bounded load loop through each web host, with
 * {@code pre-app-boot}/{@code post-app-boot} hooks logging each group; v3 whose second group fails
 * (the second web host's tag turns its health check to 503); then v4 to one host and to one role
 * through the {@code hosts}/{@code roles} filters; v5 whose {@code pre-app-boot} hook refuses the
 * second group.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetDeployRealHostIT {
    private static final String APP = "fleet";
    private static final String WORKER_MAIN = "dev.xamal.examples.hello.HelloWorker";

    @RegisterExtension
    static TestHosts hosts = TestHosts.builder(3).build();

    @TempDir
    static Path dir;

    private static ReleaseLayers v2;

    private static TestHost web1() {
        return hosts.host(1);
    }

    private static TestHost web2() {
        return hosts.host(2);
    }

    private static TestHost worker() {
        return hosts.host(3);
    }

    private static XamalConfig config(String extra) {
        return config(extra, "");
    }

    /** The fleet's configuration with more top-level keys and more {@code env} keys. */
    private static XamalConfig config(String extra, String moreEnv) {
        return RealHostApp.config(dir, hosts, "service: " + APP + "\n"
                + "servers:\n"
                + "  web:\n"
                + "    - \"" + web1().sshAddress() + "\"\n"
                + "    - \"" + web2().sshAddress() + "\": [canary]\n"
                + "  worker:\n"
                + "    hosts:\n"
                + "      - \"" + worker().sshAddress() + "\"\n"
                + "    cmd: run " + WORKER_MAIN + "\n"
                + "    env:\n"
                + "      clear:\n"
                + "        HELLO_WORKER_EVERY: \"1\"\n"
                + "caddy:\n  ssl: false\n  app_port: 4100\n"
                + "deploy_timeout: 8\n"
                + "readiness_delay: 3\n"
                + "env:\n"
                + "  clear:\n"
                + "    FLEET_NOTE: from the top-level env\n"
                + "    HELLO_WORKER_EVERY: \"5\"\n"
                + moreEnv
                + extra);
    }

    @Test
    @Order(1)
    void v1OnTwoWebHostsAndAWorkerHostServesV1ThroughBothCaddiesAndTheWorkerRunsV1() {
        XamalConfig config = config("");
        ReleaseLayers v1 = HelloReleases.build(dir.resolve("build-v1"), config, "v1");
        try (SshTransport transport = RealHostApp.transport(config, dir)) {
            new ServerBootstrap(transport, new CaddyProxy(), new RealHostApp.RecordingOutput())
                    .run(config, config.allHosts());
            List<Booted> booted = deploy(transport, config, v1, config.allHosts(), config.roles(), DeployHooks.NONE);
            assertThat(booted).extracting(Booted::role).containsExactly("web", "web", "worker");
        }
        assertThat(HttpThroughCaddy.get(web1().httpPort(), "/version")).isEqualTo(new HttpThroughCaddy.Answer(200, "v1\n"));
        assertThat(HttpThroughCaddy.get(web2().httpPort(), "/version")).isEqualTo(new HttpThroughCaddy.Answer(200, "v1\n"));
        assertWorkerRuns("v1");
        assertThat(worker().shell("cat /opt/xamal/" + APP + "/history"))
                .matches("\\S+\t" + Host.parse(worker().sshAddress()).id() + "\tworker\t-\tv1\tdeploy\n");
        assertThat(worker().exec("test", "-e", "/opt/xamal/" + APP + "/active_port").succeeded())
                .as("a host without a proxied role has no active port").isFalse();
        // The role's env merged over the top-level env: the worker's own value wins, the rest carries over.
        assertThat(worker().shell("cat /opt/xamal/" + APP + "/env/worker.env"))
                .contains("FLEET_NOTE=\"from the top-level env\"").contains("HELLO_WORKER_EVERY=\"1\"")
                .doesNotContain("HELLO_WORKER_EVERY=\"5\"");
        assertThat(web1().shell("cat /opt/xamal/" + APP + "/env/web-4100.env")).contains("HELLO_WORKER_EVERY=\"5\"");
    }

    @Test
    @Order(2)
    void v2WithBootLimitOneUnderLoadLosesNoRequestAndFiresTheAppBootHooksOncePerGroup() throws Exception {
        XamalConfig config = config("boot:\n  limit: 1\n");
        v2 = HelloReleases.build(dir.resolve("build-v2"), config, "v2");
        Path hookLog = dir.resolve("hook.log");
        writeHook("pre-app-boot", hookLog);
        writeHook("post-app-boot", hookLog);
        HostLoad.Result load1;
        HostLoad.Result load2;
        try (SshTransport transport = RealHostApp.transport(config, dir);
             HostLoad loop1 = HostLoad.start(web1(), 20_000, Duration.ofSeconds(240));
             HostLoad loop2 = HostLoad.start(web2(), 20_000, Duration.ofSeconds(240))) {
            deploy(transport, config, v2, config.allHosts(), config.roles(), hooks(config, "v2"));
            load1 = loop1.finishAfter(30);
            load2 = loop2.finishAfter(30);
        } finally {
            Files.deleteIfExists(dir.resolve(".xamal/hooks/pre-app-boot"));
            Files.deleteIfExists(dir.resolve(".xamal/hooks/post-app-boot"));
        }
        System.out.printf("load through web1: %d requests, %d failed, versions %s; web2: %d requests, %d failed, %s%n",
                load1.requests(), load1.failures().size(), load1.versionsSeen(), load2.requests(),
                load2.failures().size(), load2.versionsSeen());
        assertThat(load1.failures()).as("failed requests through web1").isEmpty();
        assertThat(load2.failures()).as("failed requests through web2").isEmpty();
        assertThat(load1.versionsSeen()).containsExactlyInAnyOrder("v1", "v2");
        assertThat(load2.versionsSeen()).containsExactlyInAnyOrder("v1", "v2");
        assertThat(load1.versionsAfterDeploy()).containsOnly("v2");
        assertThat(load2.versionsAfterDeploy()).containsOnly("v2");

        String web1Id = Host.parse(web1().sshAddress()).id();
        String web2Id = Host.parse(web2().sshAddress()).id();
        String workerId = Host.parse(worker().sshAddress()).id();
        assertThat(Files.readAllLines(hookLog)).as("one pre/post-app-boot pair per group, primary role first")
                .containsExactly("pre-app-boot " + web1Id, "post-app-boot " + web1Id,
                        "pre-app-boot " + web2Id, "post-app-boot " + web2Id,
                        "pre-app-boot " + workerId, "post-app-boot " + workerId);
        assertWorkerRuns("v2");
    }

    @Test
    @Order(3)
    void v3WhoseSecondGroupFailsRunsOnTheFirstGroupOnlyAndTheErrorSaysWhichHostRunsWhat() {
        // The canary host (web2) gets HELLO_FAIL_HEALTH through its tag's env.
        XamalConfig broken = config("boot:\n  limit: 1\n  wait: 1\n",
                "  tags:\n    canary:\n      clear:\n        HELLO_FAIL_HEALTH: \"true\"\n");
        ReleaseLayers v3 = HelloReleases.build(dir.resolve("build-v3"), broken, "v3");
        String web1Id = Host.parse(web1().sshAddress()).id();
        String web2Id = Host.parse(web2().sshAddress()).id();
        String workerId = Host.parse(worker().sshAddress()).id();
        Instant started = Instant.now();
        try (SshTransport transport = RealHostApp.transport(broken, dir)) {
            assertThatThrownBy(() -> deploy(transport, broken, v3, broken.allHosts(), broken.roles(), DeployHooks.NONE))
                    .isInstanceOf(EnvironmentException.class)
                    .hasMessageContaining("Deploy of " + APP + " v3 stopped: group 2 of 3 failed, so later groups "
                            + "were not booted. Each host now runs:\n"
                            + "  " + web1Id + ": runs v3 (new)\n"
                            + "  " + web2Id + ": still runs v2 (its boot failed)\n"
                            + "  " + workerId + ": still runs v2 (not booted)\n"
                            + "Failure on " + web2Id + ": Boot failed on " + web2Id)
                    .hasMessageContaining("status 503");
        }
        assertThat(Duration.between(started, Instant.now())).as("boot.wait between the groups")
                .isGreaterThan(Duration.ofSeconds(1));
        assertThat(HttpThroughCaddy.get(web1().httpPort(), "/version").body()).isEqualTo("v3\n");
        assertThat(HttpThroughCaddy.get(web2().httpPort(), "/version").body()).isEqualTo("v2\n");
        assertThat(web2().shell("readlink /opt/xamal/" + APP + "/current")).isEqualTo("releases/v2\n");
        assertThat(worker().shell("readlink /opt/xamal/" + APP + "/slots/worker")).isEqualTo("../releases/v2\n");
        assertThat(worker().exec("test", "-f", "/opt/xamal/" + APP + "/releases/v3/.xamal-complete").succeeded())
                .as("every host got the release before any boot").isTrue();
    }

    @Test
    @Order(4)
    void theHostsAndRolesFiltersBootOnlyTheSelectedHostsAndRoles() {
        XamalConfig config = config("");
        ReleaseLayers v4 = HelloReleases.build(dir.resolve("build-v4"), config, "v4");
        String web2Id = Host.parse(web2().sshAddress()).id();
        try (SshTransport transport = RealHostApp.transport(config, dir)) {
            List<Booted> booted = deploy(transport, config, v4,
                    HostSelection.select(config, Optional.of(web2Id), Optional.empty()),
                    HostSelection.roles(config, Optional.empty()), DeployHooks.NONE);
            assertThat(booted).extracting(b -> b.host().id()).containsExactly(web2Id);
            assertThat(HttpThroughCaddy.get(web2().httpPort(), "/version").body()).isEqualTo("v4\n");
            assertThat(HttpThroughCaddy.get(web1().httpPort(), "/version").body()).isEqualTo("v3\n");
            assertWorkerRuns("v2");

            booted = deploy(transport, config, v4, HostSelection.select(config, Optional.empty(), Optional.of("work*")),
                    HostSelection.roles(config, Optional.of("work*")), DeployHooks.NONE);
            assertThat(booted).extracting(Booted::role).containsExactly("worker");
            assertWorkerRuns("v4");
            assertThat(HttpThroughCaddy.get(web1().httpPort(), "/version").body()).isEqualTo("v3\n");
        }
        assertThat(web1().exec("test", "-e", "/opt/xamal/" + APP + "/releases/v4").succeeded())
                .as("an unselected host gets nothing").isFalse();
    }

    @Test
    @Order(5)
    void v5WhosePreAppBootHookRefusesTheSecondGroupRunsOnTheFirstGroupOnlyAndTheErrorSaysWhichHostRunsWhat()
            throws IOException {
        XamalConfig config = config("boot:\n  limit: 1\n");
        ReleaseLayers v5 = HelloReleases.build(dir.resolve("build-v5"), config, "v5");
        String web1Id = Host.parse(web1().sshAddress()).id();
        String web2Id = Host.parse(web2().sshAddress()).id();
        String workerId = Host.parse(worker().sshAddress()).id();
        Path hook = Files.createDirectories(dir.resolve(".xamal/hooks")).resolve("pre-app-boot");
        Files.writeString(hook, "#!/bin/sh\n[ \"$XAMAL_HOSTS\" != '" + web2Id + "' ] || { echo 'web2 is frozen'; exit 3; }\n");
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (SshTransport transport = RealHostApp.transport(config, dir)) {
            assertThatThrownBy(() -> deploy(transport, config, v5, config.allHosts(), config.roles(), hooks(config, "v5")))
                    .isInstanceOf(EnvironmentException.class)
                    .hasMessageStartingWith("Deploy of " + APP + " v5 stopped: the pre-app-boot hook of group 2 of 3"
                            + " failed, so groups 2 to 3 were not booted. Each host now runs:\n"
                            + "  " + web1Id + ": runs v5 (new)\n"
                            + "  " + web2Id + ": still runs v4 (not booted)\n"
                            + "  " + workerId + ": still runs v4 (not booted)\n"
                            + "Failure: hook pre-app-boot (")
                    .hasMessageContaining("failed with exit status 3")
                    .hasMessageContaining("web2 is frozen");
        } finally {
            Files.delete(hook);
        }
        assertThat(HttpThroughCaddy.get(web1().httpPort(), "/version").body()).isEqualTo("v5\n");
        assertThat(HttpThroughCaddy.get(web2().httpPort(), "/version").body()).isEqualTo("v4\n");
        assertWorkerRuns("v4");
    }

    private static List<Booted> deploy(SshTransport transport, XamalConfig config, ReleaseLayers release,
                                       List<Host> selected, List<Role> roles, DeployHooks hooks) {
        return new Deploy(transport, new CaddyProxy(), new HookOutput("", () -> { }), UploadProgress.NONE, hooks)
                .deploy(config, release, selected, roles, HelloReleases.noSecrets(dir, config), Deploy.Checks.PREFLIGHT);
    }

    private static void assertWorkerRuns(String version) {
        String app = "/opt/xamal/" + APP;
        assertThat(worker().exec("systemctl", "is-active", APP + ".worker.service").stdout().strip()).isEqualTo("active");
        assertThat(worker().shell("readlink " + app + "/slots/worker")).isEqualTo("../releases/" + version + "\n");
        String pid = worker().shell("systemctl show -p MainPID --value " + APP + ".worker.service").strip();
        assertThat(worker().shell("tr '\\0' ' ' < /proc/" + pid + "/cmdline")).as("the running worker process")
                .contains(app + "/releases/" + version + "/").contains(WORKER_MAIN);
        assertThat(worker().shell("journalctl _PID=" + pid + " --no-pager -o cat"))
                .contains("hello worker " + version + " started");
    }

    /** The project's hooks (under {@code dir}) for a deploy of {@code version} to every host. */
    private static GoalHooks hooks(XamalConfig config, String version) {
        return new GoalHooks(new HookRunner(dir, Path.of(config.hooksPath()), false, new HookOutput("", () -> { })),
                new GoalHooks.Run(config.service(), version, config.allHosts(),
                        config.roles().stream().map(Role::name).toList(), config.destination(), "deploy", "test"),
                () -> false);
    }

    private static void writeHook(String name, Path log) throws IOException {
        Path hooksDir = Files.createDirectories(dir.resolve(".xamal/hooks"));
        Path hook = hooksDir.resolve(name);
        Files.writeString(hook, "#!/bin/sh\necho \"" + name + " $XAMAL_HOSTS\" >> '" + log + "'\n");
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
