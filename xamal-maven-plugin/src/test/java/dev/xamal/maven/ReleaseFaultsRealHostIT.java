package dev.xamal.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.xamal.caddy.CaddyProxy;
import dev.xamal.core.config.Host;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.orchestration.Deploy;
import dev.xamal.core.orchestration.DeployLock;
import dev.xamal.core.orchestration.LockDetails;
import dev.xamal.core.orchestration.ServerBootstrap;
import dev.xamal.core.release.ReleaseLayers;
import dev.xamal.core.spi.UploadProgress;
import dev.xamal.ssh.SshTransport;
import dev.xamal.testhosts.TestHost;
import dev.xamal.testhosts.TestHosts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad releases and mismatched hosts on two real web hosts (issue 13). Each case breaks the second
 * host only (its tag {@code bad} carries the example app's failure switch, or the host itself is
 * changed), deploys, and shows: the error names that host and the cause; every host that did not
 * switch still serves its previous version through Caddy; every release marked complete is whole;
 * the deploy lock (taken as the goals take it) is free afterwards; and the same deploy without the
 * fault then succeeds with nothing else done by hand. Releases alternate between labels so "the
 * previous version" is always a different one. The measured outcomes are in docs/reliability.md.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReleaseFaultsRealHostIT {
    private static final String APP = "faults";
    private static final int BLUE = 4300;
    private static final int GREEN = 4301;
    private static final int DEPLOY_TIMEOUT = 8;

    @RegisterExtension
    static TestHosts hosts = TestHosts.builder(2).build();

    @TempDir
    static Path dir;

    private static final Map<String, ReleaseLayers> releases = new HashMap<>();
    /** The known_hosts the deploys check against (a copy, so the host-key case can change it). */
    private static Path knownHosts;

    private static TestHost web1() {
        return hosts.host(1);
    }

    private static TestHost web2() {
        return hosts.host(2);
    }

    private static String web2Id() {
        return Host.parse(web2().sshAddress()).id();
    }

    /** The app on both hosts; the second carries the tag {@code bad}, whose env is {@code badEnv}. */
    private static XamalConfig config(String badEnv, int deployTimeout) {
        return RealHostApp.config(dir, hosts, "service: " + APP + "\n"
                + "servers:\n"
                + "  web:\n"
                + "    - \"" + web1().sshAddress() + "\"\n"
                + "    - \"" + web2().sshAddress() + "\": [bad]\n"
                + "caddy:\n  ssl: false\n  app_port: " + BLUE + "\n"
                + "deploy_timeout: " + deployTimeout + "\n"
                + "drain_timeout: 1\n"
                + (badEnv.isEmpty() ? "" : "env:\n  tags:\n    bad:\n      clear:\n" + badEnv), knownHosts);
    }

    private static XamalConfig good() {
        return config("", DEPLOY_TIMEOUT);
    }

    private static ReleaseLayers release(String label) {
        return releases.computeIfAbsent(label, l -> HelloReleases.build(dir.resolve("build-" + l), good(), l));
    }

    @Test
    @Order(0)
    void setupDeploysV1ToBothHosts() throws IOException {
        knownHosts = Files.copy(hosts.knownHostsPath(), dir.resolve("known_hosts"));
        XamalConfig config = good();
        try (SshTransport transport = RealHostApp.transport(config, dir)) {
            new ServerBootstrap(transport, new CaddyProxy(), new RealHostApp.RecordingOutput())
                    .run(config, config.allHosts());
        }
        goodDeploy("v1");
    }

    @Test
    @Order(1)
    void aReleaseThatExitsAtStartFailsFastNamingTheHostWithItsJournal() {
        int timeout = 60;
        int idle = idlePort();
        Failure failure = failingDeploy(config("        HELLO_FAIL_AT_START: \"true\"\n", timeout), "v2");
        assertThat(failure.message())
                .contains("Failure on " + web2Id() + ": Boot failed on " + web2Id())
                .contains(APP + ".web@" + idle + ".service stopped before it became healthy")
                .contains("hello: failing at start (HELLO_FAIL_AT_START)");
        assertThat(failure.took()).as("not after the whole deploy_timeout of " + timeout + " s")
                .isLessThan(Duration.ofSeconds(timeout / 2));
        assertOutcome("v2", "v1");
        goodDeploy("v2");
    }

    @Test
    @Order(2)
    void aReleaseThatPassesOneHealthCheckThenCrashesIsCaughtBeforeTheOldInstanceStops() {
        int idle = idlePort();
        int serving = activePort();
        Failure failure = failingDeploy(config("        HELLO_CRASH_AFTER_HEALTHY: \"0\"\n", DEPLOY_TIMEOUT), "v1");
        assertThat(failure.message())
                .contains("Failure on " + web2Id() + ": Boot failed on " + web2Id())
                .contains(APP + ".web@" + idle + ".service answered http://127.0.0.1:" + idle + "/health once, then")
                .contains("the proxy sends every request to the old instance again")
                .contains("hello: crashing after becoming healthy (HELLO_CRASH_AFTER_HEALTHY)");
        assertOutcome("v1", "v2");
        assertThat(web2().shell("cat /opt/xamal/" + APP + "/Caddyfile")).as("the site proxies to the old port alone")
                .contains("localhost:" + serving).doesNotContain("localhost:" + idle);
        assertThat(web2().exec("systemctl", "is-active", APP + ".web@" + serving + ".service").stdout().strip())
                .as("the old instance was never stopped").isEqualTo("active");
        goodDeploy("v1");
    }

    @Test
    @Order(3)
    void aReleaseOnTheWrongPortFailsAtTheDeployTimeoutNamingThePortAndItsStopIsBoundedWhenItIgnoresSigterm() {
        int idle = idlePort();
        Failure failure = failingDeploy(config("        HELLO_WRONG_PORT: \"true\"\n"
                + "        HELLO_IGNORE_SIGTERM: \"true\"\n", DEPLOY_TIMEOUT), "v2");
        assertThat(failure.message())
                .contains("Failure on " + web2Id() + ": Boot failed on " + web2Id())
                .contains("did not become healthy within " + DEPLOY_TIMEOUT + " s (deploy_timeout); last probe of "
                        + "http://127.0.0.1:" + idle + "/health: no answer")
                .contains("listening on port " + (idle + 100))
                .contains(APP + ".web@" + idle + ".service did not exit on SIGTERM; systemd killed it (SIGKILL)"
                        + " after its stop timeout (TimeoutStopSec 16s)");
        assertThat(failure.took()).isGreaterThan(Duration.ofSeconds(DEPLOY_TIMEOUT + 16))
                .isLessThan(Duration.ofSeconds(DEPLOY_TIMEOUT + 16 + 40));
        assertOutcome("v2", "v1");
        goodDeploy("v2");
    }

    @Test
    @Order(4)
    void anOldInstanceThatIgnoresSigtermIsKilledAtTheStopTimeoutAndTheDeploySaysSo() {
        deploy(config("        HELLO_IGNORE_SIGTERM: \"true\"\n", DEPLOY_TIMEOUT), "v1", new RealHostApp.RecordingOutput());
        assertServes("v1", "v1");
        int ignoring = activePort();
        RealHostApp.RecordingOutput output = new RealHostApp.RecordingOutput();
        release("v2");
        Instant started = Instant.now();
        deploy(good(), "v2", output);
        Duration took = Duration.between(started, Instant.now());
        System.out.printf("deploy stopping an instance that ignores SIGTERM took %d ms%n", took.toMillis());
        assertThat(output.lines()).anyMatch(line -> line.matches(Pattern.quote("WARN [" + web2Id() + "] " + APP + ".web@"
                + ignoring + ".service did not exit on SIGTERM; systemd killed it (SIGKILL) after its stop timeout"
                + " (TimeoutStopSec 16s): the stop took ") + "1[6-9]\\.[0-9] s"));
        assertThat(took).isLessThan(Duration.ofSeconds(16 + 60));
        assertServes("v2", "v2");
        assertThat(web2().shell("pgrep -f 'releases/v[1]/' || true")).as("no process of the killed instance is left")
                .isEmpty();
        assertLockFreeAndReleasesWhole();
    }

    @Test
    @Order(5)
    void aChangedHostKeyRefusesTheDeployBeforeAnythingChangesAndTheMessageSaysHowToAcceptIt() throws Exception {
        web2().shell("rm -f /etc/ssh/ssh_host_ed25519_key /etc/ssh/ssh_host_ed25519_key.pub"
                + " && ssh-keygen -q -t ed25519 -N '' -f /etc/ssh/ssh_host_ed25519_key && systemctl restart ssh");
        String fingerprint = web2().shell("ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub").split(" ")[1];
        Failure failure = failingDeploy(good(), "v3");
        String address = "[localhost]:" + web2().sshPort();
        assertThat(failure.message()).contains("HOST KEY CHANGED for " + address)
                .contains("offered ssh-ed25519 " + fingerprint)
                .contains("ssh-keygen -R '" + address + "' -f " + knownHosts);
        assertOutcome("v3", "v2");
        assertThat(web2().exec("test", "-e", "/opt/xamal/" + APP + "/releases/v3").succeeded())
                .as("nothing reached the host").isFalse();

        // Do what the message says: remove the old entry, add the line it gives.
        Matcher remove = Pattern.compile("ssh-keygen -R '([^']+)' -f (\\S+),").matcher(failure.message());
        assertThat(remove.find()).isTrue();
        Process keygen = new ProcessBuilder("ssh-keygen", "-R", remove.group(1), "-f", remove.group(2))
                .redirectErrorStream(true).start();
        assertThat(keygen.waitFor()).isZero();
        String line = failure.message().substring(failure.message().lastIndexOf('\n') + 1);
        assertThat(line).startsWith(address + " ssh-ed25519 ");
        Files.writeString(knownHosts, line + "\n", java.nio.file.StandardOpenOption.APPEND);
        goodDeploy("v3");
    }

    @Test
    @Order(6)
    void aHostWithoutPasswordlessSudoIsRefusedBeforeDeliveryWithTheSudoersLinesItNeeds() {
        web2().shell("mv /etc/sudoers.d/deploy /root/sudoers-deploy");
        try {
            Failure failure = failingDeploy(good(), "v4");
            assertThat(failure.message()).contains(hosts.user() + " may not run")
                    .contains("commands xamal runs as root on " + web2Id())
                    .contains("sudo wants a password or has no rule for them");
            assertOutcome("v4", "v3");
            assertThat(web2().exec("test", "-e", "/opt/xamal/" + APP + "/releases/v4").succeeded())
                    .as("nothing delivered to the host").isFalse();

            // Do what the message says: exactly these lines in that file.
            Matcher lines = Pattern.compile("put exactly these lines in (\\S+) \\(check it[^\\n]*\\n(.*)\\nRefused now",
                    Pattern.DOTALL).matcher(failure.message());
            assertThat(lines.find()).as("the message names the file and its lines").isTrue();
            web2().exec("sh", "-c", "printf '%s\\n' \"$1\" > \"$0\" && chmod 440 \"$0\"", lines.group(1), lines.group(2));
            assertThat(web2().exec("visudo", "-cf", lines.group(1)).succeeded()).as("the lines parse").isTrue();
            goodDeploy("v4");
        } finally {
            web2().shell("mv /root/sudoers-deploy /etc/sudoers.d/deploy");
        }
    }

    @Test
    @Order(7)
    void aHostOfAnotherPlatformIsRefusedBeforeUploadNamingBothPlatforms() {
        web2().shell("printf '#!/bin/sh\\nif [ \"$*\" = \"-s -m\" ]; then echo \"Linux aarch64\"; else exec /usr/bin/uname \"$@\"; fi\\n'"
                + " > /usr/local/bin/uname && chmod 755 /usr/local/bin/uname");
        String layersBefore;
        try {
            layersBefore = web2().shell("ls /opt/xamal/" + APP + "/layers");
            Failure failure = failingDeploy(good(), "v5");
            assertThat(failure.message()).containsPattern("release v5 is built for linux/\\S+ but host "
                    + Pattern.quote(web2Id()) + " is linux/aarch64");
            assertOutcome("v5", "v4");
            assertThat(web2().shell("ls /opt/xamal/" + APP + "/layers")).as("no layer uploaded").isEqualTo(layersBefore);
            assertThat(web2().exec("test", "-e", "/opt/xamal/" + APP + "/releases/v5").succeeded()).isFalse();
        } finally {
            web2().shell("rm -f /usr/local/bin/uname");
        }
        goodDeploy("v5");
    }

    /** A deploy's error and how long it took to come. */
    private record Failure(String message, Duration took) {
    }

    /** Deploys under the deploy lock, as the goals take it, and expects it to fail; the lock is free afterwards. */
    private static Failure failingDeploy(XamalConfig config, String version) {
        String history = web2().shell("cat /opt/xamal/" + APP + "/history");
        release(version);
        Instant started = Instant.now();
        Throwable thrown = catchThrowable(() -> deploy(config, version, new RealHostApp.RecordingOutput()));
        Duration took = Duration.between(started, Instant.now());
        assertThat(thrown).as("the deploy of " + version + " fails").isInstanceOf(RuntimeException.class);
        System.out.printf("failed deploy of %s after %d ms:%n%s%n", version, took.toMillis(), thrown.getMessage());
        assertThat(thrown.getMessage()).as("the error names the host")
                .containsAnyOf(web2Id(), "[localhost]:" + web2().sshPort());
        assertThat(web2().shell("cat /opt/xamal/" + APP + "/history")).as("no switch recorded on " + web2Id())
                .isEqualTo(history);
        assertLockFreeAndReleasesWhole();
        return new Failure(thrown.getMessage(), took);
    }

    /** Deploys without a fault: both hosts then serve the version. */
    private static void goodDeploy(String version) {
        deploy(good(), version, new RealHostApp.RecordingOutput());
        assertServes(version, version);
        assertLockFreeAndReleasesWhole();
    }

    private static void deploy(XamalConfig config, String version, RealHostApp.RecordingOutput output) {
        ReleaseLayers release = release(version);
        LockDetails details = new LockDetails("faults-test", Instant.now(), version, LockDetails.AUTOMATIC, "test",
                ProcessHandle.current().pid(), "deploy");
        try (SshTransport transport = RealHostApp.transport(config, dir);
             LockHold held = LockHold.take(config, transport, () -> RealHostApp.transport(config, dir), details,
                     Duration.ZERO, null, output)) {
            new Deploy(transport, new CaddyProxy(), output, UploadProgress.NONE).deploy(config, release,
                    config.allHosts(), config.roles(), HelloReleases.noSecrets(dir, config), Deploy.Checks.PREFLIGHT);
        }
    }

    /** After a failed deploy: the first host switched (or, when no host booted, kept its version); the second did not. */
    private static void assertOutcome(String failed, String previous) {
        String web1Version = HttpThroughCaddy.get(web1().httpPort(), "/version").body().strip();
        assertThat(web1Version).as("the host without the fault").isIn(failed, previous);
        assertServes(web1Version, previous);
        assertThat(web2().shell("readlink /opt/xamal/" + APP + "/current")).isEqualTo("releases/" + previous + "\n");
        // The failed instance was enabled as it started: its stop disabled it again, so a reboot starts only the serving one.
        String failedUnit = APP + ".web@" + idlePort() + ".service";
        String servingUnit = APP + ".web@" + activePort() + ".service";
        assertThat(web2().shell("systemctl is-enabled " + failedUnit + " " + servingUnit + "; true"))
                .as("is-enabled of the failed and the serving instance").isEqualTo("disabled\nenabled\n");
        assertThat(web2().shell("systemctl is-active " + failedUnit + "; true").strip()).isIn("inactive", "failed");
    }

    /** The port web2 serves the app on now. */
    private static int activePort() {
        return Integer.parseInt(web2().shell("cat /opt/xamal/" + APP + "/active_port").strip());
    }

    /** The port web2's next boot uses. */
    private static int idlePort() {
        return activePort() == BLUE ? GREEN : BLUE;
    }

    private static void assertServes(String onWeb1, String onWeb2) {
        assertThat(HttpThroughCaddy.get(web1().httpPort(), "/version"))
                .as("web1 through Caddy").isEqualTo(new HttpThroughCaddy.Answer(200, onWeb1 + "\n"));
        assertThat(HttpThroughCaddy.get(web2().httpPort(), "/version"))
                .as("web2 through Caddy").isEqualTo(new HttpThroughCaddy.Answer(200, onWeb2 + "\n"));
    }

    /** The lock is free, and on both hosts every release marked complete has its launcher, libraries and RELEASE. */
    private static void assertLockFreeAndReleasesWhole() {
        XamalConfig config = good();
        try (SshTransport transport = RealHostApp.transport(config, dir)) {
            assertThat(new DeployLock(transport, config, new RealHostApp.RecordingOutput()).holder())
                    .as("the deploy lock").isEmpty();
        }
        for (TestHost host : List.of(web1(), web2())) {
            assertThat(host.shell("cd /opt/xamal/" + APP + "/releases && for d in *; do [ -f \"$d/.xamal-complete\" ]"
                    + " || continue; [ -x \"$d/bin/" + config.release().name() + "\" ] && [ -f \"$d/RELEASE\" ] && [ -n \"$(ls \"$d/lib\")\" ]"
                    + " || echo \"$d is marked complete but not whole\"; done"))
                    .as("complete releases on " + host.name()).isEmpty();
        }
    }
}
