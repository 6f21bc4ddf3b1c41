package dev.xamal.core.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A command xamal runs on a host as another user (root, or Caddy's user): the one place that
 * turns it into both the shell line that runs it and the sudoers entry that allows it, so the
 * two can never drift apart. The program is an absolute path, because sudoers matches commands
 * by path. Pure.
 *
 * <p>A non-root SSH user runs it as {@code sudo -n [-u user] <path> <args>}; an SSH user that
 * is root runs it directly (or through {@code runuser} for another user). The sudoers entry
 * allows exactly these arguments; a {@code *} argument (only ever the last one, somewhere
 * after {@code --}, so it cannot add options) allows any trailing arguments.
 *
 * @param runAs   the user the command runs as ({@code root} or e.g. {@code caddy})
 * @param program the absolute path of the program
 * @param args    its arguments
 */
public record Privileged(String runAs, String program, List<String> args) {
    public static final String ROOT = "root";
    /** The sudoers argument that allows any trailing arguments. */
    public static final String ANY_ARGUMENTS = "*";

    public Privileged {
        Objects.requireNonNull(runAs, "runAs");
        if (!program.startsWith("/")) {
            throw new IllegalArgumentException("sudoers needs an absolute program path: " + program);
        }
        args = List.copyOf(args);
        int wildcard = args.indexOf(ANY_ARGUMENTS);
        if (wildcard >= 0 && (wildcard != args.size() - 1 || !args.subList(0, wildcard).contains("--"))) {
            throw new IllegalArgumentException("a wildcard may only end the arguments, after --: " + args);
        }
    }

    /** A command run as root. */
    public static Privileged root(String program, String... args) {
        return new Privileged(ROOT, program, List.of(args));
    }

    /** The same command with concrete trailing arguments in place of the wildcard. */
    public Privileged withTrailing(List<String> trailing) {
        if (!args.contains(ANY_ARGUMENTS)) {
            throw new IllegalStateException("no trailing arguments allowed: " + this);
        }
        List<String> concrete = new ArrayList<>(args.subList(0, args.size() - 1));
        concrete.addAll(trailing);
        return new Privileged(runAs, program, concrete);
    }

    /**
     * The shell line that runs the command: with {@code sudo -n} (never prompting) unless the
     * SSH user is root.
     */
    public String line(boolean sshUserIsRoot) {
        List<String> words = new ArrayList<>();
        if (sshUserIsRoot) {
            if (!runAs.equals(ROOT)) {
                words.addAll(List.of("/usr/sbin/runuser", "-u", runAs, "--"));
            }
        } else {
            words.addAll(List.of("sudo", "-n"));
            if (!runAs.equals(ROOT)) {
                words.addAll(List.of("-u", runAs));
            }
        }
        words.add(program);
        words.addAll(args);
        return Shell.join(words.toArray(String[]::new));
    }

    /**
     * A line that exits 0 when the SSH user may run this command with {@code sudo -n}, without
     * running it. A command for another user passes while that user does not exist yet (Caddy's
     * user comes with its package), since sudo cannot judge it before.
     */
    public String sudoCheckLine() {
        String guard = runAs.equals(ROOT) ? "" : "! id -u " + Shell.quoteIfNeeded(runAs) + " >/dev/null 2>&1 || ";
        List<String> words = new ArrayList<>(List.of("sudo", "-n", "-l"));
        if (!runAs.equals(ROOT)) {
            words.addAll(List.of("-u", runAs));
        }
        words.add(program);
        args.stream().map(a -> a.equals(ANY_ARGUMENTS) ? "x" : a).forEach(words::add);
        return guard + Shell.join(words.toArray(String[]::new));
    }

    /** The sudoers line that lets {@code sshUser} run exactly this command without a password. */
    public String sudoersLine(String sshUser) {
        StringBuilder line = new StringBuilder(sshUser).append(" ALL=(").append(runAs).append(") NOPASSWD: ")
                .append(program);
        for (String arg : args) {
            line.append(' ').append(arg.equals(ANY_ARGUMENTS) ? arg : sudoersEscaped(arg));
        }
        return line.toString();
    }

    /** Sudoers treats {@code , : = \} specially in arguments (and {@code *?[]} as wildcards): backslash them. */
    static String sudoersEscaped(String arg) {
        if (arg.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("a sudoers argument cannot hold whitespace: " + arg);
        }
        StringBuilder out = new StringBuilder();
        for (char c : arg.toCharArray()) {
            if (",:=\\*?[]".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return line(false);
    }
}
