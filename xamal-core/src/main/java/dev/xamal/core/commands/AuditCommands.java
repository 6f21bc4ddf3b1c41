package dev.xamal.core.commands;

import java.util.List;

/** The audit log's commands: {@code ~/.xamal/<app>-audit.log} on every host acted on. Pure. */
public final class AuditCommands {
    /** The SSH user's directory of xamal's files on a host (the audit logs, the deploy lock), as the shell reads it. */
    public static final String XAMAL_DIR = "\"$HOME\"/.xamal";
    private final String file;

    /** @param appId the app's identity ({@code <service>} or {@code <service>.<destination>}) */
    public AuditCommands(String appId) {
        if (!appId.matches("[a-z0-9_.-]+")) {
            throw new IllegalArgumentException("not an app id: " + appId);
        }
        this.file = XAMAL_DIR + "/" + appId + "-audit.log";
    }

    /** Appends one line (quoted: nothing in it runs on the host). */
    public String append(String line) {
        return append(List.of(line));
    }

    /** Appends the lines, in order, in one write (quoted: nothing in them runs on the host). */
    public String append(List<String> lines) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("no audit line to append");
        }
        StringBuilder quoted = new StringBuilder();
        for (String line : lines) {
            if (line.contains("\n")) {
                throw new IllegalArgumentException("an audit line is one line: " + line);
            }
            quoted.append(' ').append(Shell.quote(line));
        }
        return FileCommands.ensureDirectory(XAMAL_DIR) + " && printf '%s\\n'" + quoted + " >> " + file;
    }

    /** Prints the last {@code lines} lines, or nothing when the log does not exist yet. */
    public String tail(int lines) {
        return "if [ -f " + file + " ]; then tail -n " + lines + " " + file + "; fi";
    }
}
