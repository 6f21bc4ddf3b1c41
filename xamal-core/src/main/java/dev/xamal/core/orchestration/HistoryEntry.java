package dev.xamal.core.orchestration;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.OptionalInt;

/**
 * One line of an app's {@code history} on a host: one switch, tab-separated
 * {@code time host role port version action} ({@code -} as the port of a role without proxy).
 * Rollback, prune and versions read these lines, never file times.
 */
public record HistoryEntry(Instant time, String host, String role, OptionalInt port, String version, String action) {
    public String line() {
        return String.join("\t", time.truncatedTo(ChronoUnit.SECONDS).toString(), host, role,
                port.isPresent() ? Integer.toString(port.getAsInt()) : "-", version, action);
    }
}
