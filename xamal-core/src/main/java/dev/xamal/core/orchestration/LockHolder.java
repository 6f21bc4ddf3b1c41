package dev.xamal.core.orchestration;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * What the details of a held deploy lock say about its holder, and whether that holder is gone: a
 * process of this very machine that no longer runs (killed with SIGKILL, say, so it could not
 * release the lock), or whose id now belongs to a process started after the lock was taken. A
 * holder on another machine cannot be checked from here. Nothing here breaks a lock; the note only
 * tells the user what to check before {@code mvn xamal:lock-release}. Pure.
 *
 * @param machine the {@code Machine:} line's value, empty when absent
 * @param process the {@code Process:} line's value, empty when absent or not a number
 * @param lockedAt when the lock was taken (the {@code Locked by: ... at <time>} line), if readable
 */
public record LockHolder(String machine, Optional<Long> process, Optional<Instant> lockedAt) {
    /** Reads the holder from the lock's details text ({@link LockDetails#text()}). */
    public static LockHolder parse(String details) {
        String machine = "";
        Optional<Long> process = Optional.empty();
        Optional<Instant> lockedAt = Optional.empty();
        for (String line : details.lines().map(String::strip).toList()) {
            if (line.startsWith("Machine: ")) {
                machine = line.substring("Machine: ".length()).strip();
            } else if (line.startsWith("Process: ")) {
                String pid = line.substring("Process: ".length()).strip();
                process = pid.matches("[0-9]{1,18}") ? Optional.of(Long.parseLong(pid)) : Optional.empty();
            } else if (line.startsWith("Locked by: ")) {
                int at = line.lastIndexOf(" at ");
                if (at >= 0) {
                    try {
                        lockedAt = Optional.of(Instant.parse(line.substring(at + 4).strip()));
                    } catch (DateTimeParseException e) {
                        lockedAt = Optional.empty();
                    }
                }
            }
        }
        return new LockHolder(machine, process, lockedAt);
    }

    /** Whether a process id runs on this machine and is the process that ran at a time. */
    @FunctionalInterface
    public interface Processes {
        boolean runs(long pid, Optional<Instant> since);
    }

    /** Whether the holder is a process of the machine {@code here} that no longer runs there. */
    public boolean goneFrom(String here, Processes processes) {
        return process.isPresent() && !machine.isEmpty() && machine.equals(here)
                && !processes.runs(process.get(), lockedAt);
    }

    /** The line that says the holder is gone, for the lock's refusal and {@code lock-status}. */
    public String goneNote() {
        return "Its holder is gone: process " + process.map(String::valueOf).orElse("?") + " no longer runs on this"
                + " machine (" + machine + "); it was killed or lost before it could release the lock.";
    }
}
