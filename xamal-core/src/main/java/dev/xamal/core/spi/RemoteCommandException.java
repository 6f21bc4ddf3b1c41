package dev.xamal.core.spi;

import dev.xamal.core.EnvironmentException;
import dev.xamal.core.config.Host;

/**
 * A remote command that exited unsuccessfully. The message names the host, the command, the exit
 * status and the tail of the output. Front ends redact the message before showing it.
 */
public class RemoteCommandException extends EnvironmentException {
    private static final long serialVersionUID = 1L;
    static final int TAIL_LINES = 20;

    private final transient Host host;
    private final String command;
    private final int exitStatus;
    private final String outputTail;

    public RemoteCommandException(Host host, String command, CommandResult result) {
        super(message(host, command, result));
        this.host = host;
        this.command = command;
        this.exitStatus = result.exitStatus();
        this.outputTail = tail(result);
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
        String tail = tail(result);
        return "Command failed on " + host.id() + " with " + status + ": " + command
                + (tail.isEmpty() ? "" : "\n--- last output ---\n" + tail);
    }

    static String tail(CommandResult result) {
        String combined = (result.stdout() == null ? "" : result.stdout())
                + (result.stderr() == null || result.stderr().isEmpty() ? "" : "\n" + result.stderr());
        String[] lines = combined.strip().split("\\R");
        int from = Math.max(0, lines.length - TAIL_LINES);
        return String.join("\n", java.util.Arrays.copyOfRange(lines, from, lines.length)).strip();
    }
}
