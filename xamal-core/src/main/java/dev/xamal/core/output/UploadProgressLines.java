package dev.xamal.core.output;

import dev.xamal.core.spi.UploadProgress;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Upload progress as host-prefixed lines: while an upload runs, at most one line per host every
 * {@code interval} ({@code uploading 12.0 MB of 40.1 MB (5.2 MB/s)}), and one line when it ends
 * ({@code sent 40.1 MB in 3.1 s (13.0 MB/s)}). Uploads under {@link #REPORTED_SIZE} say nothing:
 * they take no time worth reporting.
 */
public final class UploadProgressLines implements UploadProgress {
    /** How often a running upload reports by default. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(3);
    /** The smallest upload that gets progress lines. */
    public static final long REPORTED_SIZE = 1_000_000;
    private final Output output;
    private final long intervalNanos;
    private final LongSupplier nanoClock;

    /**
     * @param output    where the lines go
     * @param interval  the least time between two lines of one running upload
     * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime})
     */
    public UploadProgressLines(Output output, Duration interval, LongSupplier nanoClock) {
        this.output = output;
        this.intervalNanos = interval.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Lines every {@link #DEFAULT_INTERVAL}, on the system's clock. */
    public UploadProgressLines(Output output) {
        this(output, DEFAULT_INTERVAL, System::nanoTime);
    }

    @Override
    public void sent(long bytesSent, long bytesTotal) {
        // Only uploads with a host say anything: see forHost.
    }

    @Override
    public UploadProgress forHost(String hostId) {
        return new HostProgress(hostId);
    }

    /** One host's uploads, one after another. */
    private final class HostProgress implements UploadProgress {
        private final String hostId;
        private long started = -1;
        private long lastLine;
        private long lastSent;

        HostProgress(String hostId) {
            this.hostId = hostId;
        }

        @Override
        public synchronized void sent(long bytesSent, long bytesTotal) {
            long now = nanoClock.getAsLong();
            if (started < 0 || bytesSent < lastSent) {
                started = now;
                lastLine = now;
            }
            lastSent = bytesSent;
            if (bytesTotal < REPORTED_SIZE) {
                if (bytesSent >= bytesTotal) {
                    started = -1;
                    lastSent = 0;
                }
                return;
            }
            double seconds = (now - started) / 1e9;
            if (bytesSent >= bytesTotal) {
                output.sourceLine(hostId, String.format(Locale.ROOT, "sent %s in %.1f s (%s)",
                        size(bytesTotal), seconds, rate(bytesTotal, seconds)));
                started = -1;
                lastSent = 0;
            } else if (now - lastLine >= intervalNanos) {
                lastLine = now;
                output.sourceLine(hostId, String.format(Locale.ROOT, "uploading %s of %s (%s)",
                        size(bytesSent), size(bytesTotal), rate(bytesSent, seconds)));
            }
        }
    }

    /** A byte count for people: {@code 812 B}, {@code 12.3 kB}, {@code 40.1 MB}, {@code 1.2 GB}. */
    static String size(long bytes) {
        return ByteSize.of(bytes);
    }

    private static String rate(long bytes, double seconds) {
        return seconds <= 0 ? "-" : size(Math.round(bytes / seconds)) + "/s";
    }
}
