package dev.xamal.core.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LockHolderTest {
    private static final Instant AT = Instant.parse("2026-11-26T13:00:00Z");
    private static final String DETAILS = new LockDetails("Jo <jo@example.com>", AT, "v2", LockDetails.AUTOMATIC,
            "ci-7", 48213, "deploy").text();

    @Test
    void readsMachineProcessAndTimeFromTheDetails() {
        assertThat(LockHolder.parse(DETAILS)).isEqualTo(new LockHolder("ci-7", Optional.of(48213L), Optional.of(AT)));
        assertThat(LockHolder.parse("(no details written)"))
                .isEqualTo(new LockHolder("", Optional.empty(), Optional.empty()));
    }

    @Test
    void aHolderOfThisMachineWhoseProcessNoLongerRunsIsGone() {
        LockHolder holder = LockHolder.parse(DETAILS);
        assertThat(holder.goneFrom("ci-7", (pid, since) -> false)).isTrue();
        assertThat(holder.goneNote()).isEqualTo("Its holder is gone: process 48213 no longer runs on this machine"
                + " (ci-7); it was killed or lost before it could release the lock.");
    }

    @Test
    void aRunningHolderOrOneOfAnotherMachineIsNotJudged() {
        LockHolder holder = LockHolder.parse(DETAILS);
        assertThat(holder.goneFrom("ci-7", (pid, since) -> pid == 48213 && since.equals(Optional.of(AT)))).isFalse();
        assertThat(holder.goneFrom("laptop", (pid, since) -> false)).as("another machine").isFalse();
        assertThat(LockHolder.parse(DETAILS.replace("Process: 48213", "Process: ?")).goneFrom("ci-7", (pid, s) -> false))
                .as("no process id").isFalse();
    }

    @Test
    void thisMachineTellsItsOwnProcessFromAGoneOneAndFromAReusedId() {
        LocalMachine here = LocalMachine.current();
        long self = LocalMachine.currentProcess();
        assertThat(here.runs(self, Optional.of(Instant.now()))).isTrue();
        assertThat(here.runs(self, Optional.empty())).isTrue();
        assertThat(here.runs(self, Optional.of(Instant.parse("2000-01-01T00:00:00Z"))))
                .as("a process started long after the lock only reuses the id").isFalse();
        assertThat(here.runs(Long.MAX_VALUE / 2, Optional.empty())).isFalse();
    }
}
