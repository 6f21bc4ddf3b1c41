package dev.xamal.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xamal.caddy.CaddyProxy;
import dev.xamal.core.EnvironmentException;
import dev.xamal.core.config.Host;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.orchestration.Booted;
import dev.xamal.core.orchestration.Deploy;
import dev.xamal.core.orchestration.DeployLock;
import dev.xamal.core.orchestration.LockDetails;
import dev.xamal.core.orchestration.ServerBootstrap;
import dev.xamal.core.output.Output;
import dev.xamal.core.release.ReleaseLayers;
import dev.xamal.core.spi.UploadProgress;
import dev.xamal.ssh.SshTransport;
import dev.xamal.testhosts.TestHost;
import dev.xamal.testhosts.TestHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Network, disk and proxy faults on three real hosts, each injected into a real deploy (core's
 * {@link Deploy} under the deploy lock, as the goals run it): a host cut off before the deploy,
 * a host frozen during its upload and during its boot, the SSH connection's sshd process killed
 * mid-upload and mid-boot, another app's broken Caddy site making the reload fail, and a full
 * disk while a release is assembled. Each case shows that the error names the host and the
 * cause, that hosts not switched keep serving their version through their Caddy, that no layer
 * or release is marked complete unless whole, that the lock is free, and that running the same
 * deploy again succeeds with nothing else done by hand.
 *
 * <p>{@code ssh.connect_timeout: 2} and {@code ssh.keepalive: 2} bound every wait on a host that
 * does not answer: a frozen connection is declared dead after three unanswered keepalives (about
 * 6 s), a connection attempt after 2 s, three attempts in all.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NetworkFaultsRealHostIT {
    private static final String APP = "netfaults";
    private static final int BLUE = 4300;
    private static final String DISK_APP = "diskfull";
    private static final String DISK_SITE = "diskfull.localhost";
    private static final String RELEASES_TMPFS = "/opt/xamal/" + DISK_APP + "/releases";
    private static final String SSH = "  connect_timeout: 5\n  keepalive: 3\n";
    /** Found by the deploy user's per-connection sshd process's title. */
    private static final String DEPLOY_CONNECTION = "pgrep -f '^sshd: deploy@notty'";

    @RegisterExtension
    static TestHosts hosts = TestHosts.builder(3).tmpfs(RELEASES_TMPFS, "160m").build();

    @TempDir
    static Path dir;

    private static TestHost h1() {
        return hosts.host(1);
    }

    private static TestHost h2() {
        return hosts.host(2);
    }

    private static TestHost h3() {
        return hosts.host(3);
    }

    private static String id(TestHost host) {
        return Host.parse(host.sshAddress()).id();
    }

    private static XamalConfig config() {
        return config("");
    }

    private static XamalConfig config(String extra) {
        return RealHostApp.config(dir, hosts, "service: " + APP + "\n"
                + "servers:\n"
                + "  - \"" + h1().sshAddress() + "\"\n"
                + "  - \"" + h2().sshAddress() + "\"\n"
                + "  - \"" + h3().sshAddress() + "\"\n"
                + "caddy:\n  ssl: false\n  app_port: " + BLUE + "\n"
                + "boot:\n  limit: 1\n"
                + "deploy_timeout: 30\n" + extra, SSH);
    }

    @Test
    @Order(1)
    void setupAndV1OnThreeHosts() {
        XamalConfig config = config();
        ReleaseLayers v1 = release(config, "v1");
        try (SshTransport transport = RealHostApp.transport(config, dir)) {
            new ServerBootstrap(transport, new CaddyProxy(), new RealHostApp.RecordingOutput())
                    .run(config, config.allHosts());
        }
        rerunServesEverywhere(config, v1);
    }

    @Test
    @Order(2)
    void aHostCutOffBeforeTheDeployStopsItBeforeAnythingSwitchesAndTheRerunSucceeds() throws Exception {
        XamalConfig config = config();
        ReleaseLayers v2 = release(config, "v2");
        h2().disconnect();
        Instant started = Instant.now();
        HostLoad.Result load;
        try (HostLoad loop = HostLoad.start(h3(), 5_000, Duration.ofSeconds(120))) {
            assertThatThrownBy(() -> deploy(config, v2, UploadProgress.NONE, new RealHostApp.RecordingOutput()))
                    .isInstanceOf(EnvironmentException.class)
                    .satisfies(e -> report("host cut off before the deploy", started, started, e))
                    .hasMessageContaining("Cannot connect to " + h2().sshAddress())
                    .hasMessageContaining("after 3 attempts");
            load = loop.finishAfter(10);
        } finally {
            h2().reconnect();
        }
        assertThat(Duration.between(started, Instant.now())).as("bounded by ssh.connect_timeout")
                .isLessThan(Duration.ofSeconds(45));
        System.out.printf("load through h3: %d requests, %d failed%n", load.requests(), load.failures().size());
        assertThat(load.failures()).as("requests through h3 while the deploy failed").isEmpty();
        assertThat(load.versionsSeen()).containsOnly("v1");
        for (TestHost host : List.of(h1(), h2(), h3())) {
            assertServes(host, "v1");
            assertNothingHalfDone(host, APP);
        }
        assertThat(isComplete(h2(), APP, "v2")).as("h2 never got v2").isFalse();
        assertThat(isComplete(h1(), APP, "v2")).as("h1 got v2 whole (delivery comes first), unswitched").isTrue();
        assertLockFree(config);

        rerunServesEverywhere(config, v2);
    }

    @Test
    @Order(3)
    void aHostFrozenDuringItsUploadFailsTheDeployInSecondsBeforeAnySwitch() {
        XamalConfig config = config();
        ReleaseLayers v3 = release(config, "v3");
        forgetCachedLayers(h2());
        RealHostApp.RecordingOutput output = new RealHostApp.RecordingOutput();
        AtomicReference<Instant> frozen = new AtomicReference<>();
        Instant started = Instant.now();
        try {
            assertThatThrownBy(() -> deploy(config, v3, faultAtAThird(h2(), () -> {
                h2().pause();
                frozen.set(Instant.now());
            }), output))
                    .isInstanceOf(EnvironmentException.class)
                    .satisfies(e -> report("host frozen during its upload", started, frozen.get(), e))
                    .hasMessageContaining("Uploading layer runtime to " + id(h2()) + " failed")
                    .hasMessageContaining("Cannot connect to " + h2().sshAddress());
            assertThat(Duration.between(frozen.get(), Instant.now())).as("from the freeze to the error: bounded by"
                    + " ssh.keepalive and connect_timeout").isLessThan(Duration.ofSeconds(60));
            assertServes(h1(), "v2");
            assertServes(h3(), "v2");
        } finally {
            h2().unpause();
        }
        assertThat(output.lines()).anyMatch(l -> l.equals("WARN [" + id(h2()) + "] the connection dropped while "
                + "uploading layer runtime; uploading it once more on a new connection"));
        assertServes(h2(), "v2");
        assertNothingHalfDone(h2(), APP);
        assertThat(isComplete(h2(), APP, "v3")).isFalse();
        assertLockFree(config);

        deploy(config, v3, UploadProgress.NONE, new RealHostApp.RecordingOutput());
        for (TestHost host : List.of(h1(), h2(), h3())) {
            assertServes(host, "v3");
            assertNothingHalfDone(host, APP);
        }
        assertThat(h2().shell("find /opt/xamal/" + APP + "/layers -name '*.part'")).as("partial uploads").isEmpty();
    }

    @Test
    @Order(4)
    void aHostFrozenDuringTheBootOfItsGroupStopsTheDeployAndTheErrorSaysWhichHostRunsWhat() throws Exception {
        XamalConfig config = config();
        ReleaseLayers v4 = release(config, "v4");
        String idleUnit = idleUnit(h2());
        AtomicReference<Instant> frozen = new AtomicReference<>();
        Watcher watcher = Watcher.start(() -> {
            awaitStarting(h2(), idleUnit);
            h2().pause();
            frozen.set(Instant.now());
        });
        Instant started = Instant.now();
        HostLoad.Result load;
        try (HostLoad loop = HostLoad.start(h3(), 5_000, Duration.ofSeconds(120))) {
            assertThatThrownBy(() -> deploy(config, v4, UploadProgress.NONE, new RealHostApp.RecordingOutput()))
                    .isInstanceOf(EnvironmentException.class)
                    .satisfies(e -> report("host frozen during the boot of its group", started, frozen.get(), e))
                    .hasMessageContaining("Deploy of " + APP + " v4 stopped: group 2 of 3 failed, so later groups were"
                            + " not booted. Each host now runs:\n"
                            + "  " + id(h1()) + ": runs v4 (new)\n"
                            + "  " + id(h2()) + ": still runs v3 (its boot failed)\n"
                            + "  " + id(h3()) + ": still runs v3 (not booted)\n"
                            + "Failure on " + id(h2()) + ": ")
                    .hasMessageContaining("was lost while running");
            load = loop.finishAfter(10);
            watcher.await();
            assertThat(Duration.between(frozen.get(), Instant.now())).as("from the freeze to the error: bounded by"
                    + " ssh.keepalive and connect_timeout").isLessThan(Duration.ofSeconds(60));
            assertServes(h1(), "v4");
            assertServes(h3(), "v3");
        } finally {
            h2().unpause();
        }
        System.out.printf("load through h3: %d requests, %d failed%n", load.requests(), load.failures().size());
        assertThat(load.failures()).as("requests through h3 (not booted)").isEmpty();
        assertThat(load.versionsSeen()).containsOnly("v3");
        assertServes(h2(), "v3");
        assertThat(h2().shell("readlink /opt/xamal/" + APP + "/current")).isEqualTo("releases/v3\n");
        assertNothingHalfDone(h2(), APP);
        assertLockFree(config);

        rerunServesEverywhere(config, v4);
        assertThat(h2().shell("systemctl list-units '" + APP + ".web@*' --state=active --no-legend --plain").lines())
                .as("one instance runs on h2 after the rerun (the frozen boot's was replaced)").hasSize(1);
    }

    @Test
    @Order(5)
    void theConnectionKilledMidUploadIsRetriedOnceOnANewConnectionAndTheDeploySucceeds() {
        XamalConfig config = config();
        ReleaseLayers v5 = release(config, "v5");
        forgetCachedLayers(h2());
        AtomicReference<String> killed = new AtomicReference<>();
        RealHostApp.RecordingOutput output = new RealHostApp.RecordingOutput();
        Instant started = Instant.now();
        deploy(config, v5, faultAtAThird(h2(), () -> killed.set(killDeployConnection(h2()))), output);
        System.out.printf("connection killed mid-upload (sshd pid %s): deploy succeeded in %d ms%n", killed.get(),
                Duration.between(started, Instant.now()).toMillis());
        assertThat(killed.get()).as("the sshd process killed").isNotNull();
        assertThat(output.lines()).anyMatch(l -> l.equals("WARN [" + id(h2()) + "] the connection dropped while "
                + "uploading layer runtime; uploading it once more on a new connection"));
        for (TestHost host : List.of(h1(), h2(), h3())) {
            assertServes(host, "v5");
            assertNothingHalfDone(host, APP);
        }
        assertThat(h2().shell("find /opt/xamal/" + APP + "/layers -name '*.part'")).as("partial uploads").isEmpty();
        assertLockFree(config);
    }

    @Test
    @Order(6)
    void theConnectionKilledMidBootFailsThatHostClearlyStopsItsNewInstanceAndTheRerunSucceeds() throws Exception {
        // Each health probe takes 6 s (/slow answers after that), so once the new instance listens a
        // probe is surely running on the connection when its sshd process is killed.
        XamalConfig config = config("health_check:\n  path: /slow?ms=6000\n  timeout: 15\n");
        ReleaseLayers v6 = release(config, "v6");
        String idleUnit = idleUnit(h2());
        int idlePort = Integer.parseInt(idleUnit.replaceAll(".*@([0-9]+)\\.service", "$1"));
        AtomicReference<String> killed = new AtomicReference<>();
        AtomicReference<Instant> killedAt = new AtomicReference<>();
        Watcher watcher = Watcher.start(() -> {
            awaitStarting(h2(), idleUnit);
            awaitListening(h2(), idlePort);
            // The probe: bash's request (HttpRequest), named xamal-http, with its method, address, port and path.
            awaitProcess(h2(), "xamal-http GET 127\\.0\\.0\\.1 " + idlePort + " /slow");
            killed.set(killDeployConnection(h2()));
            killedAt.set(Instant.now());
        });
        Instant started = Instant.now();
        assertThatThrownBy(() -> deploy(config, v6, UploadProgress.NONE, new RealHostApp.RecordingOutput()))
                .isInstanceOf(EnvironmentException.class)
                .satisfies(e -> report("connection killed mid-boot", started, killedAt.get(), e))
                .hasMessageContaining("  " + id(h1()) + ": runs v6 (new)\n"
                        + "  " + id(h2()) + ": still runs v5 (its boot failed)\n"
                        + "  " + id(h3()) + ": still runs v5 (not booted)\n")
                .hasMessageContaining("Connection to " + h2().sshAddress() + " was lost while running: the start of "
                        + idleUnit + " and the health check of http://127.0.0.1:" + idlePort + "/slow?ms=6000 (a probe every 1 s on the host until it answers 2xx)")
                .hasMessageContaining("The new instance " + idleUnit + " was stopped");
        watcher.await();
        assertThat(killed.get()).as("the sshd process killed").isNotNull();
        assertThat(h2().exec("systemctl", "is-active", idleUnit).stdout().strip()).isIn("inactive", "failed");
        assertServes(h1(), "v6");
        assertServes(h2(), "v5");
        assertServes(h3(), "v5");
        assertNothingHalfDone(h2(), APP);
        assertLockFree(config);

        rerunServesEverywhere(config, v6);
    }

    @Test
    @Order(7)
    void caddyRefusingTheReloadKeepsTheOldVersionServingStopsTheNewInstanceAndShowsCaddysMessage() throws Exception {
        XamalConfig config = config();
        ReleaseLayers v7 = release(config, "v7");
        String broken = "/opt/xamal/otherapp/Caddyfile";
        h2().shell("mkdir -p /opt/xamal/otherapp && printf 'other.localhost {\\n\\tno_such_directive\\n}\\n' > " + broken);
        String idleUnit = idleUnit(h2());
        String site = "sha256sum /opt/xamal/" + APP + "/Caddyfile";
        String siteBefore = h2().shell(site);
        Instant started = Instant.now();
        HostLoad.Result load;
        try (HostLoad loop = HostLoad.start(h2(), 5_000, Duration.ofSeconds(120))) {
            assertThatThrownBy(() -> deploy(config, v7, UploadProgress.NONE, new RealHostApp.RecordingOutput()))
                    .isInstanceOf(EnvironmentException.class)
                    .satisfies(e -> report("Caddy refusing the reload", started, started, e))
                    .hasMessageContaining("  " + id(h2()) + ": still runs v6 (its boot failed)\n")
                    .hasMessageContaining("Caddy refused " + APP + "'s site on " + id(h2()))
                    .hasMessageContaining(broken)
                    .hasMessageContaining("no_such_directive")
                    .hasMessageContaining("The new instance " + idleUnit + " was stopped");
            load = loop.finishAfter(10);
        }
        System.out.printf("load through h2: %d requests, %d failed%n", load.requests(), load.failures().size());
        assertThat(load.failures()).as("requests through h2's Caddy while its reload was refused").isEmpty();
        assertThat(load.versionsSeen()).containsOnly("v6");
        assertThat(h2().shell(site)).as("the app's site file").isEqualTo(siteBefore);
        assertThat(h2().exec("systemctl", "is-active", idleUnit).stdout().strip()).isIn("inactive", "failed");
        assertServes(h1(), "v7");
        assertServes(h2(), "v6");
        assertServes(h3(), "v6");
        assertLockFree(config);

        h2().shell("rm -rf /opt/xamal/otherapp");
        rerunServesEverywhere(config, v7);
    }

    @Test
    @Order(8)
    void aFullDiskDuringAssemblyFailsNamingHostAndCauseLeavesNoHalfReleaseAndTheRerunSucceeds() throws Exception {
        Path project = Files.createDirectories(dir.resolve(DISK_APP));
        XamalConfig config = RealHostApp.config(project, hosts, "service: " + DISK_APP + "\n"
                + "servers:\n  - \"" + h3().sshAddress() + "\"\n"
                + "caddy:\n  ssl: false\n  host: " + DISK_SITE + "\n  app_port: 4320\n"
                + "deploy_timeout: 20\n", SSH);
        ReleaseLayers v1 = HelloReleases.build(project.resolve("build-v1"), config, "v1");
        ReleaseLayers v2 = HelloReleases.build(project.resolve("build-v2"), config, "v2");
        try (SshTransport transport = RealHostApp.transport(config, project)) {
            new ServerBootstrap(transport, new CaddyProxy(), new RealHostApp.RecordingOutput())
                    .run(config, config.allHosts());
        }
        deploy(project, config, v1, UploadProgress.NONE, new RealHostApp.RecordingOutput());
        assertThat(diskSite()).isEqualTo(new HttpThroughCaddy.Answer(200, "v1\n"));

        // Leave 2 MB free on the releases tmpfs: the next release's layers arrive, its assembly does not fit.
        String filler = RELEASES_TMPFS + "/.filler";
        h3().shell("free=$(df --output=avail -k " + RELEASES_TMPFS + " | tail -1); "
                + "dd if=/dev/zero of=" + filler + " bs=1k count=$((free - 2048)) status=none");
        Instant started = Instant.now();
        assertThatThrownBy(() -> deploy(project, config, v2, UploadProgress.NONE, new RealHostApp.RecordingOutput()))
                .isInstanceOf(EnvironmentException.class)
                .satisfies(e -> report("disk full during assembly", started, started, e))
                .hasMessageContaining(id(h3()))
                .hasMessageContaining("No space left on device");
        assertThat(diskSite()).isEqualTo(new HttpThroughCaddy.Answer(200, "v1\n"));
        assertThat(h3().shell("ls -a " + RELEASES_TMPFS)).as("no v2, complete or not; no work directory left")
                .doesNotContain("v2");
        assertNothingHalfDone(h3(), DISK_APP);
        try (SshTransport transport = RealHostApp.transport(config, project)) {
            assertThat(new DeployLock(transport, config, new RealHostApp.RecordingOutput()).holder()).isEmpty();
        }

        h3().shell("rm -f " + filler);
        deploy(project, config, v2, UploadProgress.NONE, new RealHostApp.RecordingOutput());
        assertThat(diskSite()).isEqualTo(new HttpThroughCaddy.Answer(200, "v2\n"));
        assertThat(isComplete(h3(), DISK_APP, "v2")).isTrue();
        assertServes(h3(), "v7");
    }

    private static HttpThroughCaddy.Answer diskSite() {
        return HttpThroughCaddy.get(h3().httpPort(), DISK_SITE, "/version").answer();
    }

    private static ReleaseLayers release(XamalConfig config, String label) {
        return HelloReleases.build(dir.resolve("build-" + label), config, label);
    }

    private static List<Booted> deploy(XamalConfig config, ReleaseLayers release, UploadProgress progress,
                                       Output output) {
        return deploy(dir, config, release, progress, output);
    }

    /** A deploy as the goal runs it: under the deploy lock, released when it ends however it ends. */
    private static List<Booted> deploy(Path project, XamalConfig config, ReleaseLayers release, UploadProgress progress,
                                       Output output) {
        LockDetails details = new LockDetails("test", Instant.now(), release.manifest().version(), LockDetails.AUTOMATIC,
                "test", ProcessHandle.current().pid(), "deploy");
        try (SshTransport transport = RealHostApp.transport(config, project);
             LockHold lock = LockHold.take(config, transport, () -> RealHostApp.transport(config, project), details,
                     Duration.ZERO, null, output)) {
            return new Deploy(transport, new CaddyProxy(), output, progress).deploy(config, release, config.allHosts(),
                    config.roles(), HelloReleases.noSecrets(project, config), Deploy.Checks.PREFLIGHT);
        }
    }

    /** The same deploy again, with the fault undone: it succeeds and every host serves the new version. */
    private static void rerunServesEverywhere(XamalConfig config, ReleaseLayers release) {
        deploy(config, release, UploadProgress.NONE, new RealHostApp.RecordingOutput());
        for (TestHost host : List.of(h1(), h2(), h3())) {
            assertServes(host, release.manifest().version());
        }
    }

    /** Prints when the deploy failed (after its start, and after the fault) and with what. */
    private static void report(String fault, Instant started, Instant faultAt, Throwable error) {
        Instant now = Instant.now();
        System.out.printf("%s: failed %d ms after the deploy started, %d ms after the fault, with:%n%s%n", fault,
                Duration.between(started, now).toMillis(), Duration.between(faultAt == null ? started : faultAt, now)
                        .toMillis(), error.getMessage());
    }

    private static void assertServes(TestHost host, String version) {
        assertThat(HttpThroughCaddy.get(host.httpPort(), "/version")).as("what " + host.name() + "'s Caddy serves")
                .isEqualTo(new HttpThroughCaddy.Answer(200, version + "\n"));
    }

    private static void assertLockFree(XamalConfig config) {
        try (SshTransport transport = RealHostApp.transport(config, dir)) {
            assertThat(new DeployLock(transport, config, new RealHostApp.RecordingOutput()).holder())
                    .as("the deploy lock after the failed deploy").isEmpty();
        }
    }

    /**
     * Every layer marked complete in the host's cache matches its digest, every release marked
     * complete has its RELEASE file and launcher, and no assembly work directory is left.
     */
    private static void assertNothingHalfDone(TestHost host, String app) {
        String root = "/opt/xamal/" + app;
        String problems = host.shell("cd " + root + " && for d in layers/*/; do s=$(basename \"$d\"); "
                + "if [ -f \"$d.xamal-complete\" ]; then echo \"$s  ${d}layer.tar.gz\" | sha256sum -c --quiet - "
                + ">/dev/null 2>&1 || echo \"layer $s marked complete with other content\"; fi; done; "
                + "for r in releases/*/; do if [ -f \"$r.xamal-complete\" ] && ! { [ -f \"${r}RELEASE\" ] "
                + "&& [ -n \"$(ls \"${r}bin\")\" ]; }; then echo \"release $r marked complete but not whole\"; fi; done; "
                + "ls -d releases/*.assembling 2>/dev/null | sed 's/^/left over: /'; true");
        assertThat(problems).as("half-done layers or releases on " + host.name()).isEmpty();
    }

    private static boolean isComplete(TestHost host, String app, String version) {
        return host.exec("test", "-f", "/opt/xamal/" + app + "/releases/" + version + "/.xamal-complete").succeeded();
    }

    /** Empties the host's layer cache, so the next deploy uploads every layer (a fresh host). */
    private static void forgetCachedLayers(TestHost host) {
        host.shell("rm -rf /opt/xamal/" + APP + "/layers/*");
    }

    /** The unit of the port the host's next boot uses (the one not serving). */
    private static String idleUnit(TestHost host) {
        int active = Integer.parseInt(host.shell("cat /opt/xamal/" + APP + "/active_port").strip());
        return APP + ".web@" + (active == BLUE ? BLUE + 1 : BLUE) + ".service";
    }

    /**
     * Progress that runs {@code fault} once, in the uploading thread, when a third of the runtime
     * layer (the largest) has been sent to {@code host}: the upload is surely under way and not
     * done.
     */
    private static UploadProgress faultAtAThird(TestHost host, Runnable fault) {
        AtomicBoolean fired = new AtomicBoolean();
        UploadProgress trigger = (sent, total) -> {
            if (total > 1_000_000 && sent >= total / 3 && sent < total && fired.compareAndSet(false, true)) {
                fault.run();
            }
        };
        return new UploadProgress() {
            @Override
            public void sent(long bytesSent, long bytesTotal) {
            }

            @Override
            public UploadProgress forHost(String hostId) {
                return hostId.equals(id(host)) ? trigger : this;
            }
        };
    }

    /** Kills the sshd process serving the deploy user's connection (there is one: the pooled session). */
    private static String killDeployConnection(TestHost host) {
        String pids = host.shell(DEPLOY_CONNECTION).strip();
        assertThat(pids.lines()).as("the deploy user's connections on " + host.name()).hasSize(1);
        host.shell("kill -KILL " + pids);
        return pids;
    }

    /** Polls until the unit is starting or running (the new instance of a boot). */
    private static void awaitStarting(TestHost host, String unit) {
        await(unit + " started on " + host.name(), Duration.ofSeconds(120), () -> {
            String state = host.exec("systemctl", "is-active", unit).stdout().strip();
            return state.equals("active") || state.equals("activating");
        });
    }

    /** Polls until something listens on the port on the host. */
    private static void awaitListening(TestHost host, int port) {
        await("something listens on port " + port + " of " + host.name(), Duration.ofSeconds(60),
                () -> !host.exec("ss", "-Hltn", "sport = :" + port).stdout().isBlank());
    }

    /** Polls until a process whose command line matches the pattern runs on the host. */
    private static void awaitProcess(TestHost host, String pattern) {
        await("a process '" + pattern + "' on " + host.name(), Duration.ofSeconds(30),
                () -> host.exec("pgrep", "-f", pattern).succeeded());
    }

    /** Polls the condition every 50 ms until it holds; fails after {@code timeout}. */
    private static void await(String what, Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("waited " + timeout.toSeconds() + " s in vain for: " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what, e);
            }
        }
    }

    /** A fault injected from another thread while the deploy runs; its own failure fails the test. */
    private static final class Watcher {
        private final Thread thread;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        private Watcher(Runnable action) {
            this.thread = new Thread(() -> {
                try {
                    action.run();
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "fault-watcher");
            thread.setDaemon(true);
        }

        static Watcher start(Runnable action) {
            Watcher watcher = new Watcher(action);
            watcher.thread.start();
            return watcher;
        }

        void await() throws InterruptedException {
            thread.join(Duration.ofSeconds(60).toMillis());
            assertThat(thread.isAlive()).as("the fault watcher finished").isFalse();
            if (failure.get() != null) {
                throw new AssertionError("the fault watcher failed", failure.get());
            }
        }
    }
}
