package dev.xamal.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xamal.caddy.CaddyProxy;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.orchestration.Deploy;
import dev.xamal.core.orchestration.Prune;
import dev.xamal.core.orchestration.ReleaseSwitch;
import dev.xamal.core.orchestration.ServerBootstrap;
import dev.xamal.core.release.ReleaseLayers;
import dev.xamal.core.spi.UploadProgress;
import dev.xamal.ssh.SshTransport;
import dev.xamal.testhosts.TestHost;
import dev.xamal.testhosts.TestHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The soak ({@code bench/soak}; not part of the test command: the name matches neither the unit
 * nor the integration test pattern, so only {@code -Dit.test=SoakRun} runs it). On
 * {@code xamal.soak.hosts} real test hosts (1): setup and a first deploy of the example app, then
 * {@code xamal.soak.switches} switches (30) alternating a deploy of a new version and a rollback,
 * under a continuous bounded load loop through each host's Caddy. Measures each host's open file
 * descriptors and memory (all its processes, inside its container) and the app directory's disk
 * use at the baseline and after the switches, and the disk again after prune; prints the figures
 * and fails unless no request failed, the descriptors stay within 10 %, the memory within 50 MB and
 * the disk after prune comes back to the baseline (within 1 %: the history's new lines).
 */
class SoakRun {
    private static final String APP = "soak";
    private static final int HOSTS = Integer.getInteger("xamal.soak.hosts", 1);
    private static final int SWITCHES = Integer.getInteger("xamal.soak.switches", 30);
    private static final long MEMORY_LIMIT_KB = 50 * 1024;

    @RegisterExtension
    static TestHosts hosts = TestHosts.start(HOSTS);

    @TempDir
    static Path dir;

    /** One host's figures at one moment. */
    record Sample(long fds, long caddyFds, long sshdFds, long appFds, long rssKb, long appRssKb, long diskBytes) {
        String line() {
            return String.format(Locale.ROOT, "fds %d (caddy %d, sshd %d, app %d), memory %.1f MB RSS (app %.1f MB),"
                    + " disk %d bytes", fds, caddyFds, sshdFds, appFds, rssKb / 1024.0, appRssKb / 1024.0, diskBytes);
        }
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.HOURS)
    void switchesUnderLoadLoseNoRequestAndLeaveDescriptorsMemoryAndDiskAtTheBaseline() throws Exception {
        long started = System.nanoTime();
        String startLoad = loadAverage();
        List<TestHost> all = new ArrayList<>();
        for (int i = 1; i <= HOSTS; i++) {
            all.add(hosts.host(i));
        }
        XamalConfig config = RealHostApp.config(dir, hosts, "service: " + APP + "\nservers:\n"
                + all.stream().map(h -> "  - \"" + h.sshAddress() + "\"\n").collect(Collectors.joining())
                + "caddy:\n  ssl: false\n  app_port: 4000\n"
                + "release:\n  jvm_options:\n    - -XX:+UseSerialGC\n    - -Xss512k\n    - -Xmx64m\n"
                + "health_check:\n  interval: 1\ndeploy_timeout: 120\nretain_releases: 1\n");
        Path builds = Files.createDirectories(dir.resolve("builds"));
        List<Long> switchMillis = new ArrayList<>();
        List<String> loads = new ArrayList<>();
        Map<String, Sample> baseline;
        Map<String, Sample> after;
        Map<String, Long> pruned = new LinkedHashMap<>();
        List<HostLoad> loops = new ArrayList<>();
        try (SshTransport transport = RealHostApp.transport(config, dir)) {
            new ServerBootstrap(transport, new CaddyProxy(), new RealHostApp.RecordingOutput()).run(config, config.allHosts());
            deploy(transport, config, HelloReleases.build(builds, config, version(0)));
            deploy(transport, config, HelloReleases.build(builds, config, version(1)));
            log("setup and first deploy done; load loop starts");
            for (TestHost host : all) {
                loops.add(HostLoad.start(host, "localhost", "/version", 1, 1_000_000, Duration.ofHours(4), Duration.ofMillis(20)));
            }
            awaitRequests(loops, 200);
            baseline = measure(all);
            baseline.forEach((h, s) -> log("baseline " + h + ": " + s.line()));

            int next = 2;
            String expected = version(1);
            for (int i = 1; i <= SWITCHES; i++) {
                long t = System.nanoTime();
                if (i % 2 == 1) {
                    ReleaseLayers release = HelloReleases.build(builds, config, version(next++));
                    t = System.nanoTime(); // the build is not the switch
                    expected = release.manifest().version();
                    deploy(transport, config, release);
                } else {
                    new ReleaseSwitch(transport, new CaddyProxy(), new RealHostApp.RecordingOutput()).rollback(config,
                            Optional.empty(), config.allHosts(), config.roles(), HelloReleases.noSecrets(dir, config));
                    expected = version(1);
                }
                switchMillis.add((System.nanoTime() - t) / 1_000_000);
                for (TestHost host : all) {
                    assertThat(HttpThroughCaddy.get(host.httpPort(), "/version").body().strip())
                            .as("after switch " + i + " on " + host.name()).isEqualTo(expected);
                }
                loads.add(loadAverage().split(" ")[0]);
                log(String.format(Locale.ROOT, "switch %2d/%d: %s in %.1f s; %d requests, %d failed; load %s", i, SWITCHES,
                        expected, switchMillis.get(i - 1) / 1000.0, loops.stream().mapToInt(HostLoad::requests).sum(),
                        loops.stream().mapToInt(l -> l.failures().size()).sum(), loads.get(i - 1)));
            }
            awaitRequests(loops, loops.stream().mapToInt(HostLoad::requests).sum() + 200);
            after = measure(all);
            after.forEach((h, s) -> log("after " + SWITCHES + " switches " + h + ": " + s.line()));
            new Prune(transport, new RealHostApp.RecordingOutput()).prune(config, config.allHosts());
            all.forEach(host -> pruned.put(host.name(), disk(host)));
        }
        List<String> failures = new ArrayList<>();
        int requests = 0;
        for (HostLoad loop : loops) {
            HostLoad.Result result = loop.finishAfter(20);
            requests += result.requests();
            failures.addAll(result.failures());
        }

        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "%n==================== soak results ====================%n"
                        + "%d host(s), %d switches (deploy of a new version and rollback alternating) in %.1f min;"
                        + " switch median %d ms (min %d, max %d)%n"
                        + "Load average at start: %s; at end: %s; 1-minute load after each switch: %s (%d CPUs)%n"
                        + "Requests through Caddy: %d, failed: %d%n",
                HOSTS, SWITCHES, (System.nanoTime() - started) / 60e9, median(switchMillis),
                switchMillis.stream().mapToLong(Long::longValue).min().orElse(0),
                switchMillis.stream().mapToLong(Long::longValue).max().orElse(0), startLoad, loadAverage(),
                String.join(" ", loads), Runtime.getRuntime().availableProcessors(), requests, failures.size()));
        failures.stream().limit(10).forEach(f -> report.append("  failed: ").append(f).append('\n'));
        for (String host : baseline.keySet()) {
            Sample b = baseline.get(host);
            Sample a = after.get(host);
            report.append(String.format(Locale.ROOT, "%s:%n  open fds (all processes): baseline %d, after %d (%+.1f %%;"
                            + " caddy %d -> %d, sshd %d -> %d, app %d -> %d)%n"
                            + "  memory (RSS of all processes): baseline %.1f MB, after %.1f MB (%+.1f MB; app %.1f -> %.1f MB)%n"
                            + "  disk of /opt/xamal/%s: baseline %d bytes, after the switches %d, after prune %d (%+d bytes)%n",
                    host, b.fds(), a.fds(), 100.0 * (a.fds() - b.fds()) / b.fds(), b.caddyFds(), a.caddyFds(),
                    b.sshdFds(), a.sshdFds(), b.appFds(), a.appFds(), b.rssKb() / 1024.0, a.rssKb() / 1024.0,
                    (a.rssKb() - b.rssKb()) / 1024.0, b.appRssKb() / 1024.0, a.appRssKb() / 1024.0, APP, b.diskBytes(),
                    a.diskBytes(), pruned.get(host), pruned.get(host) - b.diskBytes()));
        }
        System.out.print(report);

        assertThat(failures).as("failed requests").isEmpty();
        for (String host : baseline.keySet()) {
            Sample b = baseline.get(host);
            Sample a = after.get(host);
            assertThat((double) Math.abs(a.fds() - b.fds())).as(host + " open fds against the baseline " + b.fds())
                    .isLessThanOrEqualTo(0.10 * b.fds());
            assertThat(Math.abs(a.rssKb() - b.rssKb())).as(host + " memory (kB) against the baseline " + b.rssKb())
                    .isLessThanOrEqualTo(MEMORY_LIMIT_KB);
            assertThat((double) pruned.get(host)).as(host + " disk after prune against the baseline " + b.diskBytes())
                    .isLessThanOrEqualTo(b.diskBytes() * 1.01);
        }
    }

    private static void deploy(SshTransport transport, XamalConfig config, ReleaseLayers release) {
        new Deploy(transport, new CaddyProxy(), new RealHostApp.RecordingOutput(), UploadProgress.NONE).deploy(config,
                release, config.allHosts(), config.roles(), HelloReleases.noSecrets(dir, config), Deploy.Checks.PREFLIGHT);
    }

    private static String version(int n) {
        return String.format(Locale.ROOT, "s%02d", n);
    }

    private static Map<String, Sample> measure(List<TestHost> all) {
        Map<String, Sample> samples = new LinkedHashMap<>();
        all.forEach(host -> samples.put(host.name(), sample(host)));
        return samples;
    }

    /**
     * One host's figures, read inside its container (its own process namespace, so other work on
     * the machine does not count): open descriptors and resident memory summed over all its
     * processes, and of Caddy, sshd and the app's JVM.
     */
    private static Sample sample(TestHost host) {
        String script = "fds() { n=0; for p in \"$@\"; do c=$(ls /proc/$p/fd 2>/dev/null | wc -l); n=$((n+c)); done;"
                + " echo $n; }; all=$(ls -d /proc/[0-9]* | cut -d/ -f3); app=$(pgrep -x java);"
                + " echo $(fds $all) $(fds $(pgrep -x caddy)) $(fds $(pgrep -x sshd)) $(fds $app)"
                + " $(ps -e -o rss= | awk '{s+=$1} END {print s}')"
                + " $(for p in $app; do ps -o rss= -p $p; done | awk '{s+=$1} END {print s+0}')";
        String[] f = host.shell(script).trim().split("\\s+");
        return new Sample(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                Long.parseLong(f[4]), Long.parseLong(f[5]), disk(host));
    }

    private static long disk(TestHost host) {
        return Long.parseLong(host.shell("du -sb /opt/xamal/" + APP + " | cut -f 1").trim());
    }

    /** Waits (bounded) until the loops together have sent {@code count} requests. */
    private static void awaitRequests(List<HostLoad> loops, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (loops.stream().mapToInt(HostLoad::requests).sum() < count) {
            assertThat(System.nanoTime()).as("the load loop reaches " + count + " requests within 5 min")
                    .isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static void log(String line) {
        System.out.println(LocalTime.now().withNano(0) + " soak: " + line);
    }
}
