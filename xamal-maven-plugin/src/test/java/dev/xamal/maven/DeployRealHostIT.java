package dev.xamal.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xamal.caddy.CaddyProxy;
import dev.xamal.caddy.UpstreamLoad;
import dev.xamal.core.EnvironmentException;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.orchestration.Booted;
import dev.xamal.core.orchestration.Deploy;
import dev.xamal.core.orchestration.ServerBootstrap;
import dev.xamal.core.output.Output;
import dev.xamal.core.release.LayerKind;
import dev.xamal.core.release.ReleaseLayers;
import dev.xamal.core.spi.UploadProgress;
import dev.xamal.ssh.SshTransport;
import dev.xamal.testhosts.ImageVariant;
import dev.xamal.testhosts.TestHost;
import dev.xamal.testhosts.TestHosts;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deploy flow on one real host of the image without Caddy, version after version: setup of
 * v1 (Caddy installed offline by bootstrap), v2 under a bounded load loop with a slow request in
 * flight across the switch, the same version again without traffic (no drain time), and a v3
 * whose health check fails. The releases are the example app's, built by core's release builder
 * from the jar the examples invoker run packaged.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeployRealHostIT {
    private static final String APP = "hello";
    private static final int BLUE = 4000;
    private static final int GREEN = 4001;

    @RegisterExtension
    static TestHosts hosts = TestHosts.builder(1).variant(ImageVariant.NO_CADDY).build();

    @TempDir
    static Path dir;

    private static ReleaseLayers v1;
    private static ReleaseLayers v2;
    private static long v2Sent;

    private static TestHost host() {
        return hosts.host(1);
    }

    private static XamalConfig config(String extra) {
        return RealHostApp.config(dir, hosts, "service: " + APP + "\n"
                + "servers:\n  - \"" + host().sshAddress() + "\"\n"
                + "caddy:\n  ssl: false\n  app_port: " + BLUE + "\n"
                + "deploy_timeout: 20\n"
                + extra);
    }

    @Test
    @Order(1)
    void setupOfV1OnAFreshHostWithoutCaddyInstallsCaddyAndServesV1() {
        assertThat(host().exec("sh", "-c", "command -v caddy").succeeded()).as("no Caddy before setup").isFalse();
        XamalConfig config = config("");
        v1 = HelloReleases.build(dir.resolve("build-v1"), config, "v1");
        CountingProgress progress = new CountingProgress();
        try (SshTransport transport = RealHostApp.transport(config, dir)) {
            new ServerBootstrap(transport, new CaddyProxy(), new RealHostApp.RecordingOutput()).run(config, config.allHosts());
            List<Booted> booted = deploy(transport, config, v1, progress, new RealHostApp.RecordingOutput());
            assertThat(booted).singleElement().satisfies(b -> {
                assertThat(b.port()).hasValue(BLUE);
                assertThat(b.previousPort()).isEmpty();
            });
        }
        assertThat(progress.total()).as("a fresh host gets every layer")
                .isEqualTo(v1.layers().stream().mapToLong(l -> l.size()).sum());
        assertThat(HttpThroughCaddy.get(host().httpPort(), "/version")).isEqualTo(new HttpThroughCaddy.Answer(200, "v1\n"));
        assertThat(host().shell("cat /opt/xamal/hello/active_port")).isEqualTo(BLUE + "\n");
        assertThat(host().shell("readlink /opt/xamal/hello/current")).isEqualTo("releases/v1\n");
        assertThat(host().shell("stat -c '%a %U' /opt/xamal/hello/env/web-" + BLUE + ".env"))
                .isEqualTo("600 " + hosts.user() + "\n");
        assertThat(host().shell("cat /opt/xamal/hello/history")).matches("\\S+\tlocalhost:\\d+\tweb\t4000\tv1\tdeploy\n");
    }

    @Test
    @Order(2)
    void v2UnderLoadLosesNoRequestDrainsTheSlowOneAndUploadsOnlyTheApplicationLayer() throws Exception {
        XamalConfig config = config("");
        v2 = HelloReleases.build(dir.resolve("build-v2"), config, "v2");
        assertThat(v2.layers().get(0).sha256()).as("same runtime layer").isEqualTo(v1.layers().get(0).sha256());
        SlowRequest slow = new SlowRequest(host().httpPort(), 3000);
        Output switchHook = new HookOutput("/health answered 200", () -> {
            slow.start();
            awaitInFlight(BLUE);
        });
        CountingProgress progress = new CountingProgress();
        List<Booted> booted;
        HostLoad.Result load;
        try (SshTransport transport = RealHostApp.transport(config, dir);
             HostLoad loop = HostLoad.start(host(), 20_000, Duration.ofSeconds(180))) {
            booted = deploy(transport, config, v2, progress, switchHook);
            load = loop.finishAfter(50);
        }
        SlowRequest.Outcome slowOutcome = slow.await();
        System.out.printf("load loop: %d requests, %d failed, versions %s%n", load.requests(), load.failures().size(),
                load.versionsSeen());
        Instant oldStopped = inactiveSince(APP + ".web@" + BLUE + ".service");

        assertThat(load.failures()).as("failed requests during the switch").isEmpty();
        assertThat(load.versionsSeen()).containsExactlyInAnyOrder("v1", "v2");
        assertThat(load.versionsAfterDeploy()).as("answers after the deploy returned").containsOnly("v2");
        assertThat(slowOutcome.answer()).isEqualTo(new HttpThroughCaddy.Answer(200, "slept 3000 ms\n"));

        Booted b = booted.get(0);
        assertThat(b.port()).hasValue(GREEN);
        assertThat(b.previousPort()).hasValue(BLUE);
        assertThat(b.drainWaits()).as("the drain waited for the slow request").isPositive();
        Duration stopLag = Duration.between(slowOutcome.finished(), oldStopped);
        System.out.printf("old instance inactive %d ms after its last request finished (drain %d ms, %d waits)%n",
                stopLag.toMillis(), b.drain().toMillis(), b.drainWaits());
        assertThat(stopLag).isLessThan(Duration.ofSeconds(5));
        assertThat(host().exec("systemctl", "is-enabled", APP + ".web@" + BLUE + ".service").stdout().strip())
                .isEqualTo("disabled");
        assertThat(host().exec("systemctl", "is-enabled", APP + ".web@" + GREEN + ".service").stdout().strip())
                .isEqualTo("enabled");
        // Enabled as it started, before anything asked systemd about it, and systemd was not
        // reloaded: what systemd reports (systemctl status, show) is already right when the deploy returns.
        assertThat(host().exec("systemctl", "show", "-p", "UnitFileState", "--value", APP + ".web@" + GREEN + ".service")
                .stdout().strip()).isEqualTo("enabled");

        long appLayer = v2.layers().stream().filter(l -> l.kind() == LayerKind.APPLICATION).findFirst().orElseThrow().size();
        v2Sent = progress.total();
        System.out.printf("v2 upload: %d bytes (application layer %d bytes, runtime layer %d bytes)%n", v2Sent, appLayer,
                v2.layers().get(0).size());
        assertThat(v2Sent).as("bytes uploaded for a code-only change").isEqualTo(appLayer);

        // The runtime is not extracted again: v1 and v2 hard-link the cached layer's read-only files.
        String root = "/opt/xamal/" + APP;
        String runtimeTree = root + "/layers/" + v2.layers().get(0).sha256() + "/tree";
        String inodes = host().exec("stat", "-c", "%i %A", runtimeTree + "/runtime/lib/modules", root + "/releases/v1/runtime/lib/modules",
                root + "/releases/v2/runtime/lib/modules").stdout();
        assertThat(inodes.lines().map(line -> line.split(" ")[0]).distinct()).as("one inode: %s", inodes).hasSize(1);
        assertThat(inodes.lines().map(line -> line.split(" ")[1])).as("read-only for everyone")
                .allMatch(mode -> !mode.contains("w"));
    }

    @Test
    @Order(3)
    void theServingJvmMapsTheClassDataArchiveDumpedWhenItsRuntimeLayerWasExtracted() {
        String runtimeTree = "/opt/xamal/" + APP + "/layers/" + v2.layers().get(0).sha256() + "/tree/runtime";
        assertThat(host().exec("test", "-s", runtimeTree + "/lib/server/classes.jsa").succeeded())
                .as("the runtime's class-data sharing archive in the layer cache").isTrue();
        // Read as the process's own user: the container's root lacks CAP_SYS_PTRACE for another user's maps.
        String maps = host().shell("pid=$(systemctl show -p MainPID --value " + APP + ".web@" + GREEN + ".service)"
                + " && [ \"$pid\" -gt 0 ] && runuser -u \"$(stat -c %U /proc/$pid)\" -- cat /proc/$pid/maps");
        assertThat(maps).as("the JVM serving v2 maps the archive").contains("runtime/lib/server/classes.jsa");
    }

    @Test
    @Order(4)
    void aSwitchWithoutTrafficTakesNoDrainTimeUploadsNothingInSevenCommands() {
        XamalConfig config = config("");
        CountingProgress progress = new CountingProgress();
        List<Booted> booted;
        List<String> commands = new CopyOnWriteArrayList<>();
        try (SshTransport transport = RealHostApp.transport(config, dir, commands::add)) {
            booted = deploy(transport, config, v2, progress, new RealHostApp.RecordingOutput());
        }
        String prefix = "[" + host().sshAddress() + "] $ ";
        assertThat(commands).as("every command ran on the one host").allMatch(c -> c.startsWith(prefix));
        assertThat(commands).as("the preflight's three checks, the delivery, the start with its health wait and the"
                + " switch's two commands; one more is a round trip per host on every deploy").hasSize(7);
        Booted b = booted.get(0);
        System.out.printf("switch without traffic: drain %d ms, %d waits%n", b.drain().toMillis(), b.drainWaits());
        assertThat(b.previousPort()).hasValue(GREEN);
        assertThat(b.port()).hasValue(BLUE);
        assertThat(b.drainWaits()).isZero();
        assertThat(progress.total()).as("the release is already on the host").isZero();
        assertThat(HttpThroughCaddy.get(host().httpPort(), "/version").body()).isEqualTo("v2\n");
    }

    @Test
    @Order(5)
    void v3WithAFailingHealthCheckFailsNamingUrlStatusAndJournalAndChangesNothingServing() {
        XamalConfig config = config("env:\n  clear:\n    HELLO_FAIL_HEALTH: \"true\"\n");
        ReleaseLayers v3 = HelloReleases.build(dir.resolve("build-v3"), config, "v3");
        String watched = "cd /opt/xamal/hello && readlink current && sha256sum active_port Caddyfile env/web-" + BLUE
                + ".env && readlink slots/" + BLUE;
        String before = host().shell(watched);

        RealHostApp.RecordingOutput output = new RealHostApp.RecordingOutput();
        try (SshTransport transport = RealHostApp.transport(config, dir)) {
            assertThatThrownBy(() -> deploy(transport, config, v3, new CountingProgress(), output))
                    .isInstanceOf(EnvironmentException.class)
                    .hasMessageContaining("http://127.0.0.1:" + GREEN + "/health")
                    .hasMessageContaining("status 503")
                    .hasMessageContaining("unhealthy (HELLO_FAIL_HEALTH)")
                    .hasMessageContaining("hello: /health answers 503 (HELLO_FAIL_HEALTH)");
        }
        assertThat(output.lines()).as("a heartbeat while the health check waits (deploy_timeout 20 s)")
                .anyMatch(line -> line.matches("\\[" + Pattern.quote(host().sshAddress()) + "] waiting for "
                        + Pattern.quote("http://127.0.0.1:" + GREEN + "/health") + " to answer 2xx: [0-9]+ s of 20 s"
                        + " \\(deploy_timeout\\), last probe: status 503"));
        assertThat(host().shell(watched)).as("current, active_port, the site, the serving env file and slot")
                .isEqualTo(before);
        assertThat(HttpThroughCaddy.get(host().httpPort(), "/version")).isEqualTo(new HttpThroughCaddy.Answer(200, "v2\n"));
        assertThat(host().exec("systemctl", "is-active", APP + ".web@" + GREEN + ".service").stdout().strip())
                .as("the failed instance is stopped").isIn("inactive", "failed");
    }

    private static List<Booted> deploy(SshTransport transport, XamalConfig config, ReleaseLayers release,
                                       UploadProgress progress, Output output) {
        return new Deploy(transport, new CaddyProxy(), output, progress).deploy(config, release, config.allHosts(),
                config.roles(), HelloReleases.noSecrets(dir, config), Deploy.Checks.PREFLIGHT);
    }

    /** Waits until Caddy counts a request in flight to the port. */
    private static void awaitInFlight(int port) {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            String json = host().shell("curl -s localhost:2019/reverse_proxy/upstreams");
            Optional<Integer> inFlight = UpstreamLoad.parse(json).inFlight(port);
            if (inFlight.isPresent() && inFlight.get() > 0) {
                return;
            }
        }
        throw new AssertionError("the slow request never reached port " + port);
    }

    /** When systemd logged that the unit stopped (a disabled template instance is unloaded, so its properties are gone). */
    private static Instant inactiveSince(String unit) {
        String seconds = host().shell("journalctl -u " + unit + " -o short-unix --no-pager"
                + " | grep -E 'Deactivated successfully|Stopped ' | tail -1 | cut -d' ' -f1").strip();
        assertThat(seconds).as("the journal's line that " + unit + " stopped").matches("[0-9]+\\.[0-9]+");
        String[] parts = seconds.split("\\.");
        return Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong((parts[1] + "000000000").substring(0, 9)));
    }

    /** Sums the bytes of every upload (each upload's progress starts again from 0). */
    static final class CountingProgress implements UploadProgress {
        private final AtomicLong total = new AtomicLong();
        private long last;

        @Override
        public synchronized void sent(long bytesSent, long bytesTotal) {
            if (bytesSent < last) {
                last = 0;
            }
            total.addAndGet(bytesSent - last);
            last = bytesSent == bytesTotal ? 0 : bytesSent;
        }

        long total() {
            return total.get();
        }
    }
}
