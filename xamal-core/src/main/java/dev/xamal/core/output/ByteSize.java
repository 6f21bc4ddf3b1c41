package dev.xamal.core.output;

import java.util.Locale;

/** Byte counts for people, in decimal units: {@code 812 B}, {@code 12.3 kB}, {@code 40.1 MB}, {@code 1.2 GB}. */
public final class ByteSize {
    private static final String[] UNITS = {"kB", "MB", "GB", "TB"};

    private ByteSize() {
    }

    public static String of(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1000 && unit < UNITS.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }
}
