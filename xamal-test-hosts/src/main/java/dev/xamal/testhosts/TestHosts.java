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

    TestHosts(HostsSpec.Builder spec) {
        this.spec = spec;
    }

    /** {@code count} public hosts from the default image. */
    public static TestHosts start(int count) {
        return builder(count).build();
    }

    /** {@code count} public hosts plus options; {@link HostsSpec.Builder#build()} gives the extension. */
    public static HostsSpec.Builder builder(int count) {
        return HostsSpec.builder(count);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (RealHostsPolicy.current().enabled()) {
            startHosts();
        }
    }

    /** Skips each test on its own when real hosts are off, so the run's skip count includes it. */
    @Override
    public void beforeEach(ExtensionContext context) {
        if (!RealHostsPolicy.current().enabled()) {
            if (SKIP_ANNOUNCED.compareAndSet(false, true)) {
                System.err.println("[xamal-test-hosts] " + RealHostsPolicy.SKIP_MESSAGE);
            }
            Assumptions.abort(RealHostsPolicy.SKIP_MESSAGE);
        }
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
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException("Real-host tests are on (" + (policy.ci() ? "CI=true" : "forced")
                    + ") but no container engine answers; " + RealHostsPolicy.HOW_TO_PROVISION);
        }
        Path directory = LocalFiles.privateTempDirectory();
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
}
