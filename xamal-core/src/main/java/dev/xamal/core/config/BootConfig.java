package dev.xamal.core.config;

import java.util.Optional;

/**
 * Rolling boots ({@code boot:}): a deploy boots its hosts in groups of at most {@code limit}
 * hosts, one group after another.
 *
 * @param limit how many hosts boot at once (default: all)
 * @param waitSeconds seconds to wait between two groups (default 0)
 */
public record BootConfig(Optional<BootLimit> limit, int waitSeconds) {

    /** The group size for a deploy to {@code hosts} hosts. */
    public int batchSize(int hosts) {
        return limit.map(l -> l.batchSize(hosts)).orElse(Math.max(hosts, 1));
    }
}
