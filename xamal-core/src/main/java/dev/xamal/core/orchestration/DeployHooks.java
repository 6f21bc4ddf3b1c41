package dev.xamal.core.orchestration;

import dev.xamal.core.config.Host;
import dev.xamal.core.config.Role;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.hooks.Hook;
import dev.xamal.core.hooks.HookRunner;
import dev.xamal.core.hooks.HookVariables;
import dev.xamal.core.hooks.Performer;
import dev.xamal.core.output.Output;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The hooks a goal that acts on servers fires while it deploys or boots ({@code pre-app-boot} and
 * {@code post-app-boot} per boot group), run from the project directory with the goal's
 * {@code XAMAL_*} variables; {@link #none()} fires nothing.
 *
 * @param projectDir the project directory (hooks run there; {@code hooks_path} is relative to it);
 *                   empty for {@link #none()}
 * @param skipHooks  {@code -Dxamal.skipHooks}
 * @param goal       the goal, such as {@code deploy} or {@code app-boot} ({@code XAMAL_COMMAND} and
 *                   {@code XAMAL_SUBCOMMAND} come from it)
 */
public record DeployHooks(Optional<Path> projectDir, boolean skipHooks, String goal) {

    /** The hooks of a goal run in a project. */
    public static DeployHooks of(Path projectDir, boolean skipHooks, String goal) {
        return new DeployHooks(Optional.of(projectDir), skipHooks, goal);
    }

    /** No hooks at all (core callers that run no goal). */
    public static DeployHooks none() {
        return new DeployHooks(Optional.empty(), true, "deploy");
    }

    /** Runs the hook, if the project has it, for these hosts and roles; a failing hook throws. */
    public void run(Hook hook, XamalConfig config, Output output, String version, List<Host> hosts, List<Role> roles) {
        if (projectDir.isEmpty()) {
            return;
        }
        Path dir = projectDir.get();
        new HookRunner(dir, Path.of(config.hooksPath()), skipHooks, output).run(hook, new HookVariables(
                config.service(), version, hosts.stream().map(Host::id).toList(), roles.stream().map(Role::name).toList(),
                config.destination(), command(), subcommand(), Performer.describe(dir), Instant.now(), false,
                Optional.empty()));
    }

    /** {@code XAMAL_COMMAND}: the goal's first word ({@code app} for {@code app-boot}). */
    String command() {
        int dash = goal.indexOf('-');
        return dash < 0 ? goal : goal.substring(0, dash);
    }

    /** {@code XAMAL_SUBCOMMAND}: the goal after its first word ({@code boot} for {@code app-boot}), else empty. */
    String subcommand() {
        int dash = goal.indexOf('-');
        return dash < 0 ? "" : goal.substring(dash + 1);
    }
}
