package dev.xamal.core.orchestration;

import dev.xamal.core.EnvironmentException;
import dev.xamal.core.commands.AppLayout;
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
import java.util.Locale;
import java.util.Map;

/**
 * Deploys a built release to hosts, in parallel: on each host deliver the release (platform
 * check, missing layers, assemble), then boot every role the host runs, each with its own env
 * file, and record the switch in the history. Prints one summary line per booted role.
 *
 * <p>Delivery (with the env files of the slots about to boot) finishes on every host before
 * {@link DeployHooks#preDeploy} and the boots. Seams for what comes later: {@code boot.limit}
 * groups replace the single parallel fan-out of the boots; an automatic prune follows it.
 */
public final class Deploy {
    /** What a deploy checks before it touches a host (skipped by redeploy). */
    public enum Checks { PREFLIGHT, NONE }

    private final Transport transport;
    private final Proxy proxy;
    private final Output output;
    private final UploadProgress progress;
    private final DeployHooks hooks;

    public Deploy(Transport transport, Proxy proxy, Output output, UploadProgress progress) {
        this(transport, proxy, output, progress, DeployHooks.NONE);
    }

    /** @param hooks called before the boots and around each host's proxy switch */
    public Deploy(Transport transport, Proxy proxy, Output output, UploadProgress progress, DeployHooks hooks) {
        this.transport = transport;
        this.proxy = proxy;
        this.output = output;
        this.progress = progress;
        this.hooks = hooks;
    }

    /** Uploads and assembles the release on the hosts (build-upload, build-deliver). */
    public List<ReleaseDelivery.Delivered> deliver(XamalConfig config, ReleaseLayers release, List<Host> hosts) {
        FanOut fanOut = new FanOut(config.ssh().maxConcurrentStarts(), FanOut.Mode.REPORT_ALL);
        return fanOut.run(hosts, host -> delivery(config, host).deliver(transport.open(host), release,
                config.release().name())).values();
    }

    /**
     * Delivers and boots the release on the hosts; every host of the selection boots the roles
     * (of {@code roles}) it runs.
     *
     * @param checks {@link Checks#PREFLIGHT} to check first that each host was set up
     */
    public List<Booted> deploy(XamalConfig config, ReleaseLayers release, List<Host> hosts, List<Role> roles,
                               Secrets secrets, Checks checks) {
        String version = release.manifest().version();
        output.info("Deploying " + config.appId() + " " + version + " to " + hosts.size()
                + (hosts.size() == 1 ? " host" : " hosts"));
        FanOut fanOut = new FanOut(config.ssh().maxConcurrentStarts(), FanOut.Mode.REPORT_ALL);
        fanOut.run(hosts, host -> {
            RemoteHost remote = transport.open(host);
            if (checks == Checks.PREFLIGHT) {
                preflight(config, remote, rolesOn(config, host, roles));
            }
            delivery(config, host).deliver(remote, release, config.release().name());
            stageEnvFiles(config, remote, rolesOn(config, host, roles), secrets);
            return host;
        }).values();
        hooks.preDeploy();
        List<List<Booted>> perHost = fanOut.run(hosts, host ->
                boot(config, transport.open(host), version, rolesOn(config, host, roles), secrets)).values();
        List<Booted> booted = perHost.stream().flatMap(List::stream).toList();
        booted.forEach(b -> output.info(summary(b)));
        return booted;
    }

    /** The env files of the slots the proxied roles will boot into, before the pre-deploy hook. */
    private void stageEnvFiles(XamalConfig config, RemoteHost remote, List<Role> roles, Secrets secrets) {
        SlotBoot boot = slotBoot(config, remote.host());
        roles.stream().filter(Role::proxy)
                .forEach(role -> boot.stageEnvFile(remote, role.name(), envFile(role, remote.host(), secrets)));
    }

    private SlotBoot slotBoot(XamalConfig config, Host host) {
        return new SlotBoot(commands(config, host), proxy, config.caddy(), BootSettings.of(config), output, hooks);
    }

    /** One host's roles, primary role first. */
    private List<Booted> boot(XamalConfig config, RemoteHost remote, String version, List<Role> roles,
                              Secrets secrets) {
        SlotBoot boot = slotBoot(config, remote.host());
        List<Booted> booted = new ArrayList<>();
        for (Role role : roles) {
            byte[] env = envFile(role, remote.host(), secrets);
            booted.add(role.proxy() ? boot.bootProxied(remote, role.name(), version, env)
                    : boot.bootPlain(remote, role.name(), version, env));
        }
        return booted;
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
     * {@code mvn xamal:setup} (or {@code server-bootstrap}).
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
    }

    private static List<Role> rolesOn(XamalConfig config, Host host, List<Role> selected) {
        List<Role> ofHost = config.rolesOf(host).stream().filter(selected::contains).toList();
        List<Role> ordered = new ArrayList<>(ofHost.stream().filter(r -> r.name().equals(config.primaryRole())).toList());
        ofHost.stream().filter(r -> !r.name().equals(config.primaryRole())).forEach(ordered::add);
        return ordered;
    }

    private ReleaseDelivery delivery(XamalConfig config, Host host) {
        return new ReleaseDelivery(commands(config, host), output, progress);
    }

    /** The commands for a host: root commands through sudo unless that host's SSH user is root. */
    private static DeployCommands commands(XamalConfig config, Host host) {
        return new DeployCommands(new AppLayout(config.appId()), "root".equals(host.sshUser(config.ssh().user())));
    }

    static String summary(Booted booted) {
        return String.format(Locale.ROOT, "%s %s %s %s in %.1f s%s", booted.host().id(), booted.role(),
                booted.version(), booted.port().isPresent() ? "on port " + booted.port().getAsInt() : "(no proxy)",
                booted.took().toMillis() / 1000.0,
                booted.previousPort().isPresent() ? String.format(Locale.ROOT, " (replaced port %d, drain %.1f s)",
                        booted.previousPort().getAsInt(), booted.drain().toMillis() / 1000.0) : "");
    }
}
