package dev.xamal.core.orchestration;

import dev.xamal.core.hooks.HookVariables;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One line of an app's audit log: {@code [time] [performer] [app] [role] [version] action}, each
 * field in brackets, the role and version left out when the action has none (Kamal's format, with
 * the app — service or service.destination — in place of the destination alone).
 *
 * @param time      when it happened (UTC, microseconds)
 * @param performer who did it
 * @param appId     the service, or {@code <service>.<destination>}
 * @param role      the role acted on, if one
 * @param version   the version acted on, if one
 * @param action    what happened, such as {@code Booted web on port 4301}
 */
public record AuditEntry(Instant time, String performer, String appId, Optional<String> role,
                         Optional<String> version, String action) {
    public AuditEntry {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(performer, "performer");
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(action, "action");
    }

    /** The line, on one line whatever the fields hold. */
    public String line() {
        String tags = Stream.of(Optional.of(HookVariables.timestamp(time)), Optional.of(performer), Optional.of(appId), role,
                        version)
                .flatMap(Optional::stream)
                .map(field -> "[" + flat(field) + "]")
                .collect(Collectors.joining(" "));
        return tags + " " + flat(action);
    }

    private static String flat(String value) {
        return value.replaceAll("[\\r\\n]+", " ");
    }
}
