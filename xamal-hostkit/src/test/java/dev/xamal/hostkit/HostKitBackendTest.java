package dev.xamal.hostkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xamal.core.release.Sha256;
import dev.xamal.core.EnvironmentException;
import dev.xamal.core.UsageException;
import dev.xamal.core.config.ConfigLoader;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.spi.DeployBackend;
import dev.xamal.core.spi.ReleaseArtifact;
import dev.xamal.hostkit.task.PlanStamp;
import dev.xamal.hostkit.task.PlanSummary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process contract with HostKit's Mix tasks, against a stand-in {@code mix} on the task's
 * PATH (HostKit needs Hex, which these tests cannot reach): working directory, argv order,
 * environment, exit statuses 0 and 1, the plan file and its summary, the stale-plan refusal, and
 * deploy and rollback through {@link DeployBackend}.
 */
class HostKitBackendTest {
    @TempDir
    Path root;

    private Path project;
    private Path hostKit;
    private Path log;
    private Path bin;
    private final Map<String, String> environment = new HashMap<>();
    private final RecordingOutput output = new RecordingOutput();

    @BeforeEach
    void setUp() throws IOException {
        project = Files.createDirectories(root.resolve("app"));
        hostKit = Files.createDirectories(root.resolve("host_kit"));
        Files.createDirectories(root.resolve("infra"));
        Files.writeString(root.resolve("infra/host.exs"), "use HostKit.DSL\n");
        log = Files.createDirectories(root.resolve("log"));
        bin = Files.createDirectories(root.resolve("bin"));
        Path mix = copy("task/mix", bin.resolve("mix"));
        Files.setPosixFilePermissions(mix, PosixFilePermissions.fromString("rwxr-xr-x"));
        environment.put("PATH", bin + ":/usr/bin:/bin");
        environment.put("STANDIN_LOG", log.toString());
        environment.put("STANDIN_PLAN", copy("task/plan.json", root.resolve("fixture-plan.json")).toString());
        environment.put("STANDIN_DOWN_PLAN", copy("task/down.plan.json", root.resolve("fixture-down.json")).toString());
        environment.put("XAMAL_CONTRACT_MARK", "seen");
        Files.createDirectories(project.resolve("config"));
        Files.writeString(project.resolve("config/xamal.yml"), """
                service: orders
                servers: [app.example.com]
                caddy: {app_port: 8080}
                env:
                  clear: {JAVA_OPTS: -Xmx256m}
                  secret: [DATABASE_URL]
                backend: hostkit
                hostkit:
                  manifest: target/xamal/orders-hostkit.etf
                  host_kit_path: ../host_kit
                  config: ../infra/host.exs
                  plan_out: ../infra/tmp/latest.plan.json
                  args: ["--local", "--sudo"]
                """);
    }

    private XamalConfig config() {
        return ConfigLoader.load(project, "config/xamal.yml", Optional.empty(), Map.of());
    }

    private HostKitBackend backend() {
        return new HostKitBackend(config(), project, environment, output);
    }

    private ReleaseArtifact release(String version) {
        return new ReleaseArtifact("orders", "orders", version,
                project.resolve("target/xamal/orders-" + version + ".tar.gz").toAbsolutePath(), "c".repeat(64), 1234);
    }

    private Path plan() {
        return root.resolve("infra/tmp/latest.plan.json");
    }

    @Test
    void planRunsTheTaskInHostKitPathWithArgsThenOutThenConfigAndSummarisesThePlanFile() throws IOException {
        PlanSummary summary = backend().plan(release("v1"));

        assertThat(argv(1)).containsExactly("host_kit.plan", "--local", "--sudo", "--out", plan().toString(),
                root.resolve("infra/host.exs").toString());
        assertThat(Files.readString(log.resolve("1.cwd")).strip()).isEqualTo(hostKit.toRealPath().toString());
        assertThat(summary.create()).isEqualTo(2);
        assertThat(summary.update()).isEqualTo(1);
        assertThat(summary.delete()).isZero();
        assertThat(summary.noOp()).isEqualTo(1);
        assertThat(output.lines()).containsSubsequence(
                "[hostkit] Compiling 3 files (.ex)",
                "[hostkit] Plan: 2 to create, 1 to update, 0 to delete, 0 read errors, 1 unchanged",
                "[hostkit] done host_kit.plan",
                "INFO Plan " + plan() + ": 2 to create, 1 to update, 0 to delete, 0 read errors, 1 unchanged",
                "INFO   + command.orders_unpack (infra/host.exs:12)",
                "INFO   ~ symlink./opt/shop/orders/current",
                "INFO   + systemd_service.orders (infra/host.exs:9)");
        Path manifest = project.resolve("target/xamal/orders-hostkit.etf");
        assertThat(Files.readAllLines(PlanStamp.path(plan()))).containsExactly(
                Sha256.of(manifest) + "  " + manifest, Sha256.of(plan()) + "  " + plan());
    }

    @Test
    void theTaskGetsTheGivenEnvironmentOverTheBuildsAndNoSecretValue() throws IOException {
        backend().plan(release("v1"));

        List<String> env = Files.readAllLines(log.resolve("1.env"));
        assertThat(env).contains("XAMAL_CONTRACT_MARK=seen", "PATH=" + environment.get("PATH"));
        assertThat(String.join("\n", argv(1))).doesNotContain("DATABASE_URL");
        assertThat(Files.readString(project.resolve("target/xamal/orders-hostkit.json")))
                .contains("\"DATABASE_URL\"").contains("\"PORT\" : \"8080\"");
        assertThat(output.lines()).anyMatch(l -> l.startsWith("WARN env.secret names [DATABASE_URL]"));
    }

    @Test
    void applyRunsTheReviewedPlanWithConfirmAndKeepsItForRollback() throws IOException {
        HostKitBackend backend = backend();
        backend.plan(release("v1"));
        backend.apply();

        assertThat(argv(2)).containsExactly("host_kit.apply", "--local", "--sudo", "--plan", plan().toString(),
                "--confirm", root.resolve("infra/host.exs").toString());
        assertThat(Files.readString(log.resolve("2.cwd")).strip()).isEqualTo(hostKit.toRealPath().toString());
        assertThat(root.resolve("infra/tmp/latest.plan.applied.json")).hasSameBinaryContentAs(plan());
        assertThat(output.lines()).contains("[hostkit] ok command orders_unpack");
    }

    @Test
    void applyRefusesAPlanMadeFromAnotherManifest() {
        HostKitBackend backend = backend();
        backend.plan(release("v1"));
        backend.writeManifest(release("v2"));

        assertThatThrownBy(backend::apply).isInstanceOf(UsageException.class)
                .hasMessageContaining("was made from another manifest")
                .hasMessageContaining("Run mvn xamal:hostkit-plan again");
        assertThat(calls()).isEqualTo(1);
    }

    @Test
    void applyRefusesAPlanChangedAfterReviewAndAMissingPlan() throws IOException {
        HostKitBackend backend = backend();
        assertThatThrownBy(backend::apply).isInstanceOf(UsageException.class)
                .hasMessageContaining("there is no reviewed plan at " + plan());

        backend.plan(release("v1"));
        Files.writeString(plan(), Files.readString(plan()).replace("orders_unpack", "other_unpack"));

        assertThatThrownBy(backend::apply).isInstanceOf(UsageException.class)
                .hasMessageContaining("changed after xamal made it");
        assertThat(calls()).isEqualTo(1);
    }

    @Test
    void exitStatusOneFailsWithTheStatusAndTheOutputsTail() {
        environment.put("STANDIN_FAIL", "host_kit.plan");

        assertThatThrownBy(() -> backend().plan(release("v1"))).isInstanceOf(EnvironmentException.class)
                .hasMessageContaining("mix host_kit.plan --local --sudo --out " + plan())
                .hasMessageContaining("failed with exit status 1")
                .hasMessageContaining("diagnostic line 30")
                .hasMessageContaining("HostKit host_kit.plan failed: ssh connect refused")
                .hasMessageNotContaining("diagnostic line 11\n");
        assertThat(PlanStamp.path(plan())).doesNotExist();
    }

    @Test
    void aFailedApplyKeepsNoAppliedPlan() {
        HostKitBackend backend = backend();
        backend.plan(release("v1"));
        environment.put("STANDIN_FAIL", "host_kit.apply");

        assertThatThrownBy(() -> backend().apply()).isInstanceOf(EnvironmentException.class)
                .hasMessageContaining("exit status 1");
        assertThat(root.resolve("infra/tmp/latest.plan.applied.json")).doesNotExist();
    }

    @Test
    void mixMissingFromPathSaysSo() {
        environment.put("PATH", "/nonexistent");

        assertThatThrownBy(() -> backend().plan(release("v1"))).isInstanceOf(EnvironmentException.class)
                .hasMessageContaining("mix is not on PATH (/nonexistent)");
    }

    @Test
    void deployThroughTheSpiPlansThenApplies() {
        DeployBackend deploy = backend();

        deploy.deploy(release("v1"));

        assertThat(argv(1)).first().isEqualTo("host_kit.plan");
        assertThat(argv(2)).first().isEqualTo("host_kit.apply");
        assertThat(calls()).isEqualTo(2);
    }

    @Test
    void rollbackThroughTheSpiAppliesHostKitsDownPlanOfTheLastAppliedPlan() {
        DeployBackend deploy = backend();
        deploy.deploy(release("v1"));

        deploy.rollback(Optional.empty());

        Path applied = root.resolve("infra/tmp/latest.plan.applied.json");
        Path down = root.resolve("infra/tmp/latest.plan.down.json");
        assertThat(argv(3)).containsExactly("host_kit.down", "--local", "--sudo", "--plan", applied.toString(),
                "--out", down.toString());
        assertThat(argv(4)).containsExactly("host_kit.apply", "--local", "--sudo", "--plan", down.toString(),
                "--confirm", root.resolve("infra/host.exs").toString());
        assertThat(output.lines()).contains("INFO Down plan " + down
                        + ": 0 to create, 1 to update, 1 to delete, 0 read errors, 0 unchanged",
                "INFO   - systemd_service.orders", "WARN HostKit: command orders_unpack cannot be reversed");
    }

    @Test
    void rollbackRefusesAVersionAndNeedsAnAppliedPlan() {
        DeployBackend deploy = backend();

        assertThatThrownBy(() -> deploy.rollback(Optional.of("v0"))).isInstanceOf(UsageException.class)
                .hasMessageContaining("without -Dxamal.version");
        assertThatThrownBy(() -> deploy.rollback(Optional.empty())).isInstanceOf(UsageException.class)
                .hasMessageContaining("nothing to roll back");
        assertThat(calls()).isZero();
    }

    @Test
    void missingHostKitPathIsTheUsersToFix() throws IOException {
        Files.delete(hostKit);

        assertThatThrownBy(() -> backend().plan(release("v1"))).isInstanceOf(UsageException.class)
                .hasMessageContaining("hostkit.host_kit_path in config/xamal.yml is ../host_kit");
    }

    private List<String> argv(int call) {
        try {
            return Files.readAllLines(log.resolve(call + ".argv"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("no call " + call + " of the stand-in", e);
        }
    }

    private long calls() {
        try (var files = Files.list(log)) {
            return files.filter(p -> p.toString().endsWith(".argv")).count();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private Path copy(String resource, Path target) throws IOException {
        try (InputStream in = getClass().getResourceAsStream(resource)) {
            Files.copy(in, target);
        }
        return target;
    }
}
