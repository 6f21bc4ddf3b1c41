package dev.xamal.testhosts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;

/**
 * Hosts for the invoker tests, run by the plugin module's build in a forked JVM:
 *
 * <pre>
 * InvokerHosts start &lt;build dir&gt; &lt;images.properties&gt; &lt;ssh&gt;,&lt;http&gt;,&lt;https&gt; ...   (pre-integration-test)
 * InvokerHosts stop  &lt;build dir&gt;                                            (post-integration-test)
 * </pre>
 *
 * {@code start} boots one public host per port triple (h1, h2, ...) on those localhost ports and
 * writes {@code <build dir>/test-hosts.properties}: {@code hosts=h1,h2,h3}, per host
 * {@code <h>.ssh.port}, {@code <h>.http.port}, {@code <h>.https.port}, and {@code user},
 * {@code key}, {@code known_hosts}. The hosts are owned by the Maven process (the launcher's
 * parent), so other runs' sweeps leave them alone while Maven runs. When real hosts are off the file
 * is absent, and the ITs that need hosts skip (their selector script checks for the file).
 * {@code stop} removes the hosts, the key directory and the file.
 */
public final class InvokerHosts {

    static final String PROPERTIES = "test-hosts.properties";
    static final String DIRECTORY = "test-hosts";
    static final String RUN_ID_FILE = "run-id";

    private InvokerHosts() {
    }

    public static void main(String[] args) {
        try {
            if (args.length >= 3 && args[0].equals("start")) {
                boolean started = start(Path.of(args[1]), Path.of(args[2]), Arrays.asList(args).subList(3, args.length));
                System.out.flush();
                if (started) {
                    // Leave the hosts running for the integration tests: skip Testcontainers' JVM
                    // shutdown hook, which would remove them. `stop` (or a sweep) removes them.
                    Runtime.getRuntime().halt(0);
                }
            } else if (args.length == 2 && args[0].equals("stop")) {
                stop(Path.of(args[1]));
            } else {
                throw new IllegalArgumentException("usage: InvokerHosts start <build dir> <images.properties> "
                        + "<ssh>,<http>,<https>... | stop <build dir>");
            }
        } catch (RuntimeException e) {
            System.err.println("[xamal-test-hosts] " + e.getMessage());
            System.exit(1);
        }
    }

    static boolean start(Path buildDir, Path images, List<String> portTriples) {
        Path properties = buildDir.resolve(PROPERTIES);
        Path directory = buildDir.resolve(DIRECTORY);
        LocalFiles.deleteRecursively(properties);
        LocalFiles.deleteRecursively(directory);
        RealHostsPolicy policy = RealHostsPolicy.current();
        if (!policy.enabled()) {
            System.out.println("[xamal-test-hosts] Invoker tests that need hosts will be skipped. "
                    + RealHostsPolicy.SKIP_MESSAGE);
            return false;
        }
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException("Real-host invoker tests are on but no container engine answers; "
                    + RealHostsPolicy.HOW_TO_PROVISION);
        }
        ProcessHandle maven = ProcessHandle.current().parent().orElse(ProcessHandle.current());
        String runId = "invoker-" + UUID.randomUUID();
        HostsSpec.Builder spec = HostsSpec.builder(portTriples.size()).owner(Ownership.of(maven, runId));
        for (String triple : portTriples) {
            int[] ports = Arrays.stream(triple.split(",")).mapToInt(Integer::parseInt).toArray();
            if (ports.length != 3) {
                throw new IllegalArgumentException("Expected <ssh>,<http>,<https> ports, got " + triple);
            }
            spec.fixedPorts(ports[0], ports[1], ports[2]);
        }
        LocalFiles.createDirectories(directory);
        LocalFiles.writeAtomically(directory.resolve(RUN_ID_FILE), runId + "\n");
        HostGroup group = HostGroup.start(spec.spec(), HostImages.load(images), directory);
        LocalFiles.writeAtomically(properties, describe(group));
        System.out.println("[xamal-test-hosts] Started " + group.hosts() + " for the invoker tests; see " + properties);
        return true;
    }

    static String describe(HostGroup group) {
        List<String> lines = new ArrayList<>();
        lines.add("# Test hosts for the invoker tests; each entry reaches the ITs as XAMAL_IT_<KEY>.");
        lines.add("hosts=" + String.join(",", group.mappedHosts().stream().map(TestHost::name).toList()));
        for (TestHost host : group.mappedHosts()) {
            lines.add(host.name() + ".ssh.port=" + host.sshPort());
            lines.add(host.name() + ".http.port=" + host.httpPort());
            lines.add(host.name() + ".https.port=" + host.httpsPort());
        }
        lines.add("user=" + group.user());
        lines.add("key=" + group.keyPath().toAbsolutePath());
        lines.add("known_hosts=" + group.knownHostsPath().toAbsolutePath());
        return String.join("\n", lines) + "\n";
    }

    static void stop(Path buildDir) {
        Path properties = buildDir.resolve(PROPERTIES);
        Path directory = buildDir.resolve(DIRECTORY);
        Path runIdFile = directory.resolve(RUN_ID_FILE);
        if (Files.isRegularFile(runIdFile)) {
            String runId = LocalFiles.read(runIdFile).strip();
            int removed = new LeftoverSweep(DockerClientFactory.instance().client()).removeRun(runId);
            System.out.println("[xamal-test-hosts] Removed " + removed + " invoker test hosts");
        }
        LocalFiles.deleteRecursively(properties);
        LocalFiles.deleteRecursively(directory);
    }
}
