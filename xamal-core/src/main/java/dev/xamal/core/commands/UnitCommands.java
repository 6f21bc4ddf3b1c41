package dev.xamal.core.commands;

import java.util.ArrayList;
import java.util.List;

/**
 * The systemd commands xamal runs for an app's units. Privileged ones come as {@link Privileged}
 * (so the sudoers lines bootstrap prints cover exactly them); queries need no privileges. Pure.
 */
public final class UnitCommands {
    public static final String SYSTEMCTL = "/usr/bin/systemctl";
    public static final String JOURNALCTL = "/usr/bin/journalctl";
    public static final String TEE = "/usr/bin/tee";
    public static final String RM = "/usr/bin/rm";
    /** How many journal lines {@link #journalTail} shows. */
    public static final int JOURNAL_LINES = 50;

    /** The verbs xamal runs on an app's units. */
    public enum Verb {
        START, STOP, RESTART, ENABLE, DISABLE;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private UnitCommands() {
    }

    /** {@code systemctl <verb> <unit>}, e.g. {@code systemctl start shop.web@4000.service}. */
    public static Privileged systemctl(Verb verb, String unit) {
        return Privileged.root(SYSTEMCTL, verb.word(), unit);
    }

    /**
     * {@code systemctl enable|disable --no-reload <unit>}: only the unit's {@code .wants} link
     * changes, so systemd's configuration needs no reload (which {@code systemctl} otherwise does
     * after every enable and disable, the costly part of a switch on a busy host).
     */
    public static Privileged systemctlWithoutReload(Verb verb, String unit) {
        if (verb != Verb.ENABLE && verb != Verb.DISABLE) {
            throw new IllegalArgumentException("--no-reload is for enable and disable, not " + verb.word());
        }
        return Privileged.root(SYSTEMCTL, verb.word(), "--no-reload", unit);
    }

    /**
     * {@code systemctl enable|disable --now --no-reload <unit>}: the enablement and the start (or
     * stop) in one run of {@code systemctl} (and of {@code sudo}), with the same outcome as the two
     * runs it replaces (exit status 1 when a start fails, as {@code systemctl start}'s).
     */
    public static Privileged systemctlNow(Verb verb, String unit) {
        if (verb != Verb.ENABLE && verb != Verb.DISABLE) {
            throw new IllegalArgumentException("--now is for enable and disable, not " + verb.word());
        }
        return Privileged.root(SYSTEMCTL, verb.word(), "--now", "--no-reload", unit);
    }

    public static Privileged daemonReload() {
        return Privileged.root(SYSTEMCTL, "daemon-reload");
    }

    /**
     * Installs a unit file from standard input: run its {@link Privileged#line} followed by
     * {@code >/dev/null} with the unit's content as stdin. The file gets root's umask (0644).
     */
    public static Privileged installUnit(String unitName) {
        return Privileged.root(TEE, AppLayout.unitPath(unitName));
    }

    public static Privileged removeUnit(String unitName) {
        return Privileged.root(RM, "-f", AppLayout.unitPath(unitName));
    }

    /** The last {@value #JOURNAL_LINES} journal lines of a unit. */
    public static Privileged journalTail(String unit) {
        return Privileged.root(JOURNALCTL, "--no-pager", "-n", String.valueOf(JOURNAL_LINES), "-u", unit);
    }

    /** Prints the unit's state ({@code active}, {@code inactive}, {@code failed}...); exits 0 only when active. Needs no privileges. */
    public static String isActive(String unit) {
        return Shell.join(SYSTEMCTL, "is-active", unit);
    }

    /** Prints one property's value (e.g. {@code ExecMainStatus}). Needs no privileges. */
    public static String show(String unit, String property) {
        return Shell.join(SYSTEMCTL, "show", "--property=" + property, "--value", unit);
    }

    /** Prints the unit's {@code properties}, one {@code Name=value} a line. Needs no privileges. */
    public static String showProperties(String unit, String... properties) {
        List<String> words = new ArrayList<>(List.of(SYSTEMCTL, "show"));
        for (String property : properties) {
            words.add("-p");
            words.add(property);
        }
        words.add(unit);
        return Shell.join(words.toArray(String[]::new));
    }

    /** Prints the unit file's content, or nothing when it is not installed. Needs no privileges. */
    public static String catUnitFile(String unitName) {
        return FileCommands.readIfPresent(AppLayout.unitPath(unitName));
    }
}
