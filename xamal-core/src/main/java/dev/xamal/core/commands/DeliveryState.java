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
 */
public record DeliveryState(String uname, String marker, Set<String> completeLayers) {
    /** The line between the parts (no command's output has it). */
    public static final String SEPARATOR = "--xamal-delivery-state--";

    public DeliveryState {
        completeLayers = Set.copyOf(completeLayers);
    }

    /** @throws IllegalArgumentException when the output does not have the three parts */
    public static DeliveryState parse(String stdout) {
        String[] parts = stdout.split("\n" + SEPARATOR + "\n", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("expected 3 parts separated by " + SEPARATOR + ", got " + parts.length);
        }
        return new DeliveryState(parts[0], parts[1], Set.copyOf(List.copyOf(parts[2].lines().toList())));
    }
}
