package dev.xamal.core.orchestration;

import dev.xamal.core.EnvironmentException;
import dev.xamal.core.commands.AppLayout;
import dev.xamal.core.commands.DeliveryState;
import dev.xamal.core.commands.DeployCommands;
import dev.xamal.core.commands.Shell;
import dev.xamal.core.config.EnvConfig;
import dev.xamal.core.config.Host;
import dev.xamal.core.config.Role;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.output.Output;
import dev.xamal.core.release.ReleaseLayers;
import dev.xamal.core.secrets.EnvFileRenderer;
import dev.xamal.core.secrets.Secrets;
import dev.xamal.core.spi.CommandResult;
import dev.xamal.core.spi.Proxy;
import dev.xamal.core.spi.RemoteCommand;
import dev.xamal.core.spi.RemoteHost;
import dev.xamal.core.spi.Transport;
import dev.xamal.core.spi.UploadProgress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Deploys a built release to hosts: first, on every host in parallel, the setup check and the
 * delivery (platform check, missing layers, assemble), so a host that cannot take the release
 * stops the deploy before anything switches anywhere; then the boot, in {@code boot.limit} groups
 * ({@link BootGroups}: hosts of the primary role first, the hosts of a group in parallel,
 * {@code boot.wait} seconds between groups, {@code pre-app-boot}/{@code post-app-boot} around
 * each group). Every host of a group boots the roles it runs, each with its own env file, and
 * records the switch in the history. A failed group stops the later ones, and so does a failed
 * app-boot hook once a group switched; the error says which version each host now runs
 * ({@link StoppedDeploy}). Each host is pruned as soon as it booted
 * (while others may still boot); the deploy ends with a summary table (host, role, version, port,
 * time).
 *
 * <p>Delivery (with the env files of the slots about to boot) finishes on every host before
 * {@link DeployHooks#preDeploy} and the first boot group.
 */
public final class Deploy {
    /** What a deploy checks before it touches a host (skipped by redeploy). */
    public enum Checks { PREFLIGHT, NONE }

    private final Transport transport;
    private final Proxy proxy;
    private final Output output;
    private final UploadProgress progress;
    private final DeployHooks hooks;
    private final Optional<BootAudit> audit;

    public Deploy(Transport transport, Proxy proxy, Output output, UploadProgress progress) {
        this(transport, proxy, output, progress, DeployHooks.NONE);
    }

    /** @param hooks called before the boots, around each boot group and around each host's proxy switch */
    public Deploy(Transport transport, Proxy proxy, Output output, UploadProgress progress, DeployHooks hooks) {
        this(transport, proxy, output, progress, hooks, Optional.empty());
    }

    /**
     * @param hooks called before the boots, around each boot group and around each host's proxy switch
     * @param audit each switch's audit line, written on its host with the switch's record; none when empty
     */
    public Deploy(Transport transport, Proxy proxy, Output output, UploadProgress progress, DeployHooks hooks,
                  Optional<BootAudit> audit) {
        this.transport = transport;
        this.proxy = proxy;
        this.output = output;
        this.progress = progress;
        this.hooks = hooks;
        this.audit = audit;
    }

    /** Uploads and assembles the release on the hosts (build-upload, build-deliver). */
    public List<ReleaseDelivery.Delivered> deliver(XamalConfig config, ReleaseLayers release, List<Host> hosts) {
        FanOut fanOut = new FanOut(config.ssh().maxConcurrentStarts(), FanOut.Mode.REPORT_ALL);
        return fanOut.run(hosts, host -> delivery(config, host).deliver(transport.open(host), release,
                config.release().name())).values();
    }

    /**
     * Delivers the release to every host, then boots it group by group; every host of the
     * selection boots the roles (of {@code roles}) it runs.
     *
     * @param checks {@link Checks#PREFLIGHT} to check first that each host was set up
     */
    public List<Booted> deploy(XamalConfig config, ReleaseLayers release, List<Host> hosts, List<Role> roles,
                               Secrets secrets, Checks checks) {
        String version = release.manifest().version();
        output.info("Deploying " + config.appId() + " " + version + " to " + hosts.size()
                + (hosts.size() == 1 ? " host" : " hosts"));
        Map<Host, Map<Role, byte[]>> envFiles = new LinkedHashMap<>();
        hosts.forEach(host -> envFiles.put(host, envFiles(rolesOn(config, host, roles), host, secrets)));

        boolean hooksBeforeBoot = hooks.runBeforeBoot();
        FanOut fanOut = new FanOut(config.ssh().maxConcurrentStarts(), FanOut.Mode.REPORT_ALL);
        List<DeliveryState> states = fanOut.run(hosts, host -> {
            RemoteHost remote = transport.open(host);
            if (checks == Checks.PREFLIGHT) {
                preflight(config, remote, rolesOn(config, host, roles));
            }
            DeliveryState state = delivery(config, host).deliver(remote, release, config.release().name()).state();
            if (hooksBeforeBoot) {
                stageEnvFiles(config, remote, rolesOn(config, host, roles), envFiles.get(host), state.activePort());
            }
            return state;
        }).values();
        Map<Host, String> before = byHost(hosts, states.stream().map(DeliveryState::runningVersion).toList());
        Map<Host, String> slots = hooksBeforeBoot ? Map.of() : byHost(hosts, states.stream().map(DeliveryState::slots).toList());

        hooks.preDeploy();
        Map<Host, String> versions = new LinkedHashMap<>();
        hosts.forEach(host -> versions.put(host, version));
        List<Booted> booted = bootInGroups(config, versions, before, slots, roles, envFiles, HistoryEntry.DEPLOY,
                Optional.of(new Prune(transport, output)));
        output.info("Deployed " + config.appId() + " " + version + ":");
        DeploySummary.lines(booted).forEach(output::info);
        return booted;
    }

    /**
     * Boots releases already complete on the hosts (rollback, app-boot): each host the version
     * {@code versions} gives it, in {@code boot.limit} groups through the same per-host boot as a
     * deploy (each role's env file rendered from the current configuration and secrets), the
     * switches recorded as {@code action}. Ends with the summary table.
     */
    public List<Booted> bootReleased(XamalConfig config, Map<Host, String> versions, List<Role> roles, Secrets secrets,
                                     String action) {
        List<Host> hosts = List.copyOf(versions.keySet());
        Map<Host, Map<Role, byte[]>> envFiles = new LinkedHashMap<>();
        hosts.forEach(host -> envFiles.put(host, envFiles(rolesOn(config, host, roles), host, secrets)));
        FanOut fanOut = new FanOut(config.ssh().maxConcurrentStarts(), FanOut.Mode.REPORT_ALL);
        List<String> running = fanOut.run(hosts, host -> runningVersion(config, transport.open(host))).values();
        Map<Host, String> before = byHost(hosts, running);
        List<Booted> booted = bootInGroups(config, versions, before, Map.of(), roles, envFiles, action, Optional.empty());
        output.info("Booted " + config.appId() + " (" + action + "):");
        DeploySummary.lines(booted).forEach(output::info);
        return booted;
    }

    /**
     * Boots each host's version in {@code boot.limit} groups: primary role's hosts first, the
     * hosts of a group in parallel, {@code boot.wait} between groups, the app-boot hooks around
     * each group. A failed group stops the later ones with the host-by-host state. With a
     * {@code prune}, each host is pruned as soon as its roles booted, while others still boot.
     *
     * @param slots each host's active port and maintenance state as the delivery read them, for
     *              the hosts where nothing can have changed them since; the others read them again
     */
    private List<Booted> bootInGroups(XamalConfig config, Map<Host, String> versions, Map<Host, String> before,
                                      Map<Host, String> slots, List<Role> roles, Map<Host, Map<Role, byte[]>> envFiles,
                                      String action, Optional<Prune> prune) {
        FanOut fanOut = new FanOut(config.ssh().maxConcurrentStarts(), FanOut.Mode.REPORT_ALL);
        String version = versions.values().stream().distinct().collect(Collectors.joining(", "));
        List<List<Host>> groups = BootGroups.of(config, List.copyOf(versions.keySet()));
        List<Booted> booted = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            List<Host> group = groups.get(g);
            if (g > 0) {
                waitBetweenGroups(config);
            }
            if (groups.size() > 1) {
                output.info("Booting group " + (g + 1) + " of " + groups.size() + ": "
                        + group.stream().map(Host::id).collect(Collectors.joining(", ")));
            }
            try {
                hooks.preAppBoot(group);
            } catch (RuntimeException e) {
                if (g == 0) {
                    throw e; // nothing booted yet: the hook's own error says it all
                }
                throw switchedBefore(config, version, before, groups, g).preAppBootFailed(g + 1, groups.size(), e);
            }
            FanOutResult<Host, List<Booted>> result = fanOut.run(group, host -> {
                RemoteHost remote = transport.open(host);
                List<Booted> hostBooted = boot(config, remote, versions.get(host), rolesOn(config, host, roles),
                        envFiles.get(host), action, Optional.ofNullable(slots.get(host)));
                prune.ifPresent(p -> p.afterBoot(config, remote, hostBooted.isEmpty() ? Optional.empty()
                        : hostBooted.get(hostBooted.size() - 1).appState()));
                return hostBooted;
            });
            if (!result.allSucceeded()) {
                throw stopped(config, version, before, groups, g, result);
            }
            booted.addAll(result.values().stream().flatMap(List::stream).toList());
            try {
                hooks.postAppBoot(group);
            } catch (RuntimeException e) {
                throw switchedBefore(config, version, before, groups, g + 1).postAppBootFailed(g + 1, groups.size(), e);
            }
        }
        return booted;
    }

    /** The values of a fan-out, in its hosts' order, by host. */
    private static Map<Host, String> byHost(List<Host> hosts, List<String> values) {
        Map<Host, String> byHost = new LinkedHashMap<>();
        for (int i = 0; i < hosts.size(); i++) {
            byHost.put(hosts.get(i), values.get(i));
        }
        return byHost;
    }

    /**
     * A stopped deploy whose first {@code switched} groups switched and whose later groups were
     * not booted.
     */
    private static StoppedDeploy switchedBefore(XamalConfig config, String version, Map<Host, String> before,
                                                List<List<Host>> groups, int switched) {
        StoppedDeploy stopped = new StoppedDeploy(config.appId(), version, before);
        groups.subList(0, switched).forEach(group -> group.forEach(stopped::switched));
        groups.subList(switched, groups.size()).forEach(group -> group.forEach(stopped::notBooted));
        return stopped;
    }

    private static EnvironmentException stopped(XamalConfig config, String version, Map<Host, String> before,
                                                List<List<Host>> groups, int failedGroup,
                                                FanOutResult<Host, List<Booted>> result) {
        StoppedDeploy stopped = new StoppedDeploy(config.appId(), version, before);
        groups.subList(0, failedGroup).forEach(group -> group.forEach(stopped::switched));
        for (TargetOutcome<Host, List<Booted>> outcome : result.outcomes()) {
            switch (outcome.status()) {
                case SUCCEEDED -> stopped.switched(outcome.target());
                case NOT_RUN -> stopped.notBooted(outcome.target());
                case FAILED -> {
                    RuntimeException failure = outcome.failure().orElseThrow();
                    List<String> switchedRoles = failure instanceof RoleBootFailure partial ? partial.switchedRoles
                            : List.of();
                    stopped.failed(outcome.target(), failure instanceof RoleBootFailure partial
                            ? partial.cause() : failure, switchedRoles);
                }
            }
        }
        groups.subList(failedGroup + 1, groups.size()).forEach(group -> group.forEach(stopped::notBooted));
        return stopped.exception(failedGroup + 1, groups.size());
    }

    private void waitBetweenGroups(XamalConfig config) {
        int seconds = config.boot().waitSeconds();
        if (seconds <= 0) {
            return;
        }
        output.info("Waiting " + seconds + " s before the next group (boot.wait)");
        try {
            Thread.sleep(seconds * 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentException("interrupted while waiting between boot groups", e);
        }
    }

    /** The version {@code current} points at on the host, empty before the first switch. */
    private static String runningVersion(XamalConfig config, RemoteHost remote) {
        return DeployCommands.currentVersion(remote.run(commands(config, remote.host()).readCurrent()).stdout());
    }

    /**
     * The env files of the slots the proxied roles will boot into (the idle port's, given the
     * active port the host printed), before the pre-deploy hook.
     */
    private void stageEnvFiles(XamalConfig config, RemoteHost remote, List<Role> roles, Map<Role, byte[]> envFiles,
                               String activePort) {
        SlotBoot boot = slotBoot(config, remote.host());
        roles.stream().filter(Role::proxy)
                .forEach(role -> boot.stageEnvFile(remote, role.name(), envFiles.get(role), activePort));
    }

    private SlotBoot slotBoot(XamalConfig config, Host host) {
        return new SlotBoot(commands(config, host), proxy, config.caddy(), BootSettings.of(config), output, hooks, audit);
    }

    /**
     * One host's roles, primary role first; a failure after a role switched says which did.
     *
     * @param slots the host's active port and maintenance state, when known (for its one proxied role)
     */
    private List<Booted> boot(XamalConfig config, RemoteHost remote, String version, List<Role> roles,
                              Map<Role, byte[]> envFiles, String action, Optional<String> slots) {
        SlotBoot boot = slotBoot(config, remote.host());
        List<Booted> booted = new ArrayList<>();
        for (Role role : roles) {
            byte[] env = envFiles.get(role);
            try {
                booted.add(role.proxy() ? boot.bootProxied(remote, role.name(), version, env, action, slots)
                        : boot.bootPlain(remote, role.name(), version, env, action));
            } catch (RuntimeException e) {
                if (booted.isEmpty()) {
                    throw e;
                }
                throw new RoleBootFailure(booted.stream().map(Booted::role).toList(), e);
            }
        }
        return booted;
    }

    /** A host's boot that failed after some of its roles had switched. */
    private static final class RoleBootFailure extends EnvironmentException {
        private static final long serialVersionUID = 1L;
        private final transient List<String> switchedRoles;

        RoleBootFailure(List<String> switchedRoles, RuntimeException cause) {
            super(cause.getMessage() + " (already switched on this host: " + String.join(", ", switchedRoles) + ")",
                    cause);
            this.switchedRoles = List.copyOf(switchedRoles);
        }

        RuntimeException cause() {
            return (RuntimeException) getCause();
        }
    }

    /** The env files of a host's roles, rendered before any host is touched (a missing secret changes nothing). */
    private static Map<Role, byte[]> envFiles(List<Role> roles, Host host, Secrets secrets) {
        Map<Role, byte[]> files = new LinkedHashMap<>();
        roles.forEach(role -> files.put(role, envFile(role, host, secrets)));
        return files;
    }

    /** The env file of a role on a host: its clear values, then its secrets, rendered for systemd. */
    static byte[] envFile(Role role, Host host, Secrets secrets) {
        EnvConfig env = role.envFor(host);
        Map<String, String> variables = new LinkedHashMap<>(env.clear());
        variables.putAll(secrets.resolve(env.secret()));
        return EnvFileRenderer.render(variables);
    }

    /**
     * What deploy checks and redeploy skips: the app's directory exists and is writable, each
     * role's unit is installed, and Caddy runs where a role is proxied; otherwise the host needs
     * {@code mvn xamal:setup} (or {@code server-bootstrap}). Then that {@code sudo -n} allows every
     * command xamal runs as root there, so a host whose sudo wants a password fails before its
     * release is delivered.
     */
    private void preflight(XamalConfig config, RemoteHost remote, List<Role> roles) {
        AppLayout layout = new AppLayout(config.appId());
        List<String> checks = new ArrayList<>();
        checks.add("test -w " + Shell.quote(layout.root()) + " || echo " + Shell.quote(layout.root()
                + " is missing or not writable"));
        for (Role role : roles) {
            String unit = AppLayout.unitPath(role.proxy() ? layout.templateUnitName(role.name())
                    : layout.plainUnitName(role.name()));
            checks.add("test -f " + Shell.quote(unit) + " || echo " + Shell.quote(unit + " is not installed"));
        }
        if (roles.stream().anyMatch(Role::proxy)) {
            checks.add("systemctl is-active --quiet caddy || echo 'caddy is not running'");
        }
        CommandResult result = remote.exec(RemoteCommand.of(String.join("; ", checks)));
        String problems = result.stdout().strip();
        if (!result.succeeded() || !problems.isEmpty()) {
            throw new EnvironmentException("host " + remote.host().id() + " is not set up for " + config.appId()
                    + ": " + (problems.isEmpty() ? result.outputTail() : problems.replace('\n', ';'))
                    + "; run mvn xamal:setup (or mvn xamal:server-bootstrap) first");
        }
        new ServerBootstrap(transport, proxy, output).checkSudo(config, remote);
    }

    static List<Role> rolesOn(XamalConfig config, Host host, List<Role> selected) {
        List<Role> ofHost = config.rolesOf(host).stream().filter(selected::contains).toList();
        List<Role> ordered = new ArrayList<>(ofHost.stream().filter(r -> r.name().equals(config.primaryRole())).toList());
        ofHost.stream().filter(r -> !r.name().equals(config.primaryRole())).forEach(ordered::add);
        return ordered;
    }

    private ReleaseDelivery delivery(XamalConfig config, Host host) {
        return new ReleaseDelivery(commands(config, host), output, progress);
    }

    /** The commands for a host: root commands through sudo unless that host's SSH user is root. */
    static DeployCommands commands(XamalConfig config, Host host) {
        return new DeployCommands(new AppLayout(config.appId()), "root".equals(host.sshUser(config.ssh().user())));
    }
}
