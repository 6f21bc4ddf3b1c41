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
 * The user's hooks ({@code <hooks_path>/<hook>} of the project) for one goal run, as the
 * {@link DeployHooks} of a deploy: {@code pre-app-boot}/{@code post-app-boot} per boot group with
 * {@code XAMAL_HOSTS} = that group's hosts.
 *
 * @param projectDir the project directory (hooks run there; {@code hooks_path} is relative to it)
 * @param skipHooks  {@code -Dxamal.skipHooks}
 * @param goal       the goal, such as {@code deploy} or {@code app-boot} ({@code XAMAL_COMMAND} is
 *                   its first word, {@code XAMAL_SUBCOMMAND} the rest)
 */
public record ProjectHooks(Path projectDir, boolean skipHooks, String goal) {

    /** The hooks of a deploy of {@code version} to the selected {@code roles}. */
    public DeployHooks forDeploy(XamalConfig config, String version, List<Role> roles, Output output) {
        HookRunner runner = new HookRunner(projectDir, Path.of(config.hooksPath()), skipHooks, output);
        String performer = Performer.describe(projectDir);
        List<String> roleNames = roles.stream().map(Role::name).toList();
        return new DeployHooks() {
            @Override
            public void preAppBoot(List<Host> group) {
                runner.run(Hook.PRE_APP_BOOT, variables(config, version, group, roleNames, performer));
            }

            @Override
            public void postAppBoot(List<Host> group) {
                runner.run(Hook.POST_APP_BOOT, variables(config, version, group, roleNames, performer));
            }
        };
    }

    private HookVariables variables(XamalConfig config, String version, List<Host> hosts, List<String> roles,
                                    String performer) {
        int dash = goal.indexOf('-');
        return new HookVariables(config.service(), version, hosts.stream().map(Host::id).toList(), roles,
                config.destination(), dash < 0 ? goal : goal.substring(0, dash),
                dash < 0 ? "" : goal.substring(dash + 1), performer, Instant.now(), false, Optional.empty());
    }
}
