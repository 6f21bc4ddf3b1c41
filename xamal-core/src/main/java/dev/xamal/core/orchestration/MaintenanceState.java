package dev.xamal.core.orchestration;

import dev.xamal.core.spi.ProxySite.Maintenance;
import java.util.Optional;

/**
 * The {@code maintenance} state file of an app on a host: present while the app is in
 * maintenance, holding the response its site serves, so a deploy in between keeps serving it.
 * Lines {@code retry_after <seconds>}, {@code message <text>} and optionally {@code page <path>}.
 * Pure.
 */
public final class MaintenanceState {
    private MaintenanceState() {
    }

    /** The file's content for a response. */
    public static String text(Maintenance response) {
        StringBuilder text = new StringBuilder()
                .append("retry_after ").append(response.retryAfterSeconds()).append('\n')
                .append("message ").append(response.message()).append('\n');
        response.page().ifPresent(page -> text.append("page ").append(page).append('\n'));
        return text.toString();
    }

    /**
     * The response a state file holds; empty when there is no file (blank text). A file this
     * version cannot read still means maintenance, with the default message.
     */
    public static Optional<Maintenance> parse(String text) {
        if (text.isBlank()) {
            return Optional.empty();
        }
        int retryAfter = DEFAULT_RETRY_AFTER;
        String message = Maintenance.DEFAULT_MESSAGE;
        Optional<String> page = Optional.empty();
        for (String line : text.split("\n")) {
            int space = line.indexOf(' ');
            String key = space < 0 ? line : line.substring(0, space);
            String value = space < 0 ? "" : line.substring(space + 1);
            switch (key) {
                case "retry_after" -> retryAfter = value.matches("[0-9]{1,9}") ? Integer.parseInt(value) : retryAfter;
                case "message" -> message = value.isEmpty() ? message : value;
                case "page" -> page = value.isEmpty() ? page : Optional.of(value);
                default -> {
                    // a later version's key: ignored
                }
            }
        }
        return Optional.of(new Maintenance(message, page, retryAfter));
    }

    /** The {@code Retry-After} seconds when none is given. */
    public static final int DEFAULT_RETRY_AFTER = 60;
}
