package dev.xamal.core.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xamal.core.config.Host;
import dev.xamal.core.hooks.HookRunner;
import dev.xamal.core.release.TestOutput;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuditEntryTest {
    private final Instant at = Instant.parse("2026-06-18T15:39:00.123456Z");

    @Test
    void aLineHasTimePerformerAppRoleVersionAndAction() {
        assertThat(new AuditEntry(at, "Jo <jo@example.com>", "shop.staging", Optional.of("web"), Optional.of("abc123"),
                "Booted web version abc123 on port 4001").line())
                .isEqualTo("[2026-06-18T15:39:00.123456Z] [Jo <jo@example.com>] [shop.staging] [web] [abc123]"
                        + " Booted web version abc123 on port 4001");
    }

    @Test
    void fieldsAGoalDoesNotHaveAreLeftOutAndNothingBreaksTheLine() {
        assertThat(new AuditEntry(at, "jo", "shop", Optional.empty(), Optional.empty(), "Stopped\napp").line())
                .isEqualTo("[2026-06-18T15:39:00.123456Z] [jo] [shop] Stopped app");
    }

    @Test
    void lockDetailsNameHolderTimeVersionMessageMachineProcessAndGoal() {
        assertThat(new LockDetails("Jo <jo@example.com>", at, "abc123", "release\nday", "laptop", 4242, "deploy").text())
                .isEqualTo("Locked by: Jo <jo@example.com> at 2026-06-18T15:39:00Z\nVersion: abc123\n"
                        + "Message: release day\nMachine: laptop\nProcess: 4242\nGoal: deploy\n");
    }

    @Test
    void goalHooksFillEveryVariableFromTheRun() {
        Host web1 = Host.parse("web-1");
        GoalHooks hooks = new GoalHooks(new HookRunner(Path.of("."), Path.of(".xamal/hooks"), true, new TestOutput()),
                new GoalHooks.Run("shop", "abc123", List.of(web1, Host.parse("web-2:2202")), List.of("web"),
                        Optional.of("staging"), "app-boot", "Jo"), () -> true);

        Map<String, String> env = hooks.variables(List.of(web1), Optional.of(Duration.ofSeconds(12))).toEnvironment();

        assertThat(env).containsEntry("XAMAL_SERVICE", "shop").containsEntry("XAMAL_VERSION", "abc123")
                .containsEntry("XAMAL_SERVICE_VERSION", "shop@abc123").containsEntry("XAMAL_HOSTS", "web-1")
                .containsEntry("XAMAL_ROLES", "web").containsEntry("XAMAL_DESTINATION", "staging")
                .containsEntry("XAMAL_COMMAND", "app").containsEntry("XAMAL_SUBCOMMAND", "boot")
                .containsEntry("XAMAL_PERFORMER", "Jo").containsEntry("XAMAL_LOCK", "true")
                .containsEntry("XAMAL_RUNTIME", "12").containsKey("XAMAL_RECORDED_AT");
    }
}
