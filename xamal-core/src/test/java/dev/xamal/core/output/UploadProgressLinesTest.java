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
    void eachHostAndEachUploadHasItsOwnLinesAndSmallUploadsNone() {
        UploadProgress a = progress.forHost("a");
        UploadProgress b = progress.forHost("b");
        b.sent(0, 500);
        b.sent(500, 500);
        a.sent(0, 2_000_000);
        b.sent(0, 5_000_000);
        clock.set(SECOND);
        a.sent(2_000_000, 2_000_000);
        a.sent(0, 8_000_000);
        clock.set(3 * SECOND);
        a.sent(8_000_000, 8_000_000);
        b.sent(5_000_000, 5_000_000);

        assertThat(output.lines).containsExactly(
                "INFO [a] sent 2.0 MB in 1.0 s (2.0 MB/s)",
                "INFO [a] sent 8.0 MB in 2.0 s (4.0 MB/s)",
                "INFO [b] sent 5.0 MB in 3.0 s (1.7 MB/s)");
    }

    @Test
    void sizesReadLikeSizes() {
        assertThat(UploadProgressLines.size(999)).isEqualTo("999 B");
        assertThat(UploadProgressLines.size(1_234)).isEqualTo("1.2 kB");
        assertThat(UploadProgressLines.size(41_200_000)).isEqualTo("41.2 MB");
        assertThat(UploadProgressLines.size(1_500_000_000L)).isEqualTo("1.5 GB");
    }
}
