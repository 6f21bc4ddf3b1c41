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
    public String line() {
        return String.join("\t", time.truncatedTo(ChronoUnit.SECONDS).toString(), host, role,
                port.isPresent() ? Integer.toString(port.getAsInt()) : "-", version, action);
    }

    /** The entries of a history file's text, oldest first; lines that are not entries are skipped. */
    public static List<HistoryEntry> parseAll(String text) {
        return text.lines().map(HistoryEntry::parse).flatMap(Optional::stream).toList();
    }

    /** One line as {@link #line()} writes it, or empty when it is not one. */
    public static Optional<HistoryEntry> parse(String line) {
        String[] fields = line.split("\t", -1);
        if (fields.length != 6) {
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
