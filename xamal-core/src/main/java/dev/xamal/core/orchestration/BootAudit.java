package dev.xamal.core.orchestration;

import dev.xamal.core.commands.AuditCommands;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The audit line of each switch a boot makes ({@code Booted web version v3 on port 4001},
 * {@code Rolled back web version v2 on port 4000}): {@link SlotBoot} appends it to the host's audit
 * log ({@link AuditLog}'s file, {@link AuditEntry}'s format) in the same round trip as the
 * switch's record, so a host that switched has its line even when another host's boot failed.
 *
 * @param performer who boots
 * @param appId     the service, or {@code <service>.<destination>}
 */
public record BootAudit(String performer, String appId) {
    public BootAudit {
        Objects.requireNonNull(performer, "performer");
        Objects.requireNonNull(appId, "appId");
    }

    /** What the line says happened, for a switch the history records as {@code action}. */
    static String verb(String action) {
        return action.equals(HistoryEntry.ROLLBACK) ? "Rolled back" : "Booted";
    }

    /** The audit line of a switch of {@code role} to {@code version} (on {@code port}, for a proxied role). */
    public String line(Instant time, String role, String version, OptionalInt port, String action) {
        return new AuditEntry(time, performer, appId, Optional.of(role), Optional.of(version), verb(action) + " " + role
                + " version " + version + (port.isPresent() ? " on port " + port.getAsInt() : "")).line();
    }

    /** The command that appends {@link #line} to the host's audit log. */
    String append(Instant time, String role, String version, OptionalInt port, String action) {
        return new AuditCommands(appId).append(line(time, role, version, port, action));
    }
}
