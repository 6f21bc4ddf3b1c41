package dev.xamal.core.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xamal.core.config.Host;
import java.time.Instant;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ReleaseReportTest {
    private static final Host HOST = Host.parse("web1");

    private static String line(String version, String action, int second) {
        return "history " + new HistoryEntry(Instant.parse("2026-11-26T07:00:00Z").plusSeconds(second), "web1", "web",
                OptionalInt.of(4000), version, action).line() + "\n";
    }

    @Test
    void versionsMarkCurrentPreviousRemovedAndDeliveredReleases() {
        HostReleases releases = HostReleases.parse(HOST, "current releases/v3\nactive_port 4000\n"
                + "complete v2\ncomplete v3\ncomplete v4\n"
                + line("v1", "deploy", 1) + line("v2", "deploy", 2) + line("v3", "deploy", 3));
        assertThat(ReleaseReport.versionLines(releases))
                .containsExactly("v3 (current)", "v2 (previous)", "v1 (removed)", "v4 (delivered)");
    }

    @Test
    void appVersionSaysWhatRunsAndOnWhichPort() {
        assertThat(ReleaseReport.runningLine(HostReleases.parse(HOST, "current releases/v3\nactive_port 4001\n")))
                .isEqualTo("v3 on port 4001");
        assertThat(ReleaseReport.runningLine(HostReleases.parse(HOST, "current releases/v3\nactive_port \n")))
                .isEqualTo("v3");
        assertThat(ReleaseReport.runningLine(HostReleases.parse(HOST, "current \nactive_port \n")))
                .isEqualTo("nothing deployed yet");
        assertThat(ReleaseReport.runningLine(HostReleases.parse(HOST, ""))).isEqualTo("not set up (no app directory)");
        assertThat(ReleaseReport.versionLines(HostReleases.parse(HOST, "current \nactive_port \n")))
                .containsExactly("no releases");
    }
}
