package dev.xamal.core.commands;

/** The audit log's commands: {@code ~/.xamal/<app>-audit.log} on every host acted on. Pure. */
public final class AuditCommands {
    private final String file;

    /** @param appId the app's identity ({@code <service>} or {@code <service>.<destination>}) */
    public AuditCommands(String appId) {
        if (!appId.matches("[a-z0-9_.-]+")) {
            throw new IllegalArgumentException("not an app id: " + appId);
        }
        this.file = "\"$HOME\"/.xamal/" + appId + "-audit.log";
    }

    /** Appends one line (quoted: nothing in it runs on the host). */
    public String append(String line) {
        if (line.contains("\n")) {
            throw new IllegalArgumentException("an audit line is one line: " + line);
        }
        return "mkdir -p \"$HOME\"/.xamal && printf '%s\\n' " + Shell.quote(line) + " >> " + file;
    }

    /** Prints the last {@code lines} lines, or nothing when the log does not exist yet. */
    public String tail(int lines) {
        return "if [ -f " + file + " ]; then tail -n " + lines + " " + file + "; fi";
    }
}
