package dev.xamal.core.orchestration;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The machine a goal runs on, as the deploy lock records it: its name and process id, and whether
 * one of its processes still runs (to tell whether a lock's holder is gone).
 *
 * @param name the machine's host name
 */
public record LocalMachine(String name) {
    /** This machine: the local host name, else {@code $HOSTNAME}, else {@code unknown}. */
    public static LocalMachine current() {
        try {
            return new LocalMachine(InetAddress.getLocalHost().getHostName());
        } catch (UnknownHostException e) {
            return new LocalMachine(Optional.ofNullable(System.getenv("HOSTNAME")).orElse("unknown"));
        }
    }

    /** This process's id. */
    public static long currentProcess() {
        return ProcessHandle.current().pid();
    }

    /**
     * Whether the process with this id runs here and is the one that was running at {@code since}:
     * a process started more than {@link #START_SLACK} later only reuses the id. A process whose
     * start time the system does not give counts as the same one.
     */
    public boolean runs(long pid, Optional<Instant> since) {
        return ProcessHandle.of(pid).filter(p -> since.isEmpty() || p.info().startInstant()
                .map(started -> !started.isAfter(since.get().plus(START_SLACK))).orElse(true)).isPresent();
    }

    /** How much later than a lock's time its holder's process may have started (the lock is taken after start). */
    static final Duration START_SLACK = Duration.ofSeconds(2);
}
