package dev.xamal.core.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Every command xamal runs with root privileges for one app on one host, for an SSH user that
 * is not root: what {@link SudoersLines} allows and what bootstrap checks with {@code sudo -l}.
 * Units are named exactly (both ports of each proxied role, each plain role), so the lines
 * allow nothing for other apps. Pure.
 *
 * @param layout       the app's layout
 * @param sshUser      the SSH user who runs the commands
 * @param sshGroup     that user's primary group (owns the app directory)
 * @param releaseUser  the user the app and its one-off commands run as
 * @param launcher     the release's launcher name ({@code bin/<launcher>})
 * @param proxiedRoles the roles run as template units, one instance per port
 * @param plainRoles   the roles run as plain units
 * @param ports        the ports of the proxied roles' instances (blue and green)
 */
public record AppPrivileges(AppLayout layout, String sshUser, String sshGroup, String releaseUser, String launcher,
                            List<String> proxiedRoles, List<String> plainRoles, List<Integer> ports) {
    public static final String INSTALL = "/usr/bin/install";
    public static final String SYSTEMD_RUN = "/usr/bin/systemd-run";

    public AppPrivileges {
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(sshUser, "sshUser");
        Objects.requireNonNull(sshGroup, "sshGroup");
        Objects.requireNonNull(releaseUser, "releaseUser");
        Objects.requireNonNull(launcher, "launcher");
        proxiedRoles = List.copyOf(proxiedRoles);
        plainRoles = List.copyOf(plainRoles);
        ports = List.copyOf(ports);
    }

    /** Creates {@code /opt/xamal/<app>} (and {@code /opt/xamal}) owned by the SSH user, mode 0755 so Caddy reads the site file. */
    public Privileged createRoot() {
        return Privileged.root(INSTALL, "-d", "-o", sshUser, "-g", sshGroup, "-m", "0755", layout.root());
    }

    /** How a one-off command's standard streams reach the SSH channel. */
    public enum Stdio {
        /** Plain pipes ({@code systemd-run --pipe}): output streams, standard input is the channel's. */
        PIPE("--pipe"),
        /** A pseudo-terminal ({@code systemd-run --pty}), for interactive programs. */
        PTY("--pty");

        private final String option;

        Stdio(String option) {
            this.option = option;
        }

        public String option() {
            return option;
        }
    }

    /**
     * Removes {@code /opt/xamal/<app>} with everything in it ({@code remove}): the app's files may
     * belong to the release user, and {@code /opt/xamal} to root.
     */
    public static Privileged removeRoot(AppLayout layout) {
        return Privileged.root(UnitCommands.RM, "-rf", "--", layout.root());
    }

    /**
     * Runs a one-off command of a role's release through systemd with the slot's own env file,
     * as {@link #releaseUser}, in the slot: {@code systemd-run ... -- <program> <args>}. The
     * sudoers line allows any program after {@code --}, run as the release user (app-exec runs
     * shell commands; migrate and console run the launcher), never other options to systemd-run.
     *
     * @param slot    the slot directory ({@link AppLayout#slot(int)} or {@link AppLayout#slot(String)})
     * @param envFile the slot's env file
     * @param stdio   pipes or a pseudo-terminal
     */
    public Privileged oneOff(String slot, String envFile, Stdio stdio) {
        return oneOff(releaseUser, slot, envFile, stdio);
    }

    /** {@link #oneOff(String, String, Stdio)} for a given release user. */
    public static Privileged oneOff(String releaseUser, String slot, String envFile, Stdio stdio) {
        return new Privileged(Privileged.ROOT, SYSTEMD_RUN, List.of("--quiet", "--wait", "--collect", stdio.option(),
                "--uid=" + releaseUser, "--working-directory=" + slot, "--property=EnvironmentFile=" + envFile,
                "--", Privileged.ANY_ARGUMENTS));
    }

    /** The unit names of this app on the host: template units, their instances and plain units. */
    public List<String> instanceUnits() {
        List<String> units = new ArrayList<>();
        for (String role : proxiedRoles) {
            ports.forEach(port -> units.add(layout.instanceUnitName(role, port)));
        }
        plainRoles.forEach(role -> units.add(layout.plainUnitName(role)));
        return units;
    }

    /** The unit files bootstrap installs. */
    public List<String> unitFiles() {
        List<String> files = new ArrayList<>();
        proxiedRoles.forEach(role -> files.add(layout.templateUnitName(role)));
        plainRoles.forEach(role -> files.add(layout.plainUnitName(role)));
        return files;
    }

    /** Every privileged command of the app, in a stable order. */
    public List<Privileged> all() {
        List<Privileged> commands = new ArrayList<>();
        commands.add(createRoot());
        commands.add(removeRoot(layout));
        for (String unitFile : unitFiles()) {
            commands.add(UnitCommands.installUnit(unitFile));
            commands.add(UnitCommands.removeUnit(unitFile));
        }
        commands.add(UnitCommands.daemonReload());
        for (String unit : instanceUnits()) {
            for (UnitCommands.Verb verb : UnitCommands.Verb.values()) {
                commands.add(UnitCommands.systemctl(verb, unit));
            }
            commands.add(UnitCommands.systemctlWithoutReload(UnitCommands.Verb.ENABLE, unit));
            commands.add(UnitCommands.systemctlWithoutReload(UnitCommands.Verb.DISABLE, unit));
            commands.add(UnitCommands.systemctlNow(UnitCommands.Verb.ENABLE, unit));
            commands.add(UnitCommands.systemctlNow(UnitCommands.Verb.DISABLE, unit));
            commands.add(UnitCommands.journalTail(unit));
        }
        for (Stdio stdio : Stdio.values()) {
            for (String role : proxiedRoles) {
                ports.forEach(port -> commands.add(oneOff(layout.slot(port), layout.envFile(role, port), stdio)));
            }
            plainRoles.forEach(role -> commands.add(oneOff(layout.slot(role), layout.envFile(role), stdio)));
        }
        return commands;
    }
}
