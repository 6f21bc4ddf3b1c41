package dev.xamal.core.orchestration;

import dev.xamal.core.commands.AppLayout;
import dev.xamal.core.commands.AppPrivileges;
import dev.xamal.core.commands.AppStateCommands;
import dev.xamal.core.commands.UnitCommands;
import dev.xamal.core.commands.UnitCommands.Verb;
import dev.xamal.core.config.Host;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.output.Output;
import dev.xamal.core.spi.Proxy;
import dev.xamal.core.spi.RemoteHost;
import dev.xamal.core.spi.Transport;
import java.util.List;

/**
 * Removes an app from hosts, in parallel: its site (the proxy reloads, other apps keep serving),
 * then its units (stopped, disabled, unit files deleted, systemd reloaded) and its directory
 * ({@code /opt/xamal/<app>}: releases, layers, env files, state). The audit log in the SSH
 * user's {@code ~/.xamal} stays. A host where the app never was is left as it is.
 */
public final class AppRemoval {
    private final Transport transport;
    private final Proxy proxy;
    private final Output output;

    public AppRemoval(Transport transport, Proxy proxy, Output output) {
        this.transport = transport;
        this.proxy = proxy;
        this.output = output;
    }

    public void remove(XamalConfig config, List<Host> hosts) {
        output.info("Removing " + config.appId() + " from " + hosts.size() + (hosts.size() == 1 ? " host" : " hosts"));
        new FanOut(config.ssh().maxConcurrentStarts(), FanOut.Mode.REPORT_ALL).run(hosts, host -> {
            removeFrom(config, transport.open(host));
            return null;
        }).throwIfFailed();
    }

    private void removeFrom(XamalConfig config, RemoteHost remote) {
        String appId = config.appId();
        String hostId = remote.host().id();
        boolean root = "root".equals(remote.host().sshUser(config.ssh().user()));
        AppLayout layout = new AppLayout(appId);
        proxy.remove(remote, appId);
        AppUnits units = AppUnits.parse(appId, remote.run(new AppStateCommands(layout).unitNames()).stdout());
        for (String unit : units.runnable(appId)) {
            remote.run(UnitCommands.systemctl(Verb.STOP, unit).line(root) + " && "
                    + UnitCommands.systemctl(Verb.DISABLE, unit).line(root));
        }
        List<String> files = units.unitFiles(appId);
        for (String file : files) {
            remote.run(UnitCommands.removeUnit(file).line(root));
        }
        if (!files.isEmpty()) {
            remote.run(UnitCommands.daemonReload().line(root));
        }
        remote.run(AppPrivileges.removeRoot(layout).line(root));
        output.sourceLine(hostId, units.names().isEmpty() ? "removed " + layout.root() + " (no units were installed)"
                : "removed the site, units " + String.join(", ", units.names()) + " and " + layout.root());
    }
}
