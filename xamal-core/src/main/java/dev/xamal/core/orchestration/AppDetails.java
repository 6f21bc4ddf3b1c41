package dev.xamal.core.orchestration;

import dev.xamal.core.commands.AppLayout;
import dev.xamal.core.commands.AppStateCommands;
import dev.xamal.core.config.Host;
import dev.xamal.core.config.Role;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.output.Output;
import dev.xamal.core.spi.RemoteHost;
import dev.xamal.core.spi.Transport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What runs of an app on each host: the active port and version, the maintenance state, each
 * unit's state, Caddy's version and state, the releases on the host, and the drift from the
 * configuration ({@link AppUnits#drift}). Prints host-prefixed lines; changes nothing.
 */
public final class AppDetails {
    /** Prints Caddy's version (or {@code none}) and its service state. */
    static final String CADDY_STATE = "v=$(caddy version 2>/dev/null | head -n 1); echo \"caddy ${v:-none}\";"
            + " echo \"caddy.service $(systemctl is-active caddy.service 2>/dev/null)\"; true";

    private final Transport transport;
    private final Output output;

    public AppDetails(Transport transport, Output output) {
        this.transport = transport;
        this.output = output;
    }

    /** One host's details. */
    public record HostDetails(Host host, AppInventory inventory, Map<String, String> unitStates, String caddyVersion,
                              String caddyState, List<String> drift) {
    }

    public List<HostDetails> show(XamalConfig config, List<Host> hosts) {
        output.info("Details of " + config.appId() + " on " + hosts.size() + (hosts.size() == 1 ? " host" : " hosts"));
        List<HostDetails> details = new FanOut(config.ssh().maxConcurrentStarts(), FanOut.Mode.REPORT_ALL)
                .run(hosts, host -> collect(config, transport.open(host))).values();
        details.forEach(this::print);
        return details;
    }

    private HostDetails collect(XamalConfig config, RemoteHost remote) {
        AppLayout layout = new AppLayout(config.appId());
        AppStateCommands commands = new AppStateCommands(layout);
        AppInventory inventory = AppInventory.parse(remote.run(commands.inventory()).stdout());
        AppUnits units = AppUnits.parse(config.appId(), remote.run(commands.unitNames()).stdout());
        Set<String> shown = new LinkedHashSet<>();
        for (Role role : config.rolesOf(remote.host())) {
            if (role.proxy()) {
                shown.add(layout.instanceUnitName(role.name(), config.caddy().bluePort()));
                shown.add(layout.instanceUnitName(role.name(), config.caddy().greenPort()));
            } else {
                shown.add(layout.plainUnitName(role.name()));
            }
        }
        shown.addAll(units.runnable(config.appId()));
        Map<String, String> states = unitStates(remote.run(AppStateCommands.unitStates(List.copyOf(shown))).stdout());
        String caddyVersion = "none";
        String caddyState = "unknown";
        for (String line : remote.run(CADDY_STATE).stdout().lines().toList()) {
            if (line.startsWith("caddy.service ")) {
                caddyState = line.substring("caddy.service ".length()).strip();
            } else if (line.startsWith("caddy ")) {
                caddyVersion = line.substring("caddy ".length()).strip().split("\\s+")[0];
            }
        }
        return new HostDetails(remote.host(), inventory, states, caddyVersion, caddyState.isEmpty() ? "unknown" : caddyState,
                units.drift(config, remote.host()));
    }

    private void print(HostDetails d) {
        String id = d.host().id();
        AppInventory inv = d.inventory();
        if (!inv.present()) {
            output.sourceLine(id, "not deployed (no " + AppLayout.BASE + " directory for the app)");
        } else {
            output.sourceLine(id, "version " + inv.current().orElse("(none)") + ", active port "
                    + (inv.activePort().isPresent() ? String.valueOf(inv.activePort().getAsInt()) : "(none)")
                    + ", maintenance " + inv.maintenance().map(m -> "on").orElse("off"));
            output.sourceLine(id, "releases (newest first): " + String.join(", ", PrunePlan.newestFirst(inv)));
        }
        d.unitStates().forEach((unit, state) -> output.sourceLine(id, "unit " + unit + " " + state));
        output.sourceLine(id, "caddy " + d.caddyVersion() + " " + d.caddyState());
        if (d.drift().isEmpty()) {
            output.sourceLine(id, "no drift from the configuration");
        } else {
            d.drift().forEach(line -> output.sourceLine(id, "drift: " + line));
        }
    }

    /**
     * {@code Id=... ActiveState=... SubState=... UnitFileState=...} blocks to
     * {@code unit -> "active/running enabled"}; a unit's properties may come in several blocks.
     */
    static Map<String, String> unitStates(String show) {
        Map<String, Map<String, String>> byUnit = new java.util.LinkedHashMap<>();
        for (String block : show.split("\\n\\s*\\n")) {
            Map<String, String> values = new HashMap<>();
            block.lines().forEach(line -> {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    values.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
                }
            });
            String id = values.get("Id");
            if (id != null) {
                byUnit.computeIfAbsent(id, unit -> new HashMap<>()).putAll(values);
            }
        }
        Map<String, String> states = new java.util.LinkedHashMap<>();
        byUnit.forEach((id, values) -> {
            String file = values.getOrDefault("UnitFileState", "");
            states.put(id, values.getOrDefault("ActiveState", "?") + "/" + values.getOrDefault("SubState", "?")
                    + (file.isEmpty() ? "" : " " + file));
        });
        return states;
    }
}
