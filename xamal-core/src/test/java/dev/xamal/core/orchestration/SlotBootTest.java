package dev.xamal.core.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xamal.core.commands.DeployCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SlotBootTest {
    @Test
    void aProbeReadsTheStatusFromTheLastLineAndKeepsTheBody() {
        SlotBoot.Probe unhealthy = SlotBoot.Probe.parse("unhealthy (FLAG)\n\n503");
        assertThat(unhealthy.status()).isEqualTo(503);
        assertThat(unhealthy.healthy()).isFalse();
        assertThat(unhealthy.describe()).isEqualTo("status 503, body: unhealthy (FLAG)");

        assertThat(SlotBoot.Probe.parse("ok\n\n204").healthy()).isTrue();
        SlotBoot.Probe refused = SlotBoot.Probe.parse("\n000");
        assertThat(refused.healthy()).isFalse();
        assertThat(refused.describe()).isEqualTo("no answer");
    }

    @Test
    void aProbeLineDropsOnlyTheNewlinePrintedAfterTheStatus() {
        SlotBoot.Probe printed = SlotBoot.Probe.parseLine("starting\n\n503\n");
        assertThat(printed.status()).isEqualTo(503);
        assertThat(printed.describe()).isEqualTo("status 503, body: starting");
        assertThat(SlotBoot.Probe.parseLine("\n000\n").describe()).isEqualTo("no answer");
        assertThat(SlotBoot.Probe.parseLine("ok\n\n200").healthy()).isTrue();
    }

    @Test
    void aUnitThatFailedStoppedOrIsBeingRestartedCountsAsDead() {
        assertThat(SlotBoot.UnitState.parse("ActiveState=active SubState=running NRestarts=0 ").died()).isFalse();
        assertThat(SlotBoot.UnitState.parse("ActiveState=active SubState=running NRestarts=0 ").running()).isTrue();
        assertThat(SlotBoot.UnitState.parse("ActiveState=failed SubState=failed NRestarts=0 ").died()).isTrue();
        assertThat(SlotBoot.UnitState.parse("ActiveState=inactive SubState=dead NRestarts=0 ").died()).isTrue();
        assertThat(SlotBoot.UnitState.parse("ActiveState=activating SubState=auto-restart NRestarts=0 ").died())
                .isTrue();
        assertThat(SlotBoot.UnitState.parse("ActiveState=active SubState=running NRestarts=2 ").died()).isTrue();
    }

    @Test
    void aHealthyCheckNamesTheMainProcessItReadLastOrNone() {
        assertThat(SlotBoot.mainPid(DeployCommands.MAIN_PID + "4242\n")).hasValue(4242);
        assertThat(SlotBoot.mainPid("")).isEmpty();
        assertThat(SlotBoot.mainPid(DeployCommands.MAIN_PID + "0")).isEmpty();
        assertThat(SlotBoot.mainPid("ActiveState=active\nSubState=running")).isEmpty();
        assertThat(SlotBoot.UnitState.parse(DeployCommands.MAIN_PID + "4242").died())
                .as("a second look that found the process still running").isFalse();
    }

    @Test
    void aStopThatEndedInTimeoutWasAKillAndSaysHowLongItTook() {
        SlotBoot.StopOutcome killed = SlotBoot.StopOutcome.parse("Result=timeout TimeoutStopUSec=16s ",
                Duration.ofMillis(16_200));
        assertThat(killed.killed()).isTrue();
        assertThat(killed.describe("hello.web@4000.service")).isEqualTo("hello.web@4000.service did not exit on"
                + " SIGTERM; systemd killed it (SIGKILL) after its stop timeout (TimeoutStopSec 16s): the stop took 16.2 s");
        assertThat(SlotBoot.StopOutcome.parse("Result=success TimeoutStopUSec=16s ", Duration.ofMillis(300)).killed())
                .isFalse();
        assertThat(SlotBoot.StopOutcome.parse("", Duration.ZERO).killed()).isFalse();
    }

    @Test
    void theStopResultCommandAsksSystemdForResultAndStopTimeoutAndItsLinesParse() {
        assertThat(DeployCommands.stopResult("hello.web@4000.service"))
                .isEqualTo("/usr/bin/systemctl show -p Result -p TimeoutStopUSec hello.web@4000.service");
        assertThat(SlotBoot.StopOutcome.parse("Result=timeout\nTimeoutStopUSec=16s\n", Duration.ofSeconds(16)).killed())
                .as("one property a line, as systemctl prints them").isTrue();
        assertThat(SlotBoot.UnitState.parse("ActiveState=active\nSubState=running\nNRestarts=2\n").died()).isTrue();
        assertThat(SlotBoot.UnitState.parse("ActiveState=active\nSubState=running\nNRestarts=0\n").running()).isTrue();
    }

    @Test
    void aHistoryLineIsTabSeparatedWithADashForARoleWithoutPort() {
        Instant at = Instant.parse("2026-11-26T07:00:00.123Z");
        assertThat(new HistoryEntry(at, "web1:2222", "web", OptionalInt.of(4001), "abc", "deploy").line())
                .isEqualTo("2026-11-26T07:00:00Z\tweb1:2222\tweb\t4001\tabc\tdeploy");
        assertThat(new HistoryEntry(at, "web1", "worker", OptionalInt.empty(), "abc", "deploy").line())
                .isEqualTo("2026-11-26T07:00:00Z\tweb1\tworker\t-\tabc\tdeploy");
    }
}
