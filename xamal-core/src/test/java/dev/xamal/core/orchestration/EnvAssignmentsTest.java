package dev.xamal.core.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xamal.core.UsageException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class EnvAssignmentsTest {
    @Test
    void pairsSplitOnlyWhereANameAndEqualsFollowTheComma() {
        assertThat(EnvAssignments.parse("GREETING=hello, \"world\",MODE=a=b,EMPTY=")).containsExactly(
                Map.entry("GREETING", "hello, \"world\""), Map.entry("MODE", "a=b"), Map.entry("EMPTY", ""));
        assertThat(EnvAssignments.parse(null)).isEmpty();
        assertThat(EnvAssignments.parse("  ")).isEmpty();
    }

    @Test
    void somethingThatIsNotAPairIsAUsageError() {
        assertThatThrownBy(() -> EnvAssignments.parse("JUSTANAME")).isInstanceOf(UsageException.class)
                .hasMessageContaining("'JUSTANAME' is not one");
        assertThatThrownBy(() -> EnvAssignments.parse("1A=x")).isInstanceOf(UsageException.class);
    }

    @Test
    void migrateRunsAMainClassThroughTheLaunchersRun() {
        assertThat(Migrate.launcherArguments("com.example.Migrate")).containsExactly("run", "com.example.Migrate");
        assertThat(Migrate.launcherArguments(" com.example.Migrate --apply ")).containsExactly("run",
                "com.example.Migrate", "--apply");
        assertThat(Migrate.launcherArguments("run com.example.Migrate")).containsExactly("run", "com.example.Migrate");
    }

    @Test
    void historyLinesParseBackIntoEntries() {
        HistoryEntry proxied = new HistoryEntry(Instant.parse("2026-11-26T10:00:00Z"), "h1:22", "web", OptionalInt.of(4000),
                "v1", "deploy");
        HistoryEntry plain = new HistoryEntry(Instant.parse("2026-11-26T10:01:00Z"), "h1:22", "worker",
                OptionalInt.empty(), "v1", "deploy");
        assertThat(HistoryEntry.parseAll(proxied.line() + "\n" + "garbage\n" + plain.line() + "\n"))
                .isEqualTo(List.of(proxied, plain));
    }
}
