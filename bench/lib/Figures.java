package bench.lib;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/** What every benchmark reports: medians and ranges of measured times, and the machine's load. */
public final class Figures {
    private Figures() {
    }

    /** Runs {@code measurement} {@code rounds} times and returns the median. */
    public static long median(int rounds, LongSupplier measurement) {
        List<Long> values = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            values.add(measurement.getAsLong());
        }
        return median(values);
    }

    /** The median of {@code values} (the upper one of an even count). */
    public static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    public static long min(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).min().orElseThrow();
    }

    public static long max(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).max().orElseThrow();
    }

    /** {@code /proc/loadavg}: the 1, 5 and 15 minute load averages and the run queue. */
    public static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    public static long elapsedMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
