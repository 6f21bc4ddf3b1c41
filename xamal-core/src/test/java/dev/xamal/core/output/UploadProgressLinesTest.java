package dev.xamal.core.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xamal.core.release.TestOutput;
import dev.xamal.core.spi.UploadProgress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class UploadProgressLinesTest {
    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong clock = new AtomicLong();
    private final TestOutput output = new TestOutput();
    private final UploadProgressLines progress = new UploadProgressLines(output, Duration.ofSeconds(3), clock::get);

    @Test
    void atMostOneLinePerIntervalWhileRunningThenAFinalLineWithTheRate() {
        UploadProgress host = progress.forHost("web1:2222");
        host.sent(0, 40_000_000);
        for (int i = 1; i < 40; i++) {
            clock.addAndGet(SECOND / 4);
            host.sent(i * 1_000_000L, 40_000_000);
        }
        clock.set(10 * SECOND);
        host.sent(40_000_000, 40_000_000);

        assertThat(output.lines).containsExactly(
                "INFO [web1:2222] uploading 12.0 MB of 40.0 MB (4.0 MB/s)",
                "INFO [web1:2222] uploading 24.0 MB of 40.0 MB (4.0 MB/s)",
                "INFO [web1:2222] uploading 36.0 MB of 40.0 MB (4.0 MB/s)",
                "INFO [web1:2222] sent 40.0 MB in 10.0 s (4.0 MB/s)");
    }

    @Test
    void eachHostAndEachUploadHasItsOwnLines() {
        UploadProgress a = progress.forHost("a");
        UploadProgress b = progress.forHost("b");
        a.sent(0, 2_000);
        b.sent(0, 500);
        clock.set(SECOND);
        b.sent(500, 500);
        a.sent(2_000, 2_000);
        a.sent(0, 800);
        clock.set(3 * SECOND);
        a.sent(800, 800);

        assertThat(output.lines).containsExactly(
                "INFO [b] sent 500 B in 1.0 s (500 B/s)",
                "INFO [a] sent 2.0 kB in 1.0 s (2.0 kB/s)",
                "INFO [a] sent 800 B in 2.0 s (400 B/s)");
    }

    @Test
    void sizesReadLikeSizes() {
        assertThat(UploadProgressLines.size(999)).isEqualTo("999 B");
        assertThat(UploadProgressLines.size(1_234)).isEqualTo("1.2 kB");
        assertThat(UploadProgressLines.size(41_200_000)).isEqualTo("41.2 MB");
        assertThat(UploadProgressLines.size(1_500_000_000L)).isEqualTo("1.5 GB");
    }
}
