package bench.ssh;

import bench.lib.Figures;
import dev.xamal.core.config.Host;
import dev.xamal.core.config.SshConfig.HostKeyChecking;
import dev.xamal.core.orchestration.ServerExec;
import dev.xamal.core.output.Output;
import dev.xamal.core.spi.RemoteCommand;
import dev.xamal.core.spi.RemoteHost;
import dev.xamal.ssh.SshOptions;
import dev.xamal.ssh.SshTransport;
import dev.xamal.testhosts.ExecOutput;
import dev.xamal.testhosts.HostGroup;
import dev.xamal.testhosts.HostImages;
import dev.xamal.testhosts.HostsSpec;
import dev.xamal.testhosts.OpenSsh;
import dev.xamal.testhosts.TestHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Times the SSH transport on real test hosts:
 * <ol>
 *   <li>100 small commands on one host through the pooled transport (handshake included) against a
 *       new OpenSSH {@code ssh} process per command;</li>
 *   <li>one command on 8 hosts against the same command on 1 host, each with a fresh transport
 *       (handshakes included), as {@code server-exec} runs it.</li>
 * </ol>
 * Each figure is the median of {@code ROUNDS} rounds. Not a test: timings never gate the build.
 */
public final class SshBench {
    private static final int COMMANDS = 100;
    private static final int HOSTS = 8;
    private static final int ROUNDS = 5;

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("xamal-ssh-bench");
        System.out.println("Starting " + HOSTS + " test hosts...");
        try (HostGroup group = HostGroup.start(HostsSpec.builder(HOSTS).spec(), HostImages.load(), work)) {
            SshOptions options = SshOptions.defaults()
                    .withUser(group.user())
                    .withKeys(List.of(group.keyPath()), List.of(), false)
                    .withSshDirectory(work, false)
                    .withAgentSocket(Optional.empty())
                    .withHostKeys(HostKeyChecking.STRICT, group.knownHostsPath())
                    .withConnection(Duration.ofSeconds(20), HOSTS, Duration.ofSeconds(30), Duration.ZERO, 1,
                            Duration.ZERO);
            List<Host> hosts = group.mappedHosts().stream().map(h -> Host.parse(h.sshAddress())).toList();
            TestHost first = group.mappedHosts().get(0);
            OpenSsh openSsh = OpenSsh.of(group);

            // warm up the JVM and the hosts (first logins, sshd caches) outside the measurement
            poolCommands(options, hosts.get(0), 20);
            openSshCommands(openSsh, first, 5);
            fanOut(options, hosts);

            long pool = Figures.median(ROUNDS, () -> poolCommands(options, hosts.get(0), COMMANDS));
            long perProcess = Figures.median(ROUNDS, () -> openSshCommands(openSsh, first, COMMANDS));
            long oneHost = Figures.median(ROUNDS, () -> fanOut(options, hosts.subList(0, 1)));
            long eightHosts = Figures.median(ROUNDS, () -> fanOut(options, hosts));

            System.out.println("\nLoad average while measuring: " + Figures.loadAverage()
                    + " (on " + Runtime.getRuntime().availableProcessors() + " CPUs)");
            System.out.printf("%d commands on 1 host, pooled transport:      %6d ms%n", COMMANDS, pool);
            System.out.printf("%d commands on 1 host, one ssh process each:  %6d ms%n", COMMANDS, perProcess);
            System.out.printf("  -> pool is %.1fx faster (target >= 5x)%n", (double) perProcess / pool);
            System.out.printf("1 command on 1 host (fresh transport):         %6d ms%n", oneHost);
            System.out.printf("1 command on %d hosts (fresh transport):        %6d ms%n", HOSTS, eightHosts);
            System.out.printf("  -> %d hosts take %.2fx the time of 1 (target <= 1.5x)%n", HOSTS,
                    (double) eightHosts / oneHost);
        } finally {
            deleteTree(work);
        }
    }

    private static long poolCommands(SshOptions options, Host host, int count) {
        long start = System.nanoTime();
        try (SshTransport transport = new SshTransport(options)) {
            RemoteHost remote = transport.open(host);
            for (int i = 0; i < count; i++) {
                require(remote.run("echo " + i).stdout().equals(i + "\n"), "pooled output");
            }
        }
        return Figures.elapsedMillis(start);
    }

    private static long openSshCommands(OpenSsh openSsh, TestHost host, int count) {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            ExecOutput out = openSsh.run(host, "echo " + i);
            require(out.exitCode() == 0 && out.out().strip().equals(String.valueOf(i)), "ssh output " + out);
        }
        return Figures.elapsedMillis(start);
    }

    private static long fanOut(SshOptions options, List<Host> hosts) {
        long start = System.nanoTime();
        try (SshTransport transport = new SshTransport(options)) {
            new ServerExec(transport, SILENT, hosts.size()).run(hosts, RemoteCommand.of("hostname"));
        }
        return Figures.elapsedMillis(start);
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("unexpected " + what);
        }
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        if (!Files.exists(root)) {
            return; // the host group removes its own directory
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static final Output SILENT = new Output() {
        @Override
        public void info(String line) {
        }

        @Override
        public void warn(String line) {
        }

        @Override
        public void error(String line) {
            System.err.println(line);
        }

        @Override
        public void debug(String line) {
        }

        @Override
        public boolean isDebugEnabled() {
            return false;
        }
    };

    private SshBench() {
    }
}
