package dev.xamal.core.orchestration;

import dev.xamal.core.commands.AppLayout;
import dev.xamal.core.commands.AppStateCommands;
import dev.xamal.core.config.Role;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.config.Host;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The systemd units of one app found on a host ({@link AppStateCommands#unitNames()}): unit files
 * (template {@code <app>.<role>@.service}, plain {@code <app>.<role>.service}) and instances
 * ({@code <app>.<role>@<port>.service}). Another app's units never match, not even those of a
 * destination of the same service ({@code <service>.<destination>.<role>...}), because a role
 * name has no dot. Pure.
 *
 * @param names every unit name of the app, sorted
 */
public record AppUnits(List<String> names) {
    public AppUnits {
        names = List.copyOf(names);
    }

    /** One unit name taken apart: its role and, for an instance, its port ({@code ""} for a template). */
    public record Unit(String name, String role, Optional<String> port) {
        public boolean template() {
            return port.isPresent() && port.get().isEmpty();
        }

        public boolean instance() {
            return port.isPresent() && !port.get().isEmpty();
        }

        public boolean plain() {
            return port.isEmpty();
        }
    }

    /** The app's unit names among the words of the discovery output. */
    public static AppUnits parse(String appId, String output) {
        Pattern pattern = pattern(appId);
        TreeSet<String> names = new TreeSet<>();
        for (String word : output.split("\\s+")) {
            if (pattern.matcher(word).matches()) {
                names.add(word);
            }
        }
        return new AppUnits(new ArrayList<>(names));
    }

    public List<Unit> units(String appId) {
        Pattern pattern = pattern(appId);
        return names.stream().map(n -> {
            Matcher m = pattern.matcher(n);
            if (!m.matches()) {
                throw new IllegalStateException(n);
            }
            return new Unit(n, m.group(1), Optional.ofNullable(m.group(2)));
        }).toList();
    }

    /** Units that run (instances and plain units), as opposed to template unit files. */
    public List<String> runnable(String appId) {
        return units(appId).stream().filter(u -> !u.template()).map(Unit::name).toList();
    }

    /** Unit files installed in {@code /etc/systemd/system} (templates and plain units). */
    public List<String> unitFiles(String appId) {
        return units(appId).stream().filter(u -> !u.instance()).map(Unit::name).toList();
    }

    /**
     * Where the host and the configuration disagree: units of roles the configuration does not run
     * on this host, instances on ports other than the app's pair, and roles whose unit file is not
     * installed.
     */
    public List<String> drift(XamalConfig config, Host host) {
        String appId = config.appId();
        AppLayout layout = new AppLayout(appId);
        List<Role> roles = config.rolesOf(host);
        List<String> ports = List.of(String.valueOf(config.caddy().bluePort()), String.valueOf(config.caddy().greenPort()));
        List<String> drift = new ArrayList<>();
        for (Unit unit : units(appId)) {
            Optional<Role> role = roles.stream().filter(r -> r.name().equals(unit.role())).findFirst();
            if (role.isEmpty()) {
                drift.add("unit " + unit.name() + " belongs to role " + unit.role()
                        + ", which the configuration does not run on this host");
            } else if (role.get().proxy() != !unit.plain()) {
                drift.add("unit " + unit.name() + " is " + (unit.plain() ? "a plain unit" : "a template unit")
                        + " but role " + unit.role() + " is " + (role.get().proxy() ? "" : "not ") + "proxied");
            } else if (unit.instance() && !ports.contains(unit.port().get())) {
                drift.add("unit " + unit.name() + " runs on port " + unit.port().get() + ", not on "
                        + String.join(" or ", ports) + " (caddy.app_port)");
            }
        }
        for (Role role : roles) {
            String file = role.proxy() ? layout.templateUnitName(role.name()) : layout.plainUnitName(role.name());
            if (!names.contains(file)) {
                drift.add("role " + role.name() + " has no unit file " + AppLayout.unitPath(file)
                        + " (run mvn xamal:setup)");
            }
        }
        return drift;
    }

    private static Pattern pattern(String appId) {
        return Pattern.compile(Pattern.quote(appId) + "\\.([a-z0-9_-]+)(?:@([0-9]*))?\\.service");
    }
}
