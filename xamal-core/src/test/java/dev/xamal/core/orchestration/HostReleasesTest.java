package dev.xamal.core.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xamal.core.config.Host;
import java.time.Instant;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class HostReleasesTest {
    private static final Host HOST = Host.parse("web1:2222");

    private static String history(String... versionsAndActions) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < versionsAndActions.length; i += 2) {
            out.append("history ").append(new HistoryEntry(Instant.parse("2026-11-26T07:00:00Z").plusSeconds(i), "web1:2222",
                    "web", OptionalInt.of(4000 + i / 2 % 2), versionsAndActions[i], versionsAndActions[i + 1]).line())
                    .append('\n');
        }
        return out.toString();
    }

    @Test
    void readsCurrentActivePortCompleteReleasesAndHistory() {
        HostReleases releases = HostReleases.parse(HOST, "current releases/v2\nactive_port 4001\ncomplete v1\ncomplete v2\n"
                + history("v1", "deploy", "v2", "deploy"));
        assertThat(releases.present()).isTrue();
        assertThat(releases.current()).hasValue("v2");
        assertThat(releases.activePort()).hasValue(4001);
        assertThat(releases.complete()).containsExactly("v1", "v2");
        assertThat(releases.history()).extracting(HistoryEntry::version).containsExactly("v1", "v2");
        assertThat(releases.isComplete("v1")).isTrue();
        assertThat(releases.isComplete("v3")).isFalse();
    }

    @Test
    void thePreviousReleaseIsTheNewestOtherVersionOfTheHistoryNeverAFileTime() {
        assertThat(HostReleases.parse(HOST, "current releases/v2\n" + history("v1", "deploy", "v2", "deploy")).previous())
                .hasValue("v1");
        assertThat(HostReleases.parse(HOST, "current releases/v3\n"
                + history("v1", "deploy", "v2", "deploy", "v2", "boot", "v3", "deploy")).previous()).hasValue("v2");
        assertThat(HostReleases.parse(HOST, "current releases/v1\n"
                + history("v1", "deploy", "v2", "deploy", "v1", "rollback")).previous())
                .as("after a rollback the previous release is the one rolled back from").hasValue("v2");
        assertThat(HostReleases.parse(HOST, "current releases/v1\n" + history("v1", "deploy")).previous()).isEmpty();
    }

    @Test
    void anAbsentAppAFreshAppAndDamagedLinesReadAsNothing() {
        HostReleases absent = HostReleases.parse(HOST, "");
        assertThat(absent.present()).isFalse();
        assertThat(absent.current()).isEmpty();
        assertThat(absent.previous()).isEmpty();

        HostReleases fresh = HostReleases.parse(HOST, "current \nactive_port \n");
        assertThat(fresh.present()).isTrue();
        assertThat(fresh.current()).isEmpty();
        assertThat(fresh.activePort()).isEmpty();

        HostReleases damaged = HostReleases.parse(HOST, "current releases/v1\nhistory garbage\nhistory a\tb\n"
                + history("v1", "deploy"));
        assertThat(damaged.history()).hasSize(1);
    }

    @Test
    void versionsAreListedMostRecentlySwitchedToFirst() {
        HostReleases releases = HostReleases.parse(HOST, "current releases/v1\n"
                + history("v1", "deploy", "v2", "deploy", "v3", "deploy", "v1", "rollback"));
        assertThat(releases.versionsNewestFirst()).containsExactly("v1", "v3", "v2");
    }

    @Test
    void aHistoryLineReadsBackAsTheEntryItWasWrittenFrom() {
        HistoryEntry proxied = new HistoryEntry(Instant.parse("2026-11-26T07:00:00Z"), "web1:2222", "web",
                OptionalInt.of(4001), "abc", "rollback");
        HistoryEntry plain = new HistoryEntry(Instant.parse("2026-11-26T07:00:00Z"), "web1", "worker",
                OptionalInt.empty(), "abc", "deploy");
        assertThat(HistoryEntry.parse(proxied.line())).hasValue(proxied);
        assertThat(HistoryEntry.parse(plain.line())).hasValue(plain);
        assertThat(HistoryEntry.parse("not a history line")).isEmpty();
        assertThat(HistoryEntry.parse("yesterday\tweb1\tweb\t4000\tv1\tdeploy")).isEmpty();
    }
}
