package dev.xamal.core;

/**
 * A failure of the environment rather than of the user's input: an SSH connection, a remote
 * command, a health check, local I/O. The message names the host, the command, its exit status
 * and the tail of its output where those exist.
 */
public class EnvironmentException extends XamalException {
    private static final long serialVersionUID = 1L;

    public EnvironmentException(String message) {
        super(message);
    }

    public EnvironmentException(String message, Throwable cause) {
        super(message, cause);
    }
}
