package dev.xamal.caddy;

import dev.xamal.core.EnvironmentException;
import dev.xamal.core.UsageException;
import dev.xamal.core.commands.AppLayout;
import dev.xamal.core.commands.HttpRequest;
import dev.xamal.core.commands.Privileged;
import dev.xamal.core.config.Host;
import dev.xamal.core.orchestration.HostIdentity;
import dev.xamal.core.spi.CommandResult;
import dev.xamal.core.spi.Proxy;
import dev.xamal.core.spi.ProxyPreparation;
import dev.xamal.core.spi.ProxySite;
import dev.xamal.core.spi.RemoteCommand;
import dev.xamal.core.spi.RemoteCommandException;
import dev.xamal.core.spi.RemoteHost;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The proxy of the apps on a host: Debian's Caddy package, its {@code /etc/caddy/Caddyfile}
 * importing every app's site file ({@code /opt/xamal/<app>/Caddyfile}). Every change loads the
 * whole system configuration through Caddy's admin endpoint, where Caddy reads it as its own user
 * and validates it before it replaces the running one, so one app's change never drops another
 * app's site; a change Caddy refuses is rolled back.
 */
public final class CaddyProxy implements Proxy {
    /** The line a site change prints once it is made, before what runs after it ({@link #routeThen}). */
    static final String CHANGED = "--xamal-site-changed--";

    static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);

    private final Map<Host, Boolean> rootByHost = new ConcurrentHashMap<>();

    @Override
    public ProxyPreparation prepare(RemoteHost host) {
        List<String> changes = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (!host.exec(RemoteCommand.of(CaddyCommands.version())).succeeded()) {
            install(host);
            changes.add("installed Caddy " + host.run(CaddyCommands.version()).stdout().strip().split("\\s+")[0]
                    + " (apt-get install -y caddy)");
        }
        String existing = host.run(CaddyCommands.readSystemCaddyfile()).stdout();
        SystemCaddyfile.Merge merge = SystemCaddyfile.merge(existing);
        if (merge.changed()) {
            host.run(RemoteCommand.of(privileged(host, CaddyCommands.writeSystemCaddyfile()) + " >/dev/null")
                    .withStdin(merge.content().getBytes(StandardCharsets.UTF_8)));
            changes.add("wrote " + RemotePaths.SYSTEM_CADDYFILE + " to import every app's site ("
                    + SystemCaddyfile.IMPORT_LINE + ")");
        }
        List<String> state = host.run(CaddyCommands.serviceState()).stdout().lines().map(String::strip).toList();
        boolean running = state.equals(List.of("enabled", "active"));
        if (!running) {
            host.run(privileged(host, CaddyCommands.enableAndStart()));
            changes.add("enabled and started " + CaddyCommands.SERVICE);
        } else if (merge.changed()) {
            load(host, "the new " + RemotePaths.SYSTEM_CADDYFILE);
        }
        keepQueuedConnections(host, changes, warnings);
        return new ProxyPreparation(changes, warnings);
    }

    /**
     * Turns on {@value QueuedConnections#SETTING} for every boot and the running kernel, so a
     * reload resets no connection; warns when the running kernel lacks it or refuses the change.
     */
    private void keepQueuedConnections(RemoteHost host, List<String> changes, List<String> warnings) {
        QueuedConnections.State state = QueuedConnections.parse(host.run(QueuedConnections.read()).stdout());
        if (!state.fileCurrent()) {
            host.run(RemoteCommand.of(privileged(host, QueuedConnections.writeFile()) + " >/dev/null")
                    .withStdin(QueuedConnections.FILE_CONTENT.getBytes(StandardCharsets.UTF_8)));
            changes.add("wrote " + QueuedConnections.SYSCTL_FILE + " (" + QueuedConnections.SETTING
                    + " = 1 at every boot: a Caddy reload hands queued connections to its new socket)");
        }
        String risk = "until it is on, a Caddy reload on this host may reset a connection that arrives while Caddy"
                + " swaps its listening socket";
        if (state.running().isEmpty()) {
            warnings.add("the kernel (Linux " + state.kernel() + ") has no " + QueuedConnections.SETTING
                    + " (Linux 5.14 and later have it): " + risk + "; a newer kernel removes the risk");
        } else if (!state.on()) {
            String turnOn = privileged(host, QueuedConnections.turnOn());
            CommandResult turned = host.exec(RemoteCommand.of(turnOn + " >/dev/null")
                    .withStdin("1\n".getBytes(StandardCharsets.UTF_8)));
            if (turned.succeeded()) {
                changes.add("turned on " + QueuedConnections.SETTING + " (was " + state.running().get() + ")");
            } else {
                warnings.add("could not turn on " + QueuedConnections.SETTING + " (" + turnOn + " exited "
                        + turned.exitStatus() + ": " + turned.outputTail().strip() + "): " + risk + ". "
                        + QueuedConnections.SYSCTL_FILE + " turns it on at the next boot; to turn it on now, run"
                        + " sysctl -w " + QueuedConnections.SETTING + "=1 as root on the host (a container's"
                        + " /proc/sys is read-only: start the container with --sysctl " + QueuedConnections.SETTING
                        + "=1)");
            }
        }
    }

    @Override
    public void route(RemoteHost host, ProxySite site) {
        replaceSite(host, site.appId(), Optional.of(SiteRenderer.render(site)), Optional.empty());
    }

    /** The site change and {@code then} in one command: {@code then} runs after a {@link #CHANGED} line. */
    @Override
    public CommandResult routeThen(RemoteHost host, ProxySite site, String then) {
        CommandResult result = replaceSite(host, site.appId(), Optional.of(SiteRenderer.render(site)), Optional.of(then));
        return new CommandResult(result.exitStatus(), result.stdout().substring(afterChanged(result.stdout())),
                result.stderr());
    }

    /** Where what follows the {@link #CHANGED} line starts in {@code out}; -1 when the line is missing. */
    private static int afterChanged(String out) {
        if (out.startsWith(CHANGED + "\n")) {
            return CHANGED.length() + 1;
        }
        int at = out.indexOf("\n" + CHANGED + "\n");
        return at < 0 ? -1 : at + CHANGED.length() + 2;
    }

    @Override
    public void checkSite(RemoteHost host, ProxySite site) {
        SiteAddresses.clash(site, host.run(SiteAddresses.listOthers(site.appId())).stdout()).ifPresent(clash -> {
            throw new UsageException(site.appId() + "'s site would answer for " + String.join(", ", clash.addresses())
                    + " on " + host.host().id() + ", but the app " + clash.otherApp() + " there already does; give each"
                    + " app on a host its own caddy.host (e.g. " + site.appId().replace('.', '-') + ".example.com)");
        });
    }

    @Override
    public String inFlightQuery() {
        return CaddyCommands.upstreams() + " </dev/null";
    }

    @Override
    public OptionalInt inFlight(String printed, int port) {
        return UpstreamLoad.parse(HttpRequest.body(printed)).inFlight(port).map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    @Override
    public void remove(RemoteHost host, String appId) {
        replaceSite(host, appId, Optional.empty(), Optional.empty());
    }

    @Override
    public List<Privileged> privilegedCommands() {
        return CaddyCommands.privileged();
    }

    /**
     * Puts {@code content} in the app's site file (or removes it) and loads the configuration, in
     * one round trip; on a failure the host puts the previous file back (Caddy keeps its last good
     * configuration). Once the change is made, the host prints a {@link #CHANGED} line and runs
     * {@code then}, when given; its result is returned whatever its exit status.
     */
    private CommandResult replaceSite(RemoteHost host, String appId, Optional<String> content, Optional<String> then) {
        String path = new AppLayout(appId).siteFile();
        RemoteCommand change = RemoteCommand.of(CaddyCommands.changeSite(path, content.isPresent())
                + then.map(next -> "; echo " + CHANGED + "; " + next).orElse(""));
        CommandResult result = host.exec(content.map(c -> change.withStdin(c.getBytes(StandardCharsets.UTF_8)))
                .orElse(change));
        if (then.isPresent() ? afterChanged(result.stdout()) >= 0 : result.succeeded()) {
            return result;
        }
        SiteChangeFailure failure = SiteChangeFailure.parse(result);
        String what = appId + "'s site";
        EnvironmentException cause = switch (failure.step()) {
            case "load" -> refused(host, "Caddy refused " + what, CaddyCommands.LOAD_DESCRIPTION, failure.result());
            case "write" -> refused(host, "Could not write " + path, "the site change of " + appId, failure.result());
            // Ended without saying which step failed (killed): whether the file was put back is unknown.
            default -> throw refused(host, "The change of " + what + " did not finish (check " + path
                    + " against what Caddy serves)", "the site change of " + appId, failure.result());
        };
        throw new EnvironmentException(cause.getMessage() + "\nThe previous site file " + path
                + " was put back; Caddy keeps serving its last good configuration.", cause);
    }

    private void load(RemoteHost host, String what) {
        CommandResult loaded = host.exec(RemoteCommand.of(CaddyCommands.load()));
        if (!loaded.succeeded()) {
            throw refused(host, "Caddy refused " + what, CaddyCommands.LOAD_DESCRIPTION, loaded);
        }
    }

    private static EnvironmentException refused(RemoteHost host, String what, String command, CommandResult result) {
        RemoteCommandException cause = new RemoteCommandException(host.host(), command, result);
        return new EnvironmentException(what + " on " + host.host().id() + ". " + cause.getMessage(), cause);
    }

    private void install(RemoteHost host) {
        String install = privileged(host, CaddyCommands.install());
        CommandResult first = host.exec(RemoteCommand.of(install).withTimeout(INSTALL_TIMEOUT));
        if (first.succeeded()) {
            return;
        }
        // Fresh cloud images often ship without package lists.
        host.run(RemoteCommand.of(privileged(host, CaddyCommands.updatePackageLists())).withTimeout(INSTALL_TIMEOUT));
        host.run(RemoteCommand.of(install).withTimeout(INSTALL_TIMEOUT));
    }

    private String privileged(RemoteHost host, Privileged command) {
        boolean root = rootByHost.computeIfAbsent(host.host(), h -> HostIdentity.probe(host).root());
        return command.line(root);
    }
}
