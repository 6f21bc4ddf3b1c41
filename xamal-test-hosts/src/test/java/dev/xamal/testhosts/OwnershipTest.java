package dev.xamal.testhosts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sweeps must spare live runs and take only what dead owners left behind. */
class OwnershipTest {

    @Test
    void aLiveOwnerIsNotGone() {
        assertThat(Ownership.ownerIsGone(Ownership.ofThisProcess().labels())).isFalse();
    }

    @Test
    void anExitedOwnerIsGone() throws Exception {
        Process process = new ProcessBuilder("true").start();
        Map<String, String> labels = Ownership.of(process.toHandle()).labels();
        process.waitFor();
        assertThat(Ownership.ownerIsGone(labels)).isTrue();
    }

    @Test
    void aReusedPidWithAnotherStartTimeCountsAsGone() {
        Map<String, String> labels = new HashMap<>(Ownership.ofThisProcess().labels());
        labels.put(Ownership.PID_START, Long.toString(Long.parseLong(labels.get(Ownership.PID_START)) - 3600));
        assertThat(Ownership.ownerIsGone(labels)).isTrue();
    }

    @Test
    void labelsWithoutAnOwnerCountAsAbandoned() {
        assertThat(Ownership.ownerIsGone(Map.of(Ownership.MARKER, "true"))).isTrue();
    }
}
