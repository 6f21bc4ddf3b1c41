package dev.xamal.testhosts;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Who owns a test container: the labels every container and network carries, so that a sweep removes
 * only what belongs to its own run or to a run whose owning process is gone.
 */
public record Ownership(String runId, long ownerPid, long ownerStartSeconds) {

    /** On every container and network this module creates. */
    public static final String MARKER = "dev.xamal.test-host";
    public static final String RUN = "dev.xamal.test-host.run";
    public static final String PID = "dev.xamal.test-host.pid";
    public static final String PID_START = "dev.xamal.test-host.pid-start";

    /** scripts/test exports one run id for everything it starts. */
    public static final String RUN_ID_VARIABLE = "XAMAL_TEST_RUN_ID";

    private static final String JVM_RUN_ID = Optional.ofNullable(System.getenv(RUN_ID_VARIABLE))
            .filter(id -> !id.isBlank())
            .orElseGet(() -> UUID.randomUUID().toString());

    /** Owned by this JVM. */
    public static Ownership ofThisProcess() {
        return of(ProcessHandle.current());
    }

    /** Owned by {@code owner}, in this JVM's run. */
    public static Ownership of(ProcessHandle owner) {
        return of(owner, JVM_RUN_ID);
    }

    /** Owned by another live process (e.g. the Maven JVM that forked a launcher) under its own run id. */
    public static Ownership of(ProcessHandle owner, String runId) {
        return new Ownership(runId, owner.pid(), startSeconds(owner).orElse(0L));
    }

    public Map<String, String> labels() {
        return Map.of(MARKER, "true", RUN, runId, PID, Long.toString(ownerPid), PID_START,
                Long.toString(ownerStartSeconds));
    }

    /**
     * True when the labels name a process that no longer runs (or whose pid now belongs to a process
     * started at another time). Labels without an owner count as abandoned.
     */
    public static boolean ownerIsGone(Map<String, String> labels) {
        long pid;
        long start;
        try {
            pid = Long.parseLong(labels.getOrDefault(PID, ""));
            start = Long.parseLong(labels.getOrDefault(PID_START, "0"));
        } catch (NumberFormatException e) {
            return true;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return true;
        }
        Optional<Long> actualStart = startSeconds(process.get());
        return actualStart.isPresent() && Math.abs(actualStart.get() - start) > 1;
    }

    private static Optional<Long> startSeconds(ProcessHandle process) {
        return process.info().startInstant().map(Instant::getEpochSecond);
    }
}
