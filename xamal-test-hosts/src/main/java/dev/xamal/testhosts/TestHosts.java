package dev.xamal.testhosts;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * JUnit 5 extension that starts real test hosts for a test class:
 *
 * <pre>{@code
 * @RegisterExtension
 * static TestHosts hosts = TestHosts.start(3);
 *
 * @RegisterExtension
 * static TestHosts jump = TestHosts.builder(1).privateHost("internal").tmpfs("/srv/small", "8m").build();
 * }</pre>
 *
 * As a static field the hosts live for the whole class; as an instance field, for each test. They
 * are removed afterwards, also when a test fails. Under {@code CI=true}, {@code -Dxamal.realHosts=true}
 * or {@code XAMAL_REAL_HOSTS=true} a missing engine or image fails the tests; elsewhere they are
 * skipped with {@link RealHostsPolicy#SKIP_MESSAGE}.
 */
public final class TestHosts implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private static final AtomicBoolean SKIP_ANNOUNCED = new AtomicBoolean();

    private final HostsSpec.Builder spec;
    private HostGroup group;
    private boolean perTest;

    private TestHosts(HostsSpec.Builder spec) {
        this.spec = spec;
    }

    /** {@code count} public hosts from the default image. */
    public static TestHosts start(int count) {
        return builder(count).build();
    }

    public static Builder builder(int count) {
        return new Builder(HostsSpec.builder(count));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        startHosts();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (group == null) {
            perTest = true;
            startHosts();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perTest) {
            stopHosts();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stopHosts();
    }

    private void startHosts() {
        RealHostsPolicy policy = RealHostsPolicy.current();
        if (!policy.enabled()) {
            if (SKIP_ANNOUNCED.compareAndSet(false, true)) {
                System.err.println("[xamal-test-hosts] " + RealHostsPolicy.SKIP_MESSAGE);
            }
            Assumptions.abort(RealHostsPolicy.SKIP_MESSAGE);
        }
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException("Real-host tests are on (" + (policy.ci() ? "CI=true" : "forced")
                    + ") but no container engine answers; " + RealHostsPolicy.HOW_TO_PROVISION);
        }
        Path directory = HostGroup.newDirectory();
        group = HostGroup.start(spec.spec(), HostImages.load(), directory);
    }

    private void stopHosts() {
        if (group != null) {
            try {
                group.close();
            } finally {
                group = null;
            }
        }
    }

    private HostGroup group() {
        if (group == null) {
            throw new IllegalStateException("The test hosts are not running (used outside a test?)");
        }
        return group;
    }

    /** Public hosts (h1..hN), then private ones. */
    public List<TestHost> hosts() {
        return group().hosts();
    }

    /** Public host i, 1-based: {@code host(1)} is h1. */
    public TestHost host(int index) {
        return group().host("h" + index);
    }

    public TestHost host(String name) {
        return group().host(name);
    }

    public String user() {
        return group().user();
    }

    public Path keyPath() {
        return group().keyPath();
    }

    public Path knownHostsPath() {
        return group().knownHostsPath();
    }

    /** Runs a command on a public host as {@code deploy} with OpenSSH (strict host key checking). */
    public ExecOutput ssh(TestHost host, String command) {
        return group().ssh(host, command);
    }

    /** Runs a command on {@code target} as {@code deploy} through {@code jump} with OpenSSH. */
    public ExecOutput sshVia(TestHost jump, TestHost target, String command) {
        return OpenSsh.of(group()).runVia(jump, target, command);
    }

    /** Options; {@link #build()} gives the extension. */
    public static final class Builder {
        private final HostsSpec.Builder spec;

        private Builder(HostsSpec.Builder spec) {
            this.spec = spec;
        }

        public Builder variant(ImageVariant variant) {
            spec.variant(variant);
            return this;
        }

        /** A host with no mapped ports, reachable from the other hosts as {@code name} (port 22, 80, 443). */
        public Builder privateHost(String name) {
            spec.privateHost(name);
            return this;
        }

        /** A tmpfs of {@code size} (e.g. {@code 8m}) at {@code path} on every host. */
        public Builder tmpfs(String path, String size) {
            spec.tmpfs(path, size);
            return this;
        }

        public TestHosts build() {
            spec.spec();
            return new TestHosts(spec);
        }
    }
}
