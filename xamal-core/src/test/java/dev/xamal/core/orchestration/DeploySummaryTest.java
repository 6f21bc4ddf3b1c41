package dev.xamal.core.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xamal.core.config.Host;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class DeploySummaryTest {
    @Test
    void oneAlignedRowPerHostAndRole() {
        List<String> lines = DeploySummary.lines(List.of(
                new Booted(Host.parse("web1.example.com"), "web", "3f2a1c0", OptionalInt.of(4001), OptionalInt.of(4000),
                        2, Duration.ofMillis(300), Duration.ofMillis(4_240)),
                new Booted(Host.parse("localhost:2202"), "worker", "3f2a1c0", OptionalInt.empty(), OptionalInt.empty(),
                        0, Duration.ZERO, Duration.ofMillis(7_900))));
        assertThat(lines).containsExactly(
                "  HOST              ROLE    VERSION  PORT  TIME   REPLACED",
                "  web1.example.com  web     3f2a1c0  4001  4.2 s  port 4000, drained in 0.3 s",
                "  localhost:2202    worker  3f2a1c0  -     7.9 s  -");
    }

    @Test
    void nothingBootedPrintsNothing() {
        assertThat(DeploySummary.lines(List.of())).isEmpty();
    }
}
