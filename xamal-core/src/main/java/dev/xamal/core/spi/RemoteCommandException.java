package dev.xamal.core.spi;

import dev.xamal.core.EnvironmentException;
import dev.xamal.core.config.Host;

/**
 * A remote command that exited unsuccessfully. The message names the host, the command, the exit
 * status and the tail of the output. Front ends redact the message before showing it.
 */
public class RemoteCommandException extends EnvironmentException {
    private static final long serialVersionUID = 1L;

    private final transient Host host;
    private final String command;
    private final int exitStatus;
    private final String outputTail;

    public RemoteCommandException(Host host, String command, CommandResult result) {
        super(message(host, command, result));
        this.host = host;
        this.command = command;
        this.exitStatus = result.exitStatus();
        this.outputTail = result.outputTail();
    }

    public Host host() {
        return host;
    }

    public String command() {
        return command;
    }

    public int exitStatus() {
        return exitStatus;
    }

    public String outputTail() {
        return outputTail;
    }

    private static String message(Host host, String command, CommandResult result) {
        String status = result.exitStatus() < 0 ? "no exit status (killed or disconnected)"
                : "exit status " + result.exitStatus();
        String tail = result.outputTail();
        return "Command failed on " + host.id() + " with " + status + ": " + command
                + (tail.isEmpty() ? "" : "\n--- last output ---\n" + tail);
    }
}
