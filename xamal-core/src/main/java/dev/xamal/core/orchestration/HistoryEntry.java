package dev.xamal.core.orchestration;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One line of an app's {@code history} on a host: one switch, tab-separated
 * {@code time host role port version action} ({@code -} as the port of a role without proxy).
 * Rollback, prune and versions read these lines, never file times.
 */
public record HistoryEntry(Instant time, String host, String role, OptionalInt port, String version, String action) {
    /** The action of a deploy's switch. */
    public static final String DEPLOY = "deploy";
    /** The action of a rollback's switch. */
    public static final String ROLLBACK = "rollback";
    /** The action of an {@code app-boot}'s switch. */
    public static final String BOOT = "boot";

    public String line() {
        return String.join("\t", time.truncatedTo(ChronoUnit.SECONDS).toString(), host, role,
                port.isPresent() ? Integer.toString(port.getAsInt()) : "-", version, action);
    }

    /** The entries of a history file's text, oldest first; lines that are not entries are skipped. */
    public static List<HistoryEntry> parseAll(String text) {
        return text.lines().map(HistoryEntry::parse).flatMap(Optional::stream).toList();
    }

    /** The entry a {@link #line()} wrote, or empty for a line that is not one (damaged or foreign). */
    public static Optional<HistoryEntry> parse(String line) {
        String[] fields = line.strip().split("\t");
        if (fields.length != 6 || fields[4].isEmpty()) {
            return Optional.empty();
        }
        try {
            OptionalInt port = fields[3].equals("-") ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(fields[3]));
            return Optional.of(new HistoryEntry(Instant.parse(fields[0]), fields[1], fields[2], port, fields[4],
                    fields[5]));
        } catch (DateTimeParseException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
