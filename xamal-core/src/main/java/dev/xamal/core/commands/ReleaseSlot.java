package dev.xamal.core.commands;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * One slot of an app on a host: the directory a unit runs (a link to a release), the env file
 * that unit reads and the unit's name (design §6).
 *
 * @param role    the role the slot belongs to
 * @param port    the port of a proxied role's instance; empty for a role without proxy
 * @param dir     the slot directory ({@code slots/<port>} or {@code slots/<role>})
 * @param envFile the slot's env file
 * @param unit    the systemd unit that runs the slot
 */
public record ReleaseSlot(String role, OptionalInt port, String dir, String envFile, String unit) {
    public ReleaseSlot {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(envFile, "envFile");
        Objects.requireNonNull(unit, "unit");
    }

    /** The slot of a proxied role's instance on a port. */
    public static ReleaseSlot proxied(AppLayout layout, String role, int port) {
        return new ReleaseSlot(role, OptionalInt.of(port), layout.slot(port), layout.envFile(role, port),
                layout.instanceUnitName(role, port));
    }

    /** The slot of a role without proxy. */
    public static ReleaseSlot plain(AppLayout layout, String role) {
        return new ReleaseSlot(role, OptionalInt.empty(), layout.slot(role), layout.envFile(role),
                layout.plainUnitName(role));
    }

    /** The slot's name under {@code slots/}: its port, or its role. */
    public String name() {
        return port.isPresent() ? Integer.toString(port.getAsInt()) : role;
    }
}
