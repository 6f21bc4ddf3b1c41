package dev.xamal.core.commands;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The sudoers lines a non-root SSH user needs for xamal: one {@code NOPASSWD} line per
 * {@link Privileged} command, nothing broader. Pure.
 */
public final class SudoersLines {
    private SudoersLines() {
    }

    /** The lines, in order, without repeats. */
    public static List<String> lines(String sshUser, List<Privileged> commands) {
        Set<String> lines = new LinkedHashSet<>();
        commands.forEach(command -> lines.add(command.sudoersLine(sshUser)));
        return List.copyOf(lines);
    }

    /** The sudoers.d file the lines belong in (sudo ignores names holding a dot). */
    public static String fileFor(AppLayout layout) {
        return "/etc/sudoers.d/xamal-" + layout.appId().replace('.', '-');
    }

    /** The lines as a block ready to paste into {@link #fileFor}, with a trailing newline. */
    public static String block(String sshUser, List<Privileged> commands) {
        return lines(sshUser, commands).stream().collect(Collectors.joining("\n", "", "\n"));
    }
}
