package dev.xamal.core.orchestration;

import dev.xamal.core.config.Host;
import dev.xamal.core.hooks.Hook;
import dev.xamal.core.hooks.HookRunner;
import dev.xamal.core.hooks.HookVariables;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.function.BooleanSupplier;

/**
 * The hooks of one goal run, with every {@code XAMAL_*} variable filled in from it: the service,
 * version, selected hosts and roles, destination, goal (as command and subcommand), performer,
 * and whether the run holds the deploy lock at the moment the hook runs.
 */
public final class GoalHooks implements DeployHooks {
    private final HookRunner runner;
    private final Run run;
    private final BooleanSupplier lockHeld;

    /**
     * What a goal run tells its hooks.
     *
     * @param service     the service
     * @param version     the version the goal acts on (empty when it has none)
     * @param hosts       the selected hosts
     * @param roles       the selected roles' names
     * @param destination the destination, if any
     * @param goal        the goal, such as {@code deploy} or {@code app-boot}
     * @param performer   who runs it
     */
    public record Run(String service, String version, List<Host> hosts, List<String> roles,
                      Optional<String> destination, String goal, String performer) {
        public Run {
            hosts = List.copyOf(hosts);
            roles = List.copyOf(roles);
        }
    }

    /** @param lockHeld whether the run holds the deploy lock (or runs inside a held one) right now */
    public GoalHooks(HookRunner runner, Run run, BooleanSupplier lockHeld) {
        this.runner = runner;
        this.run = run;
        this.lockHeld = lockHeld;
    }

    /** Runs the hook (if present) for the selected hosts. */
    public void run(Hook hook) {
        runner.run(hook, variables(run.hosts(), Optional.empty()));
    }

    /** Runs the hook for some of the hosts (a group, or the one host of a switch). */
    public void run(Hook hook, List<Host> hosts) {
        runner.run(hook, variables(hosts, Optional.empty()));
    }

    /** Runs the hook with {@code XAMAL_RUNTIME} (post-deploy). */
    public void run(Hook hook, Duration runtime) {
        runner.run(hook, variables(run.hosts(), Optional.of(runtime)));
    }

    /** The variables a hook for these hosts gets now. */
    public HookVariables variables(List<Host> hosts, Optional<Duration> runtime) {
        int dash = run.goal().indexOf('-');
        String command = dash < 0 ? run.goal() : run.goal().substring(0, dash);
        String subcommand = dash < 0 ? "" : run.goal().substring(dash + 1);
        return new HookVariables(run.service(), run.version(), hosts.stream().map(Host::id).toList(), run.roles(),
                run.destination(), command, subcommand, run.performer(), Instant.now(), lockHeld.getAsBoolean(),
                runtime);
    }

    @Override
    public boolean runBeforeBoot() {
        return Stream.of(Hook.PRE_DEPLOY, Hook.PRE_APP_BOOT, Hook.POST_APP_BOOT).anyMatch(runner::present);
    }

    @Override
    public void preDeploy() {
        run(Hook.PRE_DEPLOY);
    }

    @Override
    public void preAppBoot(List<Host> group) {
        run(Hook.PRE_APP_BOOT, group);
    }

    @Override
    public void postAppBoot(List<Host> group) {
        run(Hook.POST_APP_BOOT, group);
    }

    @Override
    public void preCaddyReload(Host host) {
        run(Hook.PRE_CADDY_RELOAD, List.of(host));
    }

    @Override
    public void postCaddyReload(Host host) {
        run(Hook.POST_CADDY_RELOAD, List.of(host));
    }
}
