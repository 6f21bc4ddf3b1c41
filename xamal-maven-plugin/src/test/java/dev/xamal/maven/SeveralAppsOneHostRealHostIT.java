package dev.xamal.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xamal.caddy.CaddyProxy;
import dev.xamal.core.UsageException;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.orchestration.Deploy;
import dev.xamal.core.orchestration.ReleaseSwitch;
import dev.xamal.core.orchestration.ServerBootstrap;
import dev.xamal.core.release.ReleaseLayers;
import dev.xamal.core.spi.UploadProgress;
import dev.xamal.ssh.SshTransport;
import dev.xamal.testhosts.TestHost;
import dev.xamal.testhosts.TestHosts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two services and the staging and production destinations of a third on one real host: each
 * has its own directory, units, port pair and site; each deploys and rolls back while the others'
 * directories, units and site files stay byte for byte the same and keep answering through Caddy.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeveralAppsOneHostRealHostIT {
    @RegisterExtension
    static TestHosts hosts = TestHosts.start(1);

    @TempDir
    static Path dir;

    /** One app on the host: its id, its site's name, its blue port and its configuration. */
    record App(String id, String site, int bluePort, XamalConfig config) {
        List<String> units() {
            return List.of(id + ".web@" + bluePort + ".service", id + ".web@" + (bluePort + 1) + ".service");
        }
    }

    private static final List<App> APPS = new ArrayList<>();
    private static final Map<String, ReleaseLayers> V1 = new LinkedHashMap<>();
    private static final Map<String, ReleaseLayers> V2 = new LinkedHashMap<>();
    /** What each app serves now, by id. */
    private static final Map<String, String> SERVING = new ConcurrentHashMap<>();

    private static TestHost host() {
        return hosts.host(1);
    }

    private static String base(String service, String caddy) {
        return "service: " + service + "\n"
                + "servers:\n  - \"" + host().sshAddress() + "\"\n"
                + "caddy:\n  ssl: false\n" + caddy
                + "deploy_timeout: 30\n";
    }

    @Test
    @Order(1)
    void fourAppsAreSetUpSideBySideEachWithItsOwnDirectoryUnitsPortsAndSite() {
        APPS.add(new App("alpha", "alpha.localhost", 4100, RealHostApp.config(dir.resolve("alpha"), hosts,
                base("alpha", "  host: alpha.localhost\n  app_port: 4100\n"))));
        APPS.add(new App("beta", "beta.localhost", 4200, RealHostApp.config(dir.resolve("beta"), hosts,
                base("beta", "  host: beta.localhost\n  app_port: 4200\n"))));
        Path gamma = dir.resolve("gamma");
        RealHostApp.config(gamma, hosts, base("gamma", ""));
        APPS.add(new App("gamma.staging", "gamma-staging.localhost", 4300, RealHostApp.destination(gamma, "staging",
                "caddy:\n  host: gamma-staging.localhost\n  app_port: 4300\n")));
        APPS.add(new App("gamma.production", "gamma.localhost", 4400, RealHostApp.destination(gamma, "production",
                "caddy:\n  host: gamma.localhost\n  app_port: 4400\n")));
        for (App app : APPS) {
            assertThat(app.config().appId()).isEqualTo(app.id());
            String service = app.config().service();
            if (!V1.containsKey(service)) {
                V1.put(service, HelloReleases.build(dir.resolve("build-" + service + "-v1"), app.config(), "v1"));
                V2.put(service, HelloReleases.build(dir.resolve("build-" + service + "-v2"), app.config(), "v2"));
            }
            try (SshTransport transport = RealHostApp.transport(app.config(), dir)) {
                new ServerBootstrap(transport, new CaddyProxy(), new RealHostApp.RecordingOutput())
                        .run(app.config(), app.config().allHosts());
                deploy(transport, app.config(), V1.get(service));
            }
            SERVING.put(app.id(), "v1");
        }
        for (App app : APPS) {
            assertThat(answer(app)).isEqualTo("v1\n");
            assertThat(host().shell("cat /opt/xamal/" + app.id() + "/ports")).isEqualTo(app.bluePort() + " "
                    + (app.bluePort() + 1) + "\n");
            assertThat(host().shell("ls /etc/systemd/system")).contains(app.id() + ".web@.service");
            assertThat(host().shell("cat /opt/xamal/" + app.id() + "/Caddyfile")).contains("http://" + app.site());
        }
    }

    @Test
    @Order(2)
    void eachAppDeploysAndRollsBackWithoutChangingOrInterruptingTheOthers() throws Exception {
        for (App app : APPS) {
            List<App> others = APPS.stream().filter(a -> a != app).toList();
            String service = app.config().service();

            String before = state(others);
            try (SshTransport transport = RealHostApp.transport(app.config(), dir);
                 Poller poller = Poller.start(others)) {
                deploy(transport, app.config(), V2.get(service));
                SERVING.put(app.id(), "v2");
                assertThat(answer(app)).as(app.id() + " after its deploy").isEqualTo("v2\n");
                assertThat(poller.finish()).as("failed answers of the others during " + app.id() + "'s deploy")
                        .isEmpty();
            }
            assertThat(state(others)).as("the others' directories, units and sites after " + app.id() + "'s deploy")
                    .isEqualTo(before);

            try (SshTransport transport = RealHostApp.transport(app.config(), dir);
                 Poller poller = Poller.start(others)) {
                new ReleaseSwitch(transport, new CaddyProxy(), new RealHostApp.RecordingOutput()).rollback(app.config(),
                        Optional.empty(), app.config().allHosts(), app.config().roles(),
                        HelloReleases.noSecrets(dir, app.config()));
                SERVING.put(app.id(), "v1");
                assertThat(answer(app)).as(app.id() + " after its rollback").isEqualTo("v1\n");
                assertThat(poller.finish()).as("failed answers of the others during " + app.id() + "'s rollback")
                        .isEmpty();
            }
            assertThat(state(others)).as("the others' directories, units and sites after " + app.id() + "'s rollback")
                    .isEqualTo(before);
            assertThat(host().shell("tail -n 1 /opt/xamal/" + app.id() + "/history")).endsWith("\tv1\trollback\n");
        }
    }

    @Test
    @Order(3)
    void anAppWhoseSiteNameAnotherAppAlreadyAnswersForIsRefusedAtBootstrapBeforeAnythingIsWritten() {
        XamalConfig config = RealHostApp.config(dir.resolve("delta"), hosts,
                base("delta", "  host: alpha.localhost\n  app_port: 4600\n"));
        String before = state(APPS);
        try (SshTransport transport = RealHostApp.transport(config, dir)) {
            assertThatThrownBy(() -> new ServerBootstrap(transport, new CaddyProxy(), new RealHostApp.RecordingOutput())
                    .run(config, config.allHosts()))
                    .isInstanceOf(UsageException.class)
                    .hasMessageContaining("delta's site would answer for alpha.localhost")
                    .hasMessageContaining("the app alpha there already does")
                    .hasMessageContaining("caddy.host");
        }
        assertThat(host().exec("test", "-e", "/opt/xamal/delta").succeeded()).as("no directory for delta").isFalse();
        assertThat(state(APPS)).isEqualTo(before);
        APPS.forEach(app -> assertThat(answer(app)).isEqualTo(SERVING.get(app.id()) + "\n"));
    }

    private static void deploy(SshTransport transport, XamalConfig config, ReleaseLayers release) {
        new Deploy(transport, new CaddyProxy(), new RealHostApp.RecordingOutput(), UploadProgress.NONE).deploy(config,
                release, config.allHosts(), config.roles(), HelloReleases.noSecrets(dir, config), Deploy.Checks.PREFLIGHT);
    }

    private static String answer(App app) {
        var answer = HttpThroughCaddy.get(host().httpPort(), app.site(), "/version");
        assertThat(answer.status()).as(app.site() + " through Caddy").isEqualTo(200);
        return answer.body();
    }

    /**
     * The apps' state on the host: every file's checksum and every link's target under their
     * directories (site files included), their unit files' checksums, their units' systemd state
     * (with the main PID: a restart changes it) and the system Caddyfile's checksum.
     */
    private static String state(List<App> apps) {
        StringBuilder state = new StringBuilder(host().shell("sha256sum /etc/caddy/Caddyfile"));
        for (App app : apps) {
            String root = "/opt/xamal/" + app.id();
            state.append(host().shell("cd " + root + " && find . \\( -type f -o -type l \\) | sort | while read -r f; do"
                    + " if [ -L \"$f\" ]; then echo \"$f -> $(readlink \"$f\")\"; else sha256sum \"$f\"; fi; done"));
            state.append(host().shell("sha256sum /etc/systemd/system/" + app.id() + ".*"));
            for (String unit : app.units()) {
                state.append(host().shell("systemctl show -p Id -p ActiveState -p SubState -p MainPID -p UnitFileState "
                        + unit));
            }
        }
        return state.toString();
    }

    /**
     * Asks each of the given apps for its version through Caddy from the host itself (bounded in
     * count and time), until finished.
     */
    static final class Poller implements AutoCloseable {
        private final Map<App, HostLoad> loads = new LinkedHashMap<>();

        static Poller start(List<App> apps) {
            Poller poller = new Poller();
            for (App app : apps) {
                poller.loads.put(app, HostLoad.start(host(), app.site(), "/version", 1, 20_000, Duration.ofSeconds(180),
                        Duration.ZERO));
            }
            return poller;
        }

        /** Stops polling; the failed answers and the answers other than the app's serving version. */
        List<String> finish() {
            List<String> wrong = new ArrayList<>();
            loads.forEach((app, load) -> {
                HostLoad.Result result = load.finishAfter(0);
                result.failures().forEach(failure -> wrong.add(app.id() + ": " + failure));
                result.versionsSeen().stream().filter(version -> !version.equals(SERVING.get(app.id())))
                        .forEach(version -> wrong.add(app.id() + " answered " + version));
            });
            return wrong;
        }

        @Override
        public void close() {
            loads.values().forEach(HostLoad::close);
        }
    }
}
