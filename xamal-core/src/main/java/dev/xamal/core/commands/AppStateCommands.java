package dev.xamal.core.commands;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The queries and clean-ups of an app's state on a host that maintenance, prune, details and
 * remove run (design §6). Pure: every path comes from {@link AppLayout}; nothing here needs root.
 *
 * @param layout the app's layout
 */
public record AppStateCommands(AppLayout layout) {
    /** The section markers {@link #inventory()} prints, each on a line of its own. */
    public enum Section {
        ABSENT, RELEASES, HISTORY, CURRENT, SLOTS, LAYERS, ACTIVE_PORT, MAINTENANCE;

        /** The marker line. */
        public String marker() {
            return "#xamal:" + name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The command that prints the marker line. */
        String echo() {
            return "echo " + Shell.quote(marker());
        }
    }

    /**
     * Prints the app's state in sections (see {@link Section}): each release with the layers its
     * completeness marker lists ({@code ?} for an incomplete one), the history, where
     * {@code current} and each slot point, the cached layers, the active port and the maintenance
     * state. Prints only {@link Section#ABSENT} when the app has no directory on the host.
     */
    public String inventory() {
        String root = Shell.quote(layout.root());
        return "cd " + root + " 2>/dev/null || { " + Section.ABSENT.echo() + "; exit 0; }"
                + "; " + Section.RELEASES.echo()
                + "; for d in releases/*/; do [ -d \"$d\" ] || continue; n=${d#releases/}; n=${n%/}"
                + "; case $n in *.assembling) continue;; esac"
                + "; if [ -f \"$d" + DeployCommands.COMPLETE_MARKER + "\" ]; then m=; while read -r l || [ -n \"$l\" ];"
                + " do [ -z \"$l\" ] || m=\"$m $l\"; done < \"$d" + DeployCommands.COMPLETE_MARKER + "\"; echo \"$n$m\";"
                + " else echo \"$n ?\"; fi; done"
                + "; " + Section.HISTORY.echo() + "; " + FileCommands.readTextIfPresent("history")
                + "; " + Section.CURRENT.echo() + "; readlink current 2>/dev/null"
                + "; " + Section.SLOTS.echo()
                + "; for s in slots/*; do [ -L \"$s\" ] && echo \"${s#slots/} $(readlink \"$s\")\"; done"
                + "; " + Section.LAYERS.echo()
                + "; for l in layers/*/; do [ -d \"$l\" ] || continue; n=${l#layers/}; echo \"${n%/}\"; done"
                + "; " + Section.ACTIVE_PORT.echo() + "; " + FileCommands.readTextIfPresent("active_port")
                + "; " + Section.MAINTENANCE.echo() + "; " + FileCommands.readTextIfPresent("maintenance") + "; true";
    }

    /**
     * Prints the size in bytes of each of the paths (relative to the app's directory) that exist,
     * then their total ({@code du -sbc}, which counts a file linked from several of them once);
     * {@link #totalBytes} reads the total. Never fails for a path that is missing.
     */
    public String measure(List<String> relativePaths) {
        return "cd " + Shell.quote(layout.root()) + " && { du -sbc -- " + words(relativePaths) + " 2>/dev/null || true; }";
    }

    /** The total {@link #measure} printed (its last line's first field), 0 when it printed none. */
    public static long totalBytes(String printed) {
        List<String> lines = printed.strip().lines().toList();
        String total = lines.isEmpty() ? "" : lines.get(lines.size() - 1).split("\\s+")[0];
        return total.matches("[0-9]+") ? Long.parseLong(total) : 0;
    }

    /**
     * Prints the sizes in bytes of the paths (relative to the app's directory) as {@link #measure}
     * does, then removes them. Each path is one of the app's releases or layers.
     */
    public String removeMeasured(List<String> relativePaths) {
        return measure(relativePaths) + " && rm -rf -- " + words(relativePaths);
    }

    /** Leaves maintenance: removes the state file and the uploaded page. */
    public String clearMaintenance() {
        return Shell.join("rm", "-f", layout.maintenance(), layout.maintenancePage());
    }

    /**
     * Prints every name under which one of the app's units may be known on the host: the unit
     * files, the links of enabled instances and the units systemd has loaded. The caller keeps the
     * names that are the app's ({@code <app>.<role>[@<port>].service}).
     */
    public String unitNames() {
        String pattern = Shell.quote(layout.appId() + ".*");
        return "ls -1 /etc/systemd/system 2>/dev/null; ls -1 /etc/systemd/system/*.wants 2>/dev/null; "
                + Shell.join(UnitCommands.SYSTEMCTL, "list-units", "--all", "--no-legend", "--plain", "--full")
                + " " + pattern + " 2>/dev/null; true";
    }

    /**
     * Prints the {@code Id ActiveState SubState} of each unit, then for each unit a block of its
     * {@code Id} and {@code UnitFileState} as {@code systemctl is-enabled} reads it from disk
     * (the property {@code systemctl show} reports is what systemd read at its last reload, and a
     * switch enables without reloading); a blank line between blocks.
     */
    public static String unitStates(List<String> units) {
        return Shell.join(UnitCommands.SYSTEMCTL, "show", "-p", "Id", "-p", "ActiveState", "-p", "SubState") + " "
                + words(units) + "; for u in " + words(units) + "; do printf '\\nId=%s\\nUnitFileState=%s\\n' \"$u\" "
                + "\"$(" + UnitCommands.SYSTEMCTL + " is-enabled \"$u\" 2>/dev/null)\"; done; true";
    }

    private static String words(List<String> words) {
        return words.stream().map(Shell::quoteIfNeeded).collect(Collectors.joining(" "));
    }
}
