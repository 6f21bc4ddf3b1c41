package dev.xamal.core.orchestration;

import dev.xamal.core.EnvironmentException;
import dev.xamal.core.commands.AppLayout;
import dev.xamal.core.commands.DeployCommands;
import dev.xamal.core.commands.UnitCommands.Verb;
import dev.xamal.core.config.Host;
import dev.xamal.core.config.Role;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.output.Output;
import dev.xamal.core.spi.RemoteHost;
import dev.xamal.core.spi.Transport;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code app-start}: starts the serving instance's units where they are stopped, without a switch:
 * for a proxied role the instance of {@code active_port}, for a role without proxy its plain
 * unit. Units already running are left alone; a host where nothing was deployed yet is reported
 * and skipped.
 */
public final class InstanceStart {
    private final Transport transport;
    private final Output output;

    public InstanceStart(Transport transport, Output output) {
        this.transport = transport;
        this.output = output;
    }

    /** What app-start did to one unit. */
    public enum Outcome { STARTED, ALREADY_RUNNING, NOTHING_DEPLOYED }

    /** One unit's outcome on one host. */
    public record Started(Host host, String unit, Outcome outcome) {
    }

    /** Starts the stopped units of the selected roles on the hosts, in parallel. */
    public List<Started> start(XamalConfig config, List<Host> hosts, List<Role> roles) {
        FanOut fanOut = new FanOut(config.ssh().maxConcurrentStarts(), FanOut.Mode.REPORT_ALL);
        return fanOut.run(hosts, host -> startOn(config, transport.open(host), Deploy.rolesOn(config, host, roles)))
                .values().stream().flatMap(List::stream).toList();
    }

    private List<Started> startOn(XamalConfig config, RemoteHost remote, List<Role> roles) {
        DeployCommands commands = Deploy.commands(config, remote.host());
        AppLayout layout = commands.layout();
        HostReleases releases = HostReleases.read(remote, commands);
        String hostId = remote.host().id();
        List<Started> started = new ArrayList<>();
        for (Role role : roles) {
            if (releases.current().isEmpty() || role.proxy() && releases.activePort().isEmpty()) {
                output.sourceLine(hostId, role.name() + ": nothing deployed yet, nothing to start");
                started.add(new Started(remote.host(), role.name(), Outcome.NOTHING_DEPLOYED));
                continue;
            }
            String unit = role.proxy() ? layout.instanceUnitName(role.name(), releases.activePort().getAsInt())
                    : layout.plainUnitName(role.name());
            if (state(remote, unit).running()) {
                output.sourceLine(hostId, unit + " is already running");
                started.add(new Started(remote.host(), unit, Outcome.ALREADY_RUNNING));
                continue;
            }
            remote.run(commands.systemctl(Verb.START, unit));
            SlotBoot.UnitState after = state(remote, unit);
            if (after.died()) {
                throw new EnvironmentException("Start failed on " + hostId + ": " + unit + " is " + after
                        + " right after systemctl start; its journal: journalctl -u " + unit);
            }
            output.sourceLine(hostId, "started " + unit + " (" + releases.current().get() + ")");
            started.add(new Started(remote.host(), unit, Outcome.STARTED));
        }
        return started;
    }

    private static SlotBoot.UnitState state(RemoteHost remote, String unit) {
        return SlotBoot.UnitState.parse(remote.run(DeployCommands.unitState(unit)).stdout());
    }
}
