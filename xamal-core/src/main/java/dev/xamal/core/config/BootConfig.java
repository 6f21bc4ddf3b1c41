package dev.xamal.core.config;

import java.util.Optional;

/**
 * Rolling boots ({@code boot:}).
 *
 * @param limit how many hosts boot at once (default: all)
 * @param waitSeconds seconds to wait between batches (default 0)
 */
public record BootConfig(Optional<BootLimit> limit, int waitSeconds) {

    /** The batch size for a role of {@code hosts} hosts. */
    public int batchSize(int hosts) {
        return limit.map(l -> l.batchSize(hosts)).orElse(Math.max(hosts, 1));
    }
}
