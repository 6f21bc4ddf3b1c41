package bench.switches;

import bench.lib.Figures;
import dev.xamal.testhosts.ExecOutput;
import dev.xamal.testhosts.HostGroup;
import dev.xamal.testhosts.HostImages;
import dev.xamal.testhosts.HostsSpec;
import dev.xamal.testhosts.TestHost;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The soak: on N real test hosts, {@code mvn xamal:setup} and a first deploy of the example app,
 * then S switches alternating {@code mvn xamal:deploy} of a new version and {@code mvn
 * xamal:rollback}, under one continuous load loop through Caddy (bounded in count and time, it
 * stops by itself). Measures each host's open file descriptors, memory and the app directory's
 * disk use at the baseline (after the first deploy) and after the switches, the disk again after
 * {@code mvn xamal:prune}, and prints a verdict: no failed request; descriptors within 10 %, memory
 * within 50 MB and disk after prune back to the baseline. Not a test: it is not part of the test
 * command.
 *
 * <p>Arguments: the repository, the work directory, the Maven settings that resolve the plugin,
 * the host images file, the host count, the switch count.
 */
public final class SoakBench {
    private static final String APP = "soak";
    private static final int MAX_REQUESTS = 500_000;
    private static final long MAX_LOAD_SECONDS = 4 * 3600;
    private static final long PACE_MILLIS = 20;
    private static final long MEMORY_LIMIT_KB = 50 * 1024;
    private static final double FD_LIMIT = 0.10;
    private static final double DISK_SLACK = 0.01;

    private final Path repo;
    private final Path work;
    private final Path settings;
    private final Path hello;

    private SoakBench(Path repo, Path work, Path settings) {
        this.repo = repo;
        this.work = work;
        this.settings = settings;
        this.hello = work.resolve("hello");
    }

    /** One host's figures at one moment. */
    record Sample(long fds, long caddyFds, long sshdFds, long appFds, long rssKb, long appRssKb, long diskBytes) {
        String line() {
            return String.format(Locale.ROOT, "fds %d (caddy %d, sshd %d, app %d), memory %d MB RSS (app %d MB), disk %d bytes",
                    fds, caddyFds, sshdFds, appFds, rssKb / 1024, appRssKb / 1024, diskBytes);
        }
    }

    public static void main(String[] args) throws Exception {
        SoakBench bench = new SoakBench(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]));
        HostImages images = HostImages.load(Path.of(args[3]));
        int hostCount = Integer.parseInt(args[4]);
        int switches = Integer.parseInt(args[5]);
        System.exit(bench.run(images, hostCount, switches) ? 0 : 1);
    }

    private boolean run(HostImages images, int hostCount, int switches) throws Exception {
        copyHello();
        String startLoad = Figures.loadAverage();
        long started = System.nanoTime();
        log("starting " + hostCount + " test host(s)");
        try (HostGroup group = HostGroup.start(HostsSpec.builder(hostCount).spec(), images,
                Files.createDirectories(work.resolve("keys")))) {
            List<TestHost> hosts = group.mappedHosts();
            writeConfig(group);
            xamal("setup", "xamal:setup", "-Dxamal.version=" + version(0));
            xamal("deploy-01", "xamal:deploy", "-Dxamal.version=" + version(1));
            String baselineVersion = version(1);

            LoadLoop load = LoadLoop.start(hosts);
            load.awaitRequests(200);
            Map<String, Sample> baseline = measure(hosts);
            baseline.forEach((h, s) -> log("baseline " + h + ": " + s.line()));

            List<Long> switchMillis = new ArrayList<>();
            List<String> loads = new ArrayList<>();
            int next = 2;
            String expected = baselineVersion;
            for (int i = 1; i <= switches; i++) {
                long t = System.nanoTime();
                if (i % 2 == 1) {
                    expected = version(next++);
                    xamal(String.format(Locale.ROOT, "switch-%02d-deploy", i), "xamal:deploy", "-Dxamal.version=" + expected);
                } else {
                    xamal(String.format(Locale.ROOT, "switch-%02d-rollback", i), "xamal:rollback");
                    expected = baselineVersion;
                }
                switchMillis.add(Figures.elapsedMillis(t));
                for (TestHost host : hosts) {
                    String served = LoadLoop.get(host.httpPort()).body();
                    if (!served.equals(expected)) {
                        throw new IllegalStateException("after switch " + i + " " + host.name() + " serves " + served
                                + ", not " + expected);
                    }
                }
                loads.add(Figures.loadAverage().split(" ")[0]);
                log(String.format(Locale.ROOT, "switch %2d/%d: %s in %.1f s; %d requests so far, %d failed; load %s", i,
                        switches, expected, switchMillis.get(switchMillis.size() - 1) / 1000.0, load.requests(),
                        load.failures().size(), loads.get(loads.size() - 1)));
            }
            load.awaitRequests(load.requests() + 200);
            Map<String, Sample> after = measure(hosts);
            LoadLoop.Result result = load.stop();
            after.forEach((h, s) -> log("after " + switches + " switches " + h + ": " + s.line()));

            xamal("prune", "xamal:prune");
            Map<String, Long> pruned = new LinkedHashMap<>();
            for (TestHost host : hosts) {
                pruned.put(host.name(), disk(host));
            }
            return report(hostCount, switches, startLoad, started, result, switchMillis, loads, baseline, after, pruned);
        }
    }

    private boolean report(int hostCount, int switches, String startLoad, long started, LoadLoop.Result load,
                           List<Long> switchMillis, List<String> loads, Map<String, Sample> baseline,
                           Map<String, Sample> after, Map<String, Long> pruned) {
        StringBuilder out = new StringBuilder();
        boolean ok = load.failures().isEmpty();
        out.append(String.format(Locale.ROOT, "%n==================== soak results ====================%n"));
        out.append(String.format(Locale.ROOT, "%d host(s), %d switches (deploy and rollback alternating) in %.1f min;"
                + " switch median %.1f s (min %.1f, max %.1f)%n", hostCount, switches,
                Figures.elapsedMillis(started) / 60000.0, Figures.median(switchMillis) / 1000.0,
                Figures.min(switchMillis) / 1000.0, Figures.max(switchMillis) / 1000.0));
        out.append("Load average at start: " + startLoad + "; at end: " + Figures.loadAverage() + "; 1-minute load after"
                + " each switch: " + String.join(" ", loads) + " (" + Runtime.getRuntime().availableProcessors()
                + " CPUs)\n");
        out.append(String.format(Locale.ROOT, "Requests through Caddy: %d, failed: %d %s%n", load.requests(),
                load.failures().size(), verdict(load.failures().isEmpty())));
        load.failures().stream().limit(10).forEach(f -> out.append("  failed: ").append(f).append('\n'));
        for (String host : baseline.keySet()) {
            Sample b = baseline.get(host);
            Sample a = after.get(host);
            boolean fds = Math.abs(a.fds() - b.fds()) <= FD_LIMIT * b.fds();
            boolean memory = Math.abs(a.rssKb() - b.rssKb()) <= MEMORY_LIMIT_KB;
            boolean disk = pruned.get(host) <= b.diskBytes() * (1 + DISK_SLACK);
            ok &= fds && memory && disk;
            out.append(host).append(":\n");
            out.append(String.format(Locale.ROOT, "  open fds (all processes): baseline %d, after %d (%+.1f %%; caddy %d -> %d,"
                    + " sshd %d -> %d, app %d -> %d) %s%n", b.fds(), a.fds(), 100.0 * (a.fds() - b.fds()) / b.fds(),
                    b.caddyFds(), a.caddyFds(), b.sshdFds(), a.sshdFds(), b.appFds(), a.appFds(), verdict(fds)));
            out.append(String.format(Locale.ROOT, "  memory (RSS of all processes): baseline %.1f MB, after %.1f MB (%+.1f MB;"
                    + " app %.1f -> %.1f MB) %s%n", b.rssKb() / 1024.0, a.rssKb() / 1024.0, (a.rssKb() - b.rssKb()) / 1024.0,
                    b.appRssKb() / 1024.0, a.appRssKb() / 1024.0, verdict(memory)));
            out.append(String.format(Locale.ROOT, "  disk of /opt/xamal/%s: baseline %d bytes, after the switches %d,"
                    + " after prune %d (%+d bytes) %s%n", APP, b.diskBytes(), a.diskBytes(), pruned.get(host),
                    pruned.get(host) - b.diskBytes(), verdict(disk)));
        }
        out.append("Verdict: ").append(ok ? "PASS" : "FAIL").append(" (targets: 0 failed requests; fds within 10 %;"
                + " memory within 50 MB; disk after prune back to the baseline, within 1 %)\n");
        System.out.print(out);
        return ok;
    }

    private static String verdict(boolean ok) {
        return ok ? "[ok]" : "[MISSED]";
    }

    // ---- measurements

    private Map<String, Sample> measure(List<TestHost> hosts) {
        Map<String, Sample> samples = new LinkedHashMap<>();
        for (TestHost host : hosts) {
            samples.put(host.name(), sample(host));
        }
        return samples;
    }

    /**
     * One host's figures, read inside the container (its own process namespace), so other work on
     * the machine does not count: open descriptors and RSS summed over all its processes.
     */
    private static Sample sample(TestHost host) {
        String script = "fds() { n=0; for p in \"$@\"; do c=$(ls /proc/$p/fd 2>/dev/null | wc -l); n=$((n+c)); done; echo $n; }; "
                + "all=$(ls -d /proc/[0-9]* | cut -d/ -f3); "
                + "app=$(pgrep -x java); "
                + "echo $(fds $all) $(fds $(pgrep -x caddy)) $(fds $(pgrep -x sshd)) $(fds $app) "
                + "$(ps -e -o rss= | awk '{s+=$1} END {print s}') "
                + "$(for p in $app; do ps -o rss= -p $p; done | awk '{s+=$1} END {print s+0}')";
        String[] f = host.shell(script).trim().split("\\s+");
        return new Sample(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                Long.parseLong(f[4]), Long.parseLong(f[5]), disk(host));
    }

    private static long disk(TestHost host) {
        return Long.parseLong(host.shell("du -sb /opt/xamal/" + APP + " | cut -f 1").trim());
    }

    // ---- the goals

    private static String version(int n) {
        return String.format(Locale.ROOT, "soak-%02d", n);
    }

    /** {@code mvn xamal:<goal>} in the example's copy; fails the soak unless it succeeds. */
    private void xamal(String name, String... goalAndArgs) throws IOException, InterruptedException {
        Path log = work.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of("mvn", "-B", "-ntp", "-s", settings.toString()));
        command.addAll(List.of(goalAndArgs));
        ProcessBuilder pb = new ProcessBuilder(command).directory(hello.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().remove("SSH_AUTH_SOCK");
        Process process = pb.start();
        if (!process.waitFor(15, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", goalAndArgs) + " did not end within 15 min; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", goalAndArgs) + " failed with exit status "
                    + process.exitValue() + "; see " + log);
        }
    }

    private void copyHello() throws IOException {
        Path source = repo.resolve("examples/hello");
        try (var paths = Files.walk(source)) {
            for (Path p : paths.filter(p -> !source.relativize(p).startsWith("target")).toList()) {
                Path target = hello.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private void writeConfig(HostGroup group) throws IOException {
        StringBuilder yml = new StringBuilder("# Written by the soak.\nservice: " + APP + "\nservers:\n  web:\n");
        group.mappedHosts().forEach(h -> yml.append("    - \"").append(h.sshAddress()).append("\"\n"));
        yml.append("ssh:\n  user: ").append(group.user()).append("\n  keys: [\"").append(group.keyPath())
                .append("\"]\n  known_hosts_file: \"").append(group.knownHostsPath()).append("\"\n  config: false\n")
                .append("caddy:\n  ssl: false\nrelease:\n  jvm_options:\n    - -XX:+UseSerialGC\n    - -Xss512k\n")
                .append("    - -Xmx64m\nhealth_check:\n  path: /health\n  interval: 1\nretain_releases: 1\n");
        Files.writeString(hello.resolve("config/xamal.yml"), yml);
    }

    private static void log(String line) {
        System.out.println(LocalTime.now().withNano(0) + " " + line);
    }

    /**
     * One thread sending {@code GET /version} through each host's Caddy in turn, a new connection
     * each, paced to about 50 requests a second; stops by itself after {@value #MAX_REQUESTS}
     * requests or {@value #MAX_LOAD_SECONDS} s, or when asked.
     */
    static final class LoadLoop {
        record Answer(int status, String body) {
        }

        record Result(long requests, List<String> failures) {
        }

        private final List<TestHost> hosts;
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicLong requests = new AtomicLong();
        private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        private final Thread thread;

        private LoadLoop(List<TestHost> hosts) {
            this.hosts = hosts;
            this.thread = new Thread(this::loop, "soak-load");
            this.thread.setDaemon(true);
        }

        static LoadLoop start(List<TestHost> hosts) {
            LoadLoop loop = new LoadLoop(hosts);
            loop.thread.start();
            return loop;
        }

        private void loop() {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(MAX_LOAD_SECONDS);
            int i = 0;
            while (!stop.get() && requests.get() < MAX_REQUESTS && System.nanoTime() < deadline) {
                TestHost host = hosts.get(i++ % hosts.size());
                try {
                    Answer answer = get(host.httpPort());
                    if (answer.status() != 200) {
                        failures.add(LocalTime.now().withNano(0) + " " + host.name() + " status " + answer.status()
                                + ": " + answer.body());
                    }
                } catch (IOException | RuntimeException e) {
                    failures.add(LocalTime.now().withNano(0) + " " + host.name() + " " + e);
                }
                requests.incrementAndGet();
                try {
                    Thread.sleep(PACE_MILLIS); // pacing, so the loop itself keeps the machine's load modest
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        static Answer get(int port) throws IOException {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("localhost", port), 5000);
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write("GET /version HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                int status = response.startsWith("HTTP/1.1 ") && response.length() >= 12
                        ? Integer.parseInt(response.substring(9, 12)) : 0;
                int cut = response.indexOf("\r\n\r\n");
                return new Answer(status, cut < 0 ? response : response.substring(cut + 4).strip());
            }
        }

        long requests() {
            return requests.get();
        }

        List<String> failures() {
            synchronized (failures) {
                return List.copyOf(failures);
            }
        }

        /** Waits (bounded) until the loop has sent {@code count} requests. */
        void awaitRequests(long count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (requests.get() < count) {
                if (!thread.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("the load loop stopped at " + requests.get() + " requests");
                }
                Thread.sleep(50);
            }
        }

        Result stop() throws InterruptedException {
            stop.set(true);
            thread.join(TimeUnit.SECONDS.toMillis(30));
            return new Result(requests.get(), failures());
        }
    }
}
