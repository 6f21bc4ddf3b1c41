package dev.xamal.core.spi;

import dev.xamal.core.commands.Shell;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A shell command line to run on a remote host, built by the pure command builders in
 * {@code dev.xamal.core.commands}. Those lines are POSIX shell and run in the host's
 * {@code /bin/sh} ({@link #sentLine()}), whatever the SSH user's login shell is: on Debian and
 * Ubuntu that is dash, which starts each program of a line for about half of what bash's fork
 * costs. A line a user typed ({@link #inLoginShell}) runs in the login shell, as over plain ssh.
 *
 * @param line     the command line; passes through the redactor whenever it is shown
 * @param timeout  how long the command may run before it is abandoned and reported
 * @param stdin    bytes written to the command's standard input, then closed (empty: none)
 * @param pty      whether to allocate a pseudo-terminal
 * @param listener receives output lines while the command runs
 * @param what     how errors name the command: empty for the line itself, or words for a line
 *                 too long to read there (a loop on the host)
 * @param loginShell whether the line runs as the SSH user's login shell reads it (a user's own
 *                 command) instead of in {@code /bin/sh}
 */
public record RemoteCommand(String line, Duration timeout, Optional<byte[]> stdin, boolean pty,
                            LineListener listener, String what, boolean loginShell) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    public RemoteCommand {
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(what, "what");
    }

    public static RemoteCommand of(String line) {
        return withDefaults(line, false);
    }

    /** A line a user wrote (for {@code server-exec}): it runs in the SSH user's login shell, as {@code ssh host line} would. */
    public static RemoteCommand inLoginShell(String line) {
        return withDefaults(line, true);
    }

    private static RemoteCommand withDefaults(String line, boolean loginShell) {
        return new RemoteCommand(line, DEFAULT_TIMEOUT, Optional.empty(), false, LineListener.NONE, "", loginShell);
    }

    /**
     * What the SSH exec request carries: the line itself for the login shell, or else
     * {@code exec /bin/sh -c '<line>'} (the login shell replaces itself with {@code /bin/sh}; the
     * exit status, the standard streams and the environment are the line's).
     */
    public String sentLine() {
        return loginShell ? line : "exec /bin/sh -c " + Shell.quote(line);
    }

    public RemoteCommand withTimeout(Duration newTimeout) {
        return new RemoteCommand(line, newTimeout, stdin, pty, listener, what, loginShell);
    }

    public RemoteCommand withStdin(byte[] input) {
        return new RemoteCommand(line, timeout, Optional.of(input.clone()), pty, listener, what, loginShell);
    }

    public RemoteCommand withPty(boolean usePty) {
        return new RemoteCommand(line, timeout, stdin, usePty, listener, what, loginShell);
    }

    /** The command named in errors by {@code description} instead of its line. */
    public RemoteCommand describedAs(String description) {
        return new RemoteCommand(line, timeout, stdin, pty, listener, description, loginShell);
    }

    /** How errors name the command: its description, or else its line. */
    public String describe() {
        return what.isEmpty() ? line : what;
    }

    public RemoteCommand withListener(LineListener newListener) {
        return new RemoteCommand(line, timeout, stdin, pty, newListener, what, loginShell);
    }
}
