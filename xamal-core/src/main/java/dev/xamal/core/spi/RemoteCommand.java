package dev.xamal.core.spi;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A shell command line to run on a remote host, built by the pure command builders in
 * {@code dev.xamal.core.commands}. The line is executed by the login shell of the SSH user.
 *
 * @param line     the command line; passes through the redactor whenever it is shown
 * @param timeout  how long the command may run before it is abandoned and reported
 * @param stdin    bytes written to the command's standard input, then closed (empty: none)
 * @param pty      whether to allocate a pseudo-terminal
 * @param listener receives output lines while the command runs
 * @param what     how errors name the command: empty for the line itself, or words for a line
 *                 too long to read there (a loop on the host)
 */
public record RemoteCommand(String line, Duration timeout, Optional<byte[]> stdin, boolean pty,
                            LineListener listener, String what) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    public RemoteCommand {
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(what, "what");
    }

    public static RemoteCommand of(String line) {
        return new RemoteCommand(line, DEFAULT_TIMEOUT, Optional.empty(), false, LineListener.NONE, "");
    }

    public RemoteCommand withTimeout(Duration newTimeout) {
        return new RemoteCommand(line, newTimeout, stdin, pty, listener, what);
    }

    public RemoteCommand withStdin(byte[] input) {
        return new RemoteCommand(line, timeout, Optional.of(input.clone()), pty, listener, what);
    }

    public RemoteCommand withPty(boolean usePty) {
        return new RemoteCommand(line, timeout, stdin, usePty, listener, what);
    }

    /** The command named in errors by {@code description} instead of its line. */
    public RemoteCommand describedAs(String description) {
        return new RemoteCommand(line, timeout, stdin, pty, listener, description);
    }

    /** How errors name the command: its description, or else its line. */
    public String describe() {
        return what.isEmpty() ? line : what;
    }

    public RemoteCommand withListener(LineListener newListener) {
        return new RemoteCommand(line, timeout, stdin, pty, newListener, what);
    }
}
