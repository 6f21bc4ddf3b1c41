package dev.xamal.testhosts;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * A started set of test hosts sharing one private network, one client key pair (for {@code deploy}
 * and root) and one known_hosts file that lists every host's fresh host key. {@link #close()}
 * removes the hosts, the network and the key directory.
 */
public final class HostGroup implements AutoCloseable {

    public static final String USER = "deploy";

    private final Map<String, TestHost> hosts;
    private final Network network;
    private final Path directory;
    private final KeyPair clientKey;
    private final Path knownHosts;

    private HostGroup(Map<String, TestHost> hosts, Network network, Path directory, KeyPair clientKey,
                      Path knownHosts) {
        this.hosts = hosts;
        this.network = network;
        this.directory = directory;
        this.clientKey = clientKey;
        this.knownHosts = knownHosts;
    }

    /** Starts every host of {@code spec} in parallel; on any failure removes what did start and throws. */
    public static HostGroup start(HostsSpec spec, HostImages images, Path directory) {
        String image = images.tag(spec.variant());
        DockerClient docker = DockerClientFactory.instance().client();
        if (!imageExists(docker, image)) {
            throw new IllegalStateException("Test host image " + image + " is missing; "
                    + RealHostsPolicy.HOW_TO_PROVISION);
        }
        new LeftoverSweep(docker).removeAbandoned();
        KeyPair clientKey = KeyPair.generate(directory.resolve("id_ed25519"), "xamal-test-hosts");
        Network network = Network.builder()
                .createNetworkCmdModifier(cmd -> cmd.withLabels(spec.owner().labels()))
                .build();
        Map<String, TestHost> started = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(spec.publicNames());
        names.addAll(spec.privateHosts());
        Map<String, TestHost> planned = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            boolean mapped = i < spec.count();
            HostsSpec.FixedPorts ports = mapped && !spec.fixedPorts().isEmpty() ? spec.fixedPorts().get(i) : null;
            KeyPair hostKey = KeyPair.generate(directory.resolve("host_key_" + name), "root@" + name);
            planned.put(name, new TestHost(name, mapped,
                    container(spec, image, name, mapped, ports, network, hostKey, clientKey), hostKey));
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(planned.size(), 4));
        try {
            List<CompletableFuture<Void>> starts = planned.values().stream()
                    .map(host -> CompletableFuture.runAsync(() -> host.container().start(), pool))
                    .toList();
            RuntimeException failure = null;
            for (CompletableFuture<Void> start : starts) {
                try {
                    start.join();
                } catch (CompletionException e) {
                    failure = failure == null ? unwrap(e) : failure;
                }
            }
            planned.values().stream().filter(host -> host.container().getContainerId() != null)
                    .forEach(host -> started.put(host.name(), host));
            if (failure != null) {
                started.values().forEach(host -> host.container().stop());
                network.close();
                throw new IllegalStateException("Test hosts did not start: " + failure.getMessage(), failure);
            }
        } finally {
            pool.shutdown();
        }
        Path knownHosts = directory.resolve("known_hosts");
        LocalFiles.writeAtomically(knownHosts, KnownHostsFile.render(started.values()));
        return new HostGroup(started, network, directory, clientKey, knownHosts);
    }

    private static GenericContainer<?> container(HostsSpec spec, String image, String name, boolean mapped,
                                                 HostsSpec.FixedPorts ports, Network network, KeyPair hostKey,
                                                 KeyPair clientKey) {
        Map<String, String> tmpfs = new HashMap<>(Map.of("/run", "rw", "/run/lock", "rw"));
        // exec: an app directory on a small tmpfs must run its release, as on a real disk.
        spec.tmpfs().forEach((path, size) -> tmpfs.put(path, "rw,exec,size=" + size));
        byte[] authorized = (clientKey.publicKeyLine() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image))
                .withImagePullPolicy(imageName -> false)
                .withCommand("/sbin/init")
                .withEnv("container", "docker")
                .withFileSystemBind("/sys/fs/cgroup", "/sys/fs/cgroup", BindMode.READ_WRITE)
                .withTmpFs(tmpfs)
                .withNetwork(network)
                .withNetworkAliases(name)
                .withLabels(spec.owner().labels())
                .withCopyToContainer(Transferable.of(hostKey.privateKeyBytes(), 0600), "/etc/ssh/ssh_host_ed25519_key")
                .withCopyToContainer(Transferable.of(hostKey.publicKeyLine() + "\n", 0644),
                        "/etc/ssh/ssh_host_ed25519_key.pub")
                .withCopyToContainer(Transferable.of(authorized, 0644), "/home/deploy/.ssh/authorized_keys")
                .withCopyToContainer(Transferable.of(authorized, 0600), "/root/.ssh/authorized_keys")
                .withCreateContainerCmdModifier(cmd -> {
                    cmd.withHostName(name).withStopSignal("SIGRTMIN+3");
                    // Lets TestHost.disconnect() down the host's link from inside.
                    cmd.getHostConfig().withCapAdd(Capability.NET_ADMIN);
                    cmd.getHostConfig().withSysctls(spec.sysctls());
                    if (ports != null) {
                        cmd.getHostConfig().withPortBindings(
                                new PortBinding(Ports.Binding.bindPort(ports.ssh()), ExposedPort.tcp(TestHost.SSH_PORT)),
                                new PortBinding(Ports.Binding.bindPort(ports.http()), ExposedPort.tcp(TestHost.HTTP_PORT)),
                                new PortBinding(Ports.Binding.bindPort(ports.https()), ExposedPort.tcp(TestHost.HTTPS_PORT)));
                    }
                })
                .waitingFor(new SystemRunning(mapped));
        if (mapped) {
            container.withExposedPorts(TestHost.SSH_PORT, TestHost.HTTP_PORT, TestHost.HTTPS_PORT);
        }
        return container;
    }

    private static boolean imageExists(DockerClient docker, String image) {
        try {
            docker.inspectImageCmd(image).exec();
            return true;
        } catch (com.github.dockerjava.api.exception.NotFoundException e) {
            return false;
        }
    }

    private static RuntimeException unwrap(CompletionException e) {
        return e.getCause() instanceof RuntimeException runtime ? runtime : e;
    }

    /** The public hosts (h1..hN) and then the private ones, in order. */
    public List<TestHost> hosts() {
        return List.copyOf(hosts.values());
    }

    /** The public hosts h1..hN only. */
    public List<TestHost> mappedHosts() {
        return hosts.values().stream().filter(TestHost::mapped).toList();
    }

    public TestHost host(String name) {
        TestHost host = hosts.get(name);
        if (host == null) {
            throw new NoSuchElementException("No test host " + name + "; hosts are " + hosts.keySet());
        }
        return host;
    }

    /** The login user on every host; it has passwordless sudo. */
    public String user() {
        return USER;
    }

    /** The private key that logs in as {@code deploy} (and root) on every host. */
    public Path keyPath() {
        return clientKey.privateKey();
    }

    /** Entries {@code [localhost]:<ssh port>} for public hosts and {@code <name>} for every host. */
    public Path knownHostsPath() {
        return knownHosts;
    }

    /** Runs {@code command} on {@code host} as {@code deploy} with the OpenSSH client. */
    public ExecOutput ssh(TestHost host, String command) {
        return OpenSsh.of(this).run(host, command);
    }

    /** Removes the hosts, their network and the key directory. */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (TestHost host : hosts.values()) {
            try {
                host.container().stop();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        try {
            network.close();
        } catch (RuntimeException e) {
            failure = failure == null ? e : failure;
        }
        LocalFiles.deleteRecursively(directory);
        if (failure != null) {
            throw failure;
        }
    }
}
