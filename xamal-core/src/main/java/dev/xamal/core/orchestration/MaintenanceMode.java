package dev.xamal.core.orchestration;

import dev.xamal.core.commands.AppLayout;
import dev.xamal.core.commands.AppStateCommands;
import dev.xamal.core.commands.DeployCommands;
import dev.xamal.core.commands.UnitCommands.Verb;
import dev.xamal.core.config.Host;
import dev.xamal.core.config.Role;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.output.Output;
import dev.xamal.core.spi.Proxy;
import dev.xamal.core.spi.ProxySite;
import dev.xamal.core.spi.ProxySite.Maintenance;
import dev.xamal.core.spi.RemoteHost;
import dev.xamal.core.spi.Transport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Maintenance mode of an app (design §6): its site answers 503 with {@code Retry-After} and a
 * message or page instead of proxying, on each host where the app has a proxied role; the
 * {@code maintenance} state file keeps it across deploys until {@link #live}. Only this app's
 * site changes; the proxy reloads the host's whole configuration, so other apps keep serving.
 * {@link #stop} puts the app in maintenance, then stops its units.
 */
public final class MaintenanceMode {
    private final Transport transport;
    private final Proxy proxy;
    private final Output output;

    public MaintenanceMode(Transport transport, Proxy proxy, Output output) {
        this.transport = transport;
        this.proxy = proxy;
        this.output = output;
    }

    /**
     * Serves {@code response} on the hosts' sites. When {@code page} is given, its bytes are
     * uploaded next to the state file and served instead of the message.
     */
    public void enable(XamalConfig config, List<Host> hosts, Maintenance response, Optional<byte[]> page) {
        output.info("Putting " + config.appId() + " in maintenance on " + count(hosts));
        fanOut(config, hosts, host -> {
            enableOn(config, transport.open(host), response, page);
            return null;
        });
    }

    /** Leaves maintenance: the site proxies to the active port again (or goes, when nothing was deployed). */
    public void live(XamalConfig config, List<Host> hosts) {
        output.info("Taking " + config.appId() + " live on " + count(hosts));
        fanOut(config, hosts, host -> {
            RemoteHost remote = transport.open(host);
            AppLayout layout = new AppLayout(config.appId());
            if (proxied(config, host)) {
                OptionalInt active = AppInventory.parse(remote.run(new AppStateCommands(layout).inventory()).stdout())
                        .activePort();
                if (active.isPresent()) {
                    proxy.route(remote, ProxySite.proxying(config.appId(), config.caddy(), List.of(active.getAsInt())));
                    output.sourceLine(host.id(), "live: the site proxies to port " + active.getAsInt() + " again");
                } else {
                    proxy.remove(remote, config.appId());
                    output.sourceLine(host.id(), "live: nothing deployed, so the maintenance site was removed");
                }
            }
            remote.run(new AppStateCommands(layout).clearMaintenance());
            return null;
        });
    }

    /** Puts the app in maintenance, then stops the units of the selected roles on each host. */
    public void stop(XamalConfig config, List<Host> hosts, List<Role> roles, Maintenance response,
                     Optional<byte[]> page) {
        output.info("Stopping " + config.appId() + " on " + count(hosts) + " (maintenance first)");
        fanOut(config, hosts, host -> {
            RemoteHost remote = transport.open(host);
            enableOn(config, remote, response, page);
            AppLayout layout = new AppLayout(config.appId());
            DeployCommands commands = Deploy.commands(config, host);
            List<String> units = new ArrayList<>();
            for (Role role : config.rolesOf(host)) {
                if (!roles.contains(role)) {
                    continue;
                }
                if (role.proxy()) {
                    units.add(layout.instanceUnitName(role.name(), config.caddy().bluePort()));
                    units.add(layout.instanceUnitName(role.name(), config.caddy().greenPort()));
                } else {
                    units.add(layout.plainUnitName(role.name()));
                }
            }
            for (String unit : units) {
                remote.run(commands.systemctl(Verb.STOP, unit));
            }
            output.sourceLine(host.id(), "stopped " + (units.isEmpty() ? "no unit" : String.join(", ", units)));
            return null;
        });
    }

    private void enableOn(XamalConfig config, RemoteHost remote, Maintenance response, Optional<byte[]> page) {
        String hostId = remote.host().id();
        if (!proxied(config, remote.host())) {
            output.sourceLine(hostId, "no proxied role here: no site to put in maintenance");
            return;
        }
        AppLayout layout = new AppLayout(config.appId());
        Maintenance served = response;
        if (page.isPresent()) {
            remote.write(page.get(), layout.maintenancePage(), 0644);
            served = new Maintenance(response.message(), Optional.of(layout.maintenancePage()),
                    response.retryAfterSeconds());
        }
        remote.write(MaintenanceState.text(served).getBytes(StandardCharsets.UTF_8), layout.maintenance(), 0644);
        OptionalInt active = AppInventory.parse(remote.run(new AppStateCommands(layout).inventory()).stdout())
                .activePort();
        List<Integer> upstreams = active.isPresent() ? List.of(active.getAsInt()) : List.of();
        proxy.route(remote, ProxySite.proxying(config.appId(), config.caddy(), upstreams).inMaintenance(served));
        output.sourceLine(hostId, "maintenance: the site answers 503 (Retry-After " + served.retryAfterSeconds()
                + " s) with " + (served.page().isPresent() ? "the page " + served.page().get()
                : "\"" + served.message() + "\""));
    }

    static boolean proxied(XamalConfig config, Host host) {
        return config.rolesOf(host).stream().anyMatch(Role::proxy);
    }

    private static void fanOut(XamalConfig config, List<Host> hosts, java.util.function.Function<Host, Void> action) {
        new FanOut(config.ssh().maxConcurrentStarts(), FanOut.Mode.REPORT_ALL).run(hosts, action).throwIfFailed();
    }

    private static String count(List<Host> hosts) {
        return hosts.size() + (hosts.size() == 1 ? " host" : " hosts");
    }
}
