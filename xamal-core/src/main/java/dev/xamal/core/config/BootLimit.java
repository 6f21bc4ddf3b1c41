package dev.xamal.core.config;

/**
 * {@code boot.limit}: how many hosts boot at once, as a count or a percentage of the hosts deployed.
 *
 * @param value   the count, or the percentage when {@code percent}
 * @param percent whether {@code value} is a percentage of the hosts deployed
 */
public record BootLimit(int value, boolean percent) {

    /** The group size for a deploy to {@code hosts} hosts; at least 1. */
    public int batchSize(int hosts) {
        int size = percent ? (int) ((long) hosts * value / 100) : value;
        return Math.max(1, Math.min(size, Math.max(hosts, 1)));
    }

    /** The limit as written: {@code 2} or {@code 25%}. */
    @Override
    public String toString() {
        return percent ? value + "%" : Integer.toString(value);
    }
}
