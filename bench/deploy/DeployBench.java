package bench.deploy;

import bench.lib.Figures;
import dev.xamal.testhosts.ExecOutput;
import dev.xamal.testhosts.HostGroup;
import dev.xamal.testhosts.HostImages;
import dev.xamal.testhosts.HostsSpec;
import dev.xamal.testhosts.TestHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongBinaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Times a redeploy of the example app's release to 1..N real test hosts with xamal, Capistrano,
 * Ansible and a plain parallel ssh/scp script, in one run, interleaved, each under
 * {@code /usr/bin/time -v} for its peak memory. xamal is timed twice, Maven's start-up included:
 * {@code xamal} deploys a release built before the run (untimed {@code mvn xamal:build}, then the
 * timed {@code mvn xamal:redeploy -Dxamal.skipBuild=true}, which does not check that the build is up
 * to date), as the peers deploy a tarball built before; {@code xamal-bare} is a bare
 * {@code mvn xamal:redeploy}, which packages and builds the release first.
 * Also measures the app's own start-to-healthy time on every host (restart, then a 50 ms poll), so
 * xamal's overhead can be told apart from the app's start, and the bytes a redeploy uploads after
 * one class of the app changed against a full release's. Not a test: timings never gate a build.
 *
 * <p>Arguments: host counts (comma separated), runs per count, the repository, the bench's work
 * directory, the Maven settings that resolve the plugin, the host images file.
 */
public final class DeployBench {
    private static final String PEER_UNIT = "hello-peer";
    private static final List<String> TOOLS = List.of(System.getenv().getOrDefault("BENCH_TOOLS",
            "xamal,xamal-bare,capistrano,ansible,ssh-script").split(","));
    private static final Pattern MAX_RSS = Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)");
    /** BENCH_HOST_PROCESSES=true: print which systemd units of the first host used CPU during each timed deploy. */
    private static final boolean HOST_PROCESSES = Boolean.parseBoolean(System.getenv("BENCH_HOST_PROCESSES"));
    private static final Pattern CPU_SECONDS = Pattern.compile("(?:User|System) time \\(seconds\\): ([0-9.]+)");
    private static final Pattern UPLOADED = Pattern.compile("\\[([^]]+)] uploaded layer (\\w+) \\((\\d+) bytes\\)");
    private static final Pattern STAMPED = Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) (.*)$");

    private final Path repo;
    private final Path work;
    private final Path settings;
    private final Path hello;

    private DeployBench(Path repo, Path work, Path settings) {
        this.repo = repo;
        this.work = work;
        this.settings = settings;
        this.hello = work.resolve("hello");
    }

    /**
     * One timed deploy.
     *
     * @param millis      wall time
     * @param maxRssKb    the deploying process's peak memory
     * @param tasks       processes and threads started on the first host while the tool ran (its PID
     *                    counter before and after; the app's JVM threads included)
     * @param clientCpuMs the deploying process's user and system CPU time (its children included)
     * @param hostsCpuMs  the CPU time all hosts' containers used while the tool ran (their cgroups'
     *                    counters before and after; the apps' start and stop included), -1 when unknown
     */
    record Sample(long millis, long maxRssKb, long tasks, long clientCpuMs, long hostsCpuMs) {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> counts = List.of(args[0].split(",")).stream().map(Integer::parseInt).toList();
        int runs = Integer.parseInt(args[1]);
        DeployBench bench = new DeployBench(Path.of(args[2]), Path.of(args[3]), Path.of(args[4]));
        HostImages images = HostImages.load(Path.of(args[5]));
        bench.copyHello();
        String startLoad = Figures.loadAverage();
        StringBuilder report = new StringBuilder();
        long[] changeBytes = null;
        for (int count : counts) {
            String table = bench.measure(count, runs, images, changeBytes == null);
            System.out.print(table); // as soon as it is known; all tables again at the end
            report.append(table);
            if (changeBytes == null) {
                changeBytes = bench.lastChange;
            }
        }
        System.out.println("\n==================== results ====================");
        System.out.println("Load average at start: " + startLoad + "; at end: " + Figures.loadAverage()
                + " (" + Runtime.getRuntime().availableProcessors() + " CPUs)");
        System.out.print(report);
        if (changeBytes != null) {
            System.out.printf(Locale.ROOT, "%nOne class changed: the redeploy uploaded %d bytes to the host, a full "
                    + "release %d bytes: %.2f%% (target <= 5%%)%n", changeBytes[0], changeBytes[1],
                    100.0 * changeBytes[0] / changeBytes[1]);
        }
    }

    private long[] lastChange;

    /** Starts {@code count} hosts, sets every tool up (untimed), then times {@code runs} rounds. */
    private String measure(int count, int runs, HostImages images, boolean firstCount) throws Exception {
        log("starting " + count + " test host(s)");
        Path dir = Files.createDirectories(work.resolve("hosts-" + count));
        try (HostGroup group = HostGroup.start(HostsSpec.builder(count).spec(), images,
                Files.createDirectories(dir.resolve("keys")))) {
            String hosts = group.mappedHosts().stream().map(TestHost::sshAddress).collect(Collectors.joining(","));
            writeXamalConfig(group);
            Path inventory = writeInventory(group, dir);
            String load = Figures.loadAverage();

            log("setup (untimed): mvn xamal:setup, the peers' unit (and, for the first host count, one deploy by "
                    + "each peer)");
            String setupVersion = "bench-" + count + "-setup";
            Path setupLog = dir.resolve("xamal-setup.log");
            Path tarball = hello.resolve("target/xamal/hello-" + setupVersion + ".tar.gz");
            long fullRelease = 0;
            if (TOOLS.contains("xamal")) {
                Path buildLog = dir.resolve("xamal-build.log"); // setup sends layers: the tarball is build's
                requireOk(xamal(dir, "xamal:build", setupVersion, buildLog), buildLog);
                requireOk(xamal(dir, "xamal:setup", setupVersion, setupLog), setupLog);
                fullRelease = uploadedBytes(setupLog, group.mappedHosts().get(0).sshAddress());
            } else { // peers only (while working on their configurations): a tarball built before
                tarball = Path.of(System.getenv("BENCH_TARBALL"));
            }
            installPeerUnit(group);
            Map<String, List<Sample>> samples = new LinkedHashMap<>();
            if (firstCount) { // warms the peers' interpreters and caches once (xamal's was its setup)
                for (String tool : TOOLS.stream().filter(t -> !t.startsWith("xamal")).toList()) {
                    Sample s = deployWith(tool, count, "warm", group, hosts, inventory, tarball, dir);
                    log("  " + tool + " first deploy: " + s.millis() + " ms");
                }
            }
            TOOLS.forEach(t -> samples.put(t, new ArrayList<>()));
            List<Long> startToHealthy = new ArrayList<>();
            List<Long> startToHealthyArchived = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                for (int i = 0; i < TOOLS.size(); i++) {
                    String tool = TOOLS.get((i + run - 1) % TOOLS.size()); // rotate the order between runs
                    Sample s = deployWith(tool, count, "r" + run, group, hosts, inventory, tarball, dir);
                    samples.get(tool).add(s);
                    log(String.format(Locale.ROOT, "  run %d %-11s %6d ms  max RSS %6d MB  %5d tasks on host 1  CPU "
                            + "%5d ms client, %6d ms hosts", run, tool, s.millis(), s.maxRssKb() / 1024, s.tasks(),
                            s.clientCpuMs(), s.hostsCpuMs()));
                }
                if (TOOLS.stream().allMatch(t -> t.startsWith("xamal"))) {
                    continue; // the app's own start is timed through the peers' unit, which no peer deployed
                }
                long slowest = slowestStartToHealthy(group, PEER_START);
                startToHealthy.add(slowest);
                log("  run " + run + " app start-to-healthy on the slowest host: " + slowest + " ms");
                if (TOOLS.contains("xamal")) {
                    long archived = slowestStartToHealthy(group, XAMAL_RELEASE_START);
                    startToHealthyArchived.add(archived);
                    log("  run " + run + " app start-to-healthy on the slowest host, xamal's release with the host's"
                            + " class-data archive: " + archived + " ms");
                }
            }
            String endLoad = Figures.loadAverage();
            if (TOOLS.contains("xamal")) {
                log("xamal phases of the last run (from its log):\n" + phases(dir.resolve("xamal-r" + runs + ".log")));
            }
            if (TOOLS.contains("xamal-bare")) {
                log("xamal-bare phases of the last run (from its log):\n"
                        + phases(dir.resolve("xamal-bare-r" + runs + ".log")));
            }
            if (firstCount && TOOLS.contains("xamal")) {
                lastChange = new long[] {changeOneClass(dir, group.mappedHosts().get(0).sshAddress()), fullRelease};
            }
            return table(count, runs, samples, startToHealthy, startToHealthyArchived, load, endLoad);
        }
    }

    private String table(int count, int runs, Map<String, List<Sample>> samples, List<Long> startToHealthy,
                         List<Long> startToHealthyArchived, String load, String endLoad) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%n%d host(s), %d runs; load average %s at start, %s at end%n", count, runs,
                load, endLoad));
        out.append(String.format(Locale.ROOT, "| %-11s | %9s | %-15s | %8s | %12s | %12s | %12s | %12s |%n", "tool",
                "median s", "min-max s", "RSS MB", "xamal / tool", "host1 tasks", "client CPU s", "hosts CPU s"));
        out.append("|-------------|-----------|-----------------|----------|--------------|--------------|"
                + "--------------|--------------|\n");
        long xamal = Figures.median(millis(samples.getOrDefault("xamal", List.of(new Sample(0, 0, 0, 0, 0)))));
        for (Map.Entry<String, List<Sample>> e : samples.entrySet()) {
            List<Long> ms = millis(e.getValue());
            long median = Figures.median(ms);
            long rss = Figures.median(e.getValue().stream().map(Sample::maxRssKb).toList());
            long tasks = Figures.median(e.getValue().stream().map(Sample::tasks).toList());
            long clientCpu = Figures.median(e.getValue().stream().map(Sample::clientCpuMs).toList());
            long hostsCpu = Figures.median(e.getValue().stream().map(Sample::hostsCpuMs).toList());
            out.append(String.format(Locale.ROOT, "| %-11s | %9.1f | %6.1f - %6.1f | %8d | %12.2f | %12d | %12.1f | %12s |%n",
                    e.getKey(), median / 1000.0, Figures.min(ms) / 1000.0, Figures.max(ms) / 1000.0, rss / 1024,
                    (double) xamal / median, tasks, clientCpu / 1000.0,
                    hostsCpu < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f", hostsCpu / 1000.0)));
        }
        out.append(pairedRatios(samples));
        if (startToHealthy.isEmpty()) {
            return out.append("App start-to-healthy: not measured (no peer tool deployed the peers' unit)\n").toString();
        }
        long healthy = Figures.median(startToHealthy);
        List<Long> xamalMillis = millis(samples.getOrDefault("xamal", List.of()));
        out.append(String.format(Locale.ROOT, "App start-to-healthy (slowest host, median): %.1f s; xamal overhead "
                + "(median wall - that): %.1f s%s%n", healthy / 1000.0, (xamal - healthy) / 1000.0,
                pairedOverhead(xamalMillis, startToHealthy)));
        if (!startToHealthyArchived.isEmpty()) {
            long archived = Figures.median(startToHealthyArchived);
            out.append(String.format(Locale.ROOT, "App start-to-healthy of xamal's release with the host's class-data "
                    + "archive (slowest host, median): %.1f s; xamal overhead (median wall - that): %.1f s%s%n",
                    archived / 1000.0, (xamal - archived) / 1000.0, pairedOverhead(xamalMillis, startToHealthyArchived)));
        }
        return out.toString();
    }

    /** "; per round ..." : xamal's wall time minus the start measured in the same round, median and range. */
    private static String pairedOverhead(List<Long> xamal, List<Long> starts) {
        return pairwise(xamal, starts, (wall, start) -> wall - start).map(overhead -> String.format(Locale.ROOT,
                "; per round (wall - that round's start): median %.1f s (%.1f - %.1f)", Figures.median(overhead) / 1000.0,
                Figures.min(overhead) / 1000.0, Figures.max(overhead) / 1000.0)).orElse("");
    }

    /**
     * xamal's time over each other tool's in the same round, median and range: each round deploys
     * with every tool back to back, so a machine that gets slower or faster between rounds moves
     * both times of a pair, which the medians of the table above do not cancel.
     */
    private static String pairedRatios(Map<String, List<Sample>> samples) {
        List<Long> xamal = millis(samples.getOrDefault("xamal", List.of()));
        List<String> ratios = new ArrayList<>();
        samples.forEach((tool, other) -> {
            if (!tool.equals("xamal")) {
                pairwise(xamal, millis(other), (mine, theirs) -> Math.round(1000.0 * mine / theirs)).ifPresent(permille ->
                        ratios.add(String.format(Locale.ROOT, "%s %.2f (%.2f - %.2f)", tool,
                                Figures.median(permille) / 1000.0, Figures.min(permille) / 1000.0,
                                Figures.max(permille) / 1000.0)));
            }
        });
        return ratios.isEmpty() ? "" : "xamal / tool in the same round, median (min - max): "
                + String.join(", ", ratios) + "\n";
    }

    /** {@code op} of the two values of each round; empty when the lists are empty or of different lengths. */
    private static Optional<List<Long>> pairwise(List<Long> a, List<Long> b, LongBinaryOperator op) {
        if (a.isEmpty() || a.size() != b.size()) {
            return Optional.empty();
        }
        return Optional.of(IntStream.range(0, a.size()).mapToObj(i -> op.applyAsLong(a.get(i), b.get(i))).toList());
    }

    private static List<Long> millis(List<Sample> samples) {
        return samples.stream().map(Sample::millis).toList();
    }

    // ---- the tools

    private Sample deployWith(String tool, int count, String run, HostGroup group, String hosts, Path inventory,
                              Path tarball, Path dir) {
        String release = tool + "-" + count + "-" + run;
        Path control = controlDir(dir, release);
        Path log = dir.resolve((tool.startsWith("xamal") ? tool + "-" + run : release) + ".log");
        if ("xamal".equals(tool)) { // the release it deploys is built before, untimed
            Path buildLog = dir.resolve("xamal-build-" + run + ".log");
            requireOk(xamal(dir, "xamal:build", "bench-" + count + "-" + run, buildLog), buildLog);
        }
        ProcessBuilder pb = switch (tool) {
            case "xamal" -> xamal(dir, "xamal:redeploy", "bench-" + count + "-" + run, log, "-Dxamal.skipBuild=true");
            case "xamal-bare" -> xamal(dir, "xamal:redeploy", "bench-" + count + "-" + run + "-bare", log);
            case "capistrano" -> timed(log, dir, "cap", "bench", "tarball:deploy")
                    .directory(repo.resolve("bench/deploy/capistrano").toFile());
            case "ansible" -> timed(log, dir, "ansible-playbook", "-i", inventory.toString(), "deploy.yml",
                    "-e", "tarball=" + tarball, "-e", "release=" + release)
                    .directory(repo.resolve("bench/deploy/ansible").toFile());
            case "ssh-script" -> {
                List<String> argv = new ArrayList<>(List.of(repo.resolve("bench/deploy/parallel-ssh").toString(),
                        tarball.toString(), release, group.keyPath().toString(), group.knownHostsPath().toString(),
                        control.toString()));
                argv.addAll(List.of(hosts.split(",")));
                yield timed(log, dir, argv.toArray(String[]::new));
            }
            default -> throw new IllegalArgumentException(tool);
        };
        Map<String, String> env = pb.environment();
        env.remove("SSH_AUTH_SOCK");
        env.put("BENCH_TARBALL", tarball.toString());
        env.put("BENCH_RELEASE", release);
        env.put("BENCH_HOSTS", hosts);
        env.put("BENCH_KEY", group.keyPath().toString());
        env.put("BENCH_KNOWN_HOSTS", group.knownHostsPath().toString());
        env.put("ANSIBLE_CONFIG", repo.resolve("bench/deploy/ansible/ansible.cfg").toString());
        env.put("ANSIBLE_SSH_CONTROL_PATH_DIR", control.toString());
        TestHost first = group.mappedHosts().get(0);
        long pidBefore = lastPid(first);
        Map<String, Long> unitsBefore = HOST_PROCESSES ? unitCpu(first) : Map.of();
        long cpuBefore = hostsCpuNanos(group);
        long start = System.nanoTime();
        int exit = run(pb);
        long millis = Figures.elapsedMillis(start);
        long cpuAfter = hostsCpuNanos(group);
        long tasks = lastPid(first) - pidBefore;
        if (HOST_PROCESSES) {
            log("  " + tool + ": CPU of the first host's cgroups while it ran (ms; a group's own line is what its"
                    + " groups that ended used, e.g. the instance that stopped):\n" + cpuDiff(unitsBefore, unitCpu(first)));
        }
        deleteQuietly(control);
        if (exit != 0) {
            throw new IllegalStateException(tool + " failed with exit status " + exit + "; see " + log);
        }
        if (tool.startsWith("xamal")) {
            requireSummaries(log, count);
        }
        String times = read(timeFile(log));
        return new Sample(millis, maxRss(times), tasks, cpuMillis(times),
                cpuBefore < 0 || cpuAfter < 0 ? -1 : (cpuAfter - cpuBefore) / 1_000_000);
    }

    /**
     * The CPU time all the group's containers used so far, in nanoseconds, from their cgroups (v1's
     * cpuacct counter or v2's cpu.stat), or -1 when a container's cgroup is not found here.
     */
    private static long hostsCpuNanos(HostGroup group) {
        long sum = 0;
        for (TestHost host : group.mappedHosts()) {
            String id = host.containerId();
            Path v1 = Path.of("/sys/fs/cgroup/cpuacct/docker", id, "cpuacct.usage");
            Path v2 = Path.of("/sys/fs/cgroup/system.slice/docker-" + id + ".scope/cpu.stat");
            try {
                if (Files.isReadable(v1)) {
                    sum += Long.parseLong(Files.readString(v1).trim());
                } else if (Files.isReadable(v2)) {
                    sum += Files.readAllLines(v2).stream().filter(l -> l.startsWith("usage_usec "))
                            .mapToLong(l -> Long.parseLong(l.substring("usage_usec ".length()).trim()) * 1000)
                            .findFirst().orElseThrow();
                } else {
                    return -1;
                }
            } catch (IOException e) {
                return -1;
            }
        }
        return sum;
    }

    /**
     * The CPU time in milliseconds of each cgroup in the host's container (systemd's slices, services
     * and scopes, by their path under the container's group, "." for the whole container), from
     * their cgroup v2 {@code cpu.stat} on this machine (the unified hierarchy beside cgroup v1's, or
     * the v2 tree); empty when the container's group is not found. A group that ended (a stopped
     * unit, a closed session) is gone from the second reading; its time stays in its parent's.
     */
    private static Map<String, Long> unitCpu(TestHost host) {
        String id = host.containerId();
        Map<String, Long> cpu = new LinkedHashMap<>();
        for (Path root : List.of(Path.of("/sys/fs/cgroup/unified/docker", id),
                Path.of("/sys/fs/cgroup/system.slice/docker-" + id + ".scope"))) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (var groups = Files.walk(root)) {
                groups.filter(g -> Files.isReadable(g.resolve("cpu.stat"))).forEach(g -> {
                    try {
                        Files.readAllLines(g.resolve("cpu.stat")).stream().filter(l -> l.startsWith("usage_usec "))
                                .findFirst().ifPresent(l -> cpu.put(root.equals(g) ? "." : root.relativize(g).toString(),
                                        Long.parseLong(l.substring("usage_usec ".length()).trim()) / 1000));
                    } catch (IOException e) {
                        // ended while walking
                    }
                });
            } catch (IOException | UncheckedIOException e) {
                // the container went away: what was read so far
            }
            return cpu;
        }
        return cpu;
    }

    /**
     * The groups whose CPU grew the most between two {@link #unitCpu} readings, one a line; a group
     * that has children also gets the part of its growth that none of its groups still there used.
     */
    private static String cpuDiff(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> grown = new LinkedHashMap<>();
        after.forEach((group, ms) -> grown.put(group, ms - before.getOrDefault(group, 0L)));
        Map<String, Long> ended = new LinkedHashMap<>();
        grown.forEach((group, ms) -> {
            long children = grown.entrySet().stream().filter(e -> isChild(group, e.getKey()))
                    .mapToLong(Map.Entry::getValue).sum();
            if (grown.keySet().stream().anyMatch(g -> isChild(group, g))) {
                ended.put(group + " (groups that ended)", ms - children);
            }
        });
        grown.putAll(ended);
        return grown.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(25)
                .map(e -> String.format(Locale.ROOT, "    %6d  %s", e.getValue(), e.getKey()))
                .collect(Collectors.joining("\n"));
    }

    private static boolean isChild(String parent, String group) {
        String prefix = parent.equals(".") ? "" : parent + "/";
        return !group.equals(parent) && group.startsWith(prefix) && group.indexOf('/', prefix.length()) < 0;
    }

    /** The last PID the host's PID namespace handed out (to a process or a thread), from its /proc/loadavg. */
    private static long lastPid(TestHost host) {
        String[] fields = host.shell("cat /proc/loadavg").trim().split("\\s+");
        return Long.parseLong(fields[fields.length - 1]);
    }

    /** {@code mvn xamal:<goal>} in the example's copy, with timestamped log lines, under /usr/bin/time. */
    private ProcessBuilder xamal(Path dir, String goal, String version, Path log, String... more) {
        List<String> argv = new ArrayList<>(List.of("mvn", "-B", "-ntp", "-s", settings.toString(),
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS",
                goal, "-Dxamal.version=" + version));
        argv.addAll(List.of(more));
        return timed(log, dir, argv.toArray(String[]::new)).directory(hello.toFile());
    }

    private static ProcessBuilder timed(Path log, Path dir, String... argv) {
        List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-v", "-o", timeFile(log).toString()));
        command.addAll(List.of(argv));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    }

    private static Path timeFile(Path log) {
        return log.resolveSibling(log.getFileName() + ".time");
    }

    /** A fresh directory for a run's SSH control sockets, short enough for a socket path. */
    private static Path controlDir(Path dir, String release) {
        try {
            return Files.createTempDirectory(Path.of("/tmp"), "xb-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path control) {
        try (var paths = Files.walk(control)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log("could not remove " + control + ": " + e.getMessage());
        }
    }

    private static int run(ProcessBuilder pb) {
        try {
            return pb.start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void requireOk(ProcessBuilder pb, Path log) {
        int exit = run(pb);
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", pb.command()) + " failed with " + exit + "; see " + log);
        }
    }

    /** xamal printed one summary table row per host (host, role, version, port, time: it switched to the new release). */
    private static void requireSummaries(Path log, int count) {
        long lines = read(log).lines().filter(l -> l.matches(".*\\s\\S+\\s+web\\s+bench-\\S+\\s+\\d+\\s+[0-9.]+ s\\b.*")).count();
        if (lines != count) {
            throw new IllegalStateException("expected " + count + " summary lines in " + log + ", found " + lines);
        }
    }

    /** The peak memory {@code /usr/bin/time -v} reported. */
    private static long maxRss(String times) {
        Matcher m = MAX_RSS.matcher(times);
        if (!m.find()) {
            throw new IllegalStateException("no peak memory in: " + times);
        }
        return Long.parseLong(m.group(1));
    }

    /** The user plus system CPU time {@code /usr/bin/time -v} reported, in milliseconds. */
    private static long cpuMillis(String times) {
        Matcher m = CPU_SECONDS.matcher(times);
        double seconds = 0;
        while (m.find()) {
            seconds += Double.parseDouble(m.group(1));
        }
        return Math.round(seconds * 1000);
    }

    // ---- setup

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

    private void writeXamalConfig(HostGroup group) throws IOException {
        StringBuilder yml = new StringBuilder("# Written by the deploy benchmark.\nservice: hello\nservers:\n  web:\n");
        group.mappedHosts().forEach(h -> yml.append("    - \"").append(h.sshAddress()).append("\"\n"));
        yml.append("ssh:\n  user: ").append(group.user()).append("\n  keys: [\"").append(group.keyPath())
                .append("\"]\n  known_hosts_file: \"").append(group.knownHostsPath()).append("\"\n  config: false\n")
                .append("caddy:\n  ssl: false\nrelease:\n  jvm_options:\n    - -XX:+UseSerialGC\n    - -Xss512k\n")
                .append("health_check:\n  path: /health\n  interval: 1\n");
        Files.writeString(hello.resolve("config/xamal.yml"), yml);
    }

    private static Path writeInventory(HostGroup group, Path dir) throws IOException {
        StringBuilder ini = new StringBuilder("[app]\n");
        group.mappedHosts().forEach(h -> ini.append(h.name()).append(" ansible_host=").append(h.host())
                .append(" ansible_port=").append(h.sshPort()).append('\n'));
        ini.append("\n[app:vars]\nansible_user=").append(group.user())
                .append("\nansible_ssh_private_key_file=").append(group.keyPath())
                .append("\nansible_ssh_extra_args='-o UserKnownHostsFile=").append(group.knownHostsPath())
                .append(" -o GlobalKnownHostsFile=/dev/null -o StrictHostKeyChecking=yes -o IdentitiesOnly=yes'\n");
        Path inventory = dir.resolve("inventory.ini");
        Files.writeString(inventory, ini);
        return inventory;
    }

    /** The peers' layout and unit on every host, as root (untimed). */
    private void installPeerUnit(HostGroup group) throws IOException {
        String unit = Base64.getEncoder().encodeToString(Files.readAllBytes(repo.resolve("bench/deploy/" + PEER_UNIT
                + ".service")));
        String script = "mkdir -p /opt/peer/hello/releases && chown -R deploy: /opt/peer && echo " + unit
                + " | base64 -d > /etc/systemd/system/" + PEER_UNIT + ".service && systemctl daemon-reload";
        for (TestHost host : group.mappedHosts()) {
            ExecOutput out = host.exec("sh", "-c", script);
            if (!out.succeeded()) {
                throw new IllegalStateException("peer setup on " + host.name() + ": " + out);
            }
        }
    }

    // ---- what the figures need besides the deploys

    /** Restarts the peers' unit (the release as the peers deploy it: no class-data archive) and polls it. */
    private static final String PEER_START = "s=$(date +%s%N); systemctl restart " + PEER_UNIT + "; i=0; "
            + "until curl -fs -o /dev/null --max-time 5 http://localhost:4100/health; do "
            + "i=$((i+1)); [ $i -gt 1200 ] && exit 1; sleep 0.05; done; echo $(( ($(date +%s%N) - s) / 1000000 ))";
    /**
     * Starts the release xamal's {@code current} points at, whose runtime has the class-data
     * archive the host dumped, on a spare port as the deploy user, polls it, then stops it.
     */
    private static final String XAMAL_RELEASE_START = "s=$(date +%s%N); setpriv --reuid=deploy --regid=deploy"
            + " --init-groups env PORT=4101 /opt/xamal/hello/current/bin/hello start >/dev/null 2>&1 & p=$!; i=0; "
            + "until curl -fs -o /dev/null --max-time 5 http://localhost:4101/health; do "
            + "i=$((i+1)); [ $i -gt 1200 ] && { kill $p; exit 1; }; sleep 0.05; done; "
            + "e=$(date +%s%N); kill $p; wait $p; echo $(( (e - s) / 1000000 ))";

    /**
     * The app's own start-to-healthy time: on every host at once, run {@code script} (start the
     * app and poll its health URL every 50 ms, timed on the host); the slowest host's time.
     */
    private static long slowestStartToHealthy(HostGroup group, String script) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(group.mappedHosts().size());
        try {
            List<Future<ExecOutput>> results = new ArrayList<>();
            for (TestHost host : group.mappedHosts()) {
                results.add(pool.submit(() -> host.exec("sh", "-c", script)));
            }
            long slowest = 0;
            for (Future<ExecOutput> f : results) {
                ExecOutput out = f.get();
                if (!out.succeeded()) {
                    throw new IllegalStateException("start-to-healthy probe: " + out);
                }
                slowest = Math.max(slowest, Long.parseLong(out.out()));
            }
            return slowest;
        } finally {
            pool.shutdown();
        }
    }

    /** Changes one class of the example, redeploys, and returns the bytes uploaded to {@code host}. */
    private long changeOneClass(Path dir, String host) throws IOException {
        Path source = hello.resolve("src/main/java/dev/xamal/examples/hello/HelloServer.java");
        String original = Files.readString(source);
        String changed = original.replace("\"hello from \"", "\"hello again from \"");
        if (changed.equals(original)) {
            throw new IllegalStateException("the greeting to change is not in " + source);
        }
        Files.writeString(source, changed);
        try {
            Path log = dir.resolve("xamal-one-class.log");
            log("one class changed: mvn xamal:redeploy");
            long start = System.nanoTime();
            requireOk(xamal(dir, "xamal:redeploy", "bench-one-class", log), log);
            log("  took " + Figures.elapsedMillis(start) + " ms");
            return uploadedBytes(log, host);
        } finally {
            Files.writeString(source, original);
        }
    }

    /** The bytes xamal reported uploading to one host (the sum of its "uploaded layer" lines). */
    private static long uploadedBytes(Path log, String host) {
        long sum = 0;
        Matcher m = UPLOADED.matcher(read(log));
        while (m.find()) {
            if (m.group(1).equals(host)) {
                sum += Long.parseLong(m.group(3));
            }
        }
        return sum;
    }

    /** Where the time of one {@code mvn xamal:redeploy} went, from its timestamped log lines. */
    private static String phases(Path log) {
        List<String[]> stamped = new ArrayList<>();
        for (String line : read(log).lines().toList()) {
            Matcher m = STAMPED.matcher(line);
            if (m.matches()) {
                stamped.add(new String[] {m.group(1), m.group(2)});
            }
        }
        StringBuilder out = new StringBuilder();
        LocalTime previous = null;
        for (String[] s : stamped) {
            LocalTime t = LocalTime.parse(s[0], DateTimeFormatter.ofPattern("HH:mm:ss.SSS"));
            long delta = previous == null ? 0 : java.time.Duration.between(previous, t).toMillis();
            if (delta >= 200 || previous == null) {
                out.append(String.format(Locale.ROOT, "    +%5d ms before: %s%n", delta, abbreviate(s[1])));
            }
            previous = t;
        }
        return out.toString();
    }

    private static String abbreviate(String line) {
        return line.length() > 110 ? line.substring(0, 110) + "..." : line;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void log(String line) {
        System.out.println(LocalTime.now().withNano(0) + " " + line);
    }
}
