package dev.xamal.core.init;

import java.util.List;

/**
 * The result of converting one Kamal configuration file.
 *
 * @param yaml    the xamal configuration text (with a comment header listing what was left out)
 * @param skipped every key that was not carried over, with the reason, in file order
 */
public record KamalConversion(String yaml, List<Skipped> skipped) {
    public KamalConversion {
        skipped = List.copyOf(skipped);
    }

    /**
     * A key of the Kamal file that has no place in the xamal file.
     *
     * @param key    the full key path, e.g. {@code servers.job.options}
     * @param reason why, and what to do instead
     */
    public record Skipped(String key, String reason) {
        /** The line shown to the user. */
        public String line() {
            return key + ": " + reason;
        }
    }
}
