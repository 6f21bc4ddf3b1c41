package dev.xamal.core.commands;

import java.util.List;
import java.util.Set;

/**
 * What {@link DeployCommands#deliveryState} printed: each part exactly as its own command would
 * have printed it.
 *
 * @param uname          {@link DeployCommands#uname()}'s output
 * @param marker         the release's completeness marker, empty when the release is not complete
 * @param completeLayers the digests whose layers are complete in the host's cache
 * @param current        {@link DeployCommands#readCurrent()}'s output
 * @param slots          {@link DeployCommands#activePortAndMaintenance()}'s output
 */
public record DeliveryState(String uname, String marker, Set<String> completeLayers, String current, String slots) {
    /** The line between the parts (no command's output has it). */
    public static final String SEPARATOR = "--xamal-delivery-state--";

    public DeliveryState {
        completeLayers = Set.copyOf(completeLayers);
    }

    /** @throws IllegalArgumentException when the output does not have the five parts */
    public static DeliveryState parse(String stdout) {
        String[] parts = stdout.split("\n" + SEPARATOR + "\n", -1);
        if (parts.length != 5) {
            throw new IllegalArgumentException("expected 5 parts separated by " + SEPARATOR + ", got " + parts.length);
        }
        return new DeliveryState(parts[0], parts[1], Set.copyOf(List.copyOf(parts[2].lines().toList())), parts[3],
                parts[4]);
    }

    /** {@link DeployCommands#readActivePort()}'s output: the part of {@link #slots()} before its maintenance line. */
    public String activePort() {
        String[] parts = SeparatedOutput.aroundLine(slots, DeployCommands.MAINTENANCE_SEPARATOR, false);
        return parts == null ? slots : parts[0];
    }

    /** The version {@code current} points at, empty before the first switch. */
    public String runningVersion() {
        return DeployCommands.currentVersion(current);
    }
}
