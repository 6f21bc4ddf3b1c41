package dev.xamal.core.orchestration;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Who holds the deploy lock, as written into the lock's {@code details} file.
 *
 * @param holder  the performer (git user, or the OS user)
 * @param time    when it was taken
 * @param version the version being deployed, empty when the goal has none
 * @param message why ({@code Automatic deploy lock}, or {@code -Dxamal.message})
 * @param machine the machine the goal runs on
 * @param process the process id of the Maven run
 * @param goal    the goal that took it
 */
public record LockDetails(String holder, Instant time, String version, String message, String machine, long process,
                          String goal) {
    /** The message of the lock a goal takes for itself. */
    public static final String AUTOMATIC = "Automatic deploy lock";

    public LockDetails {
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(goal, "goal");
    }

    /** The details file's text: one {@code Key: value} line each, line breaks in values flattened. */
    public String text() {
        return "Locked by: " + flat(holder) + " at " + time.truncatedTo(ChronoUnit.SECONDS) + "\n"
                + "Version: " + flat(version) + "\n"
                + "Message: " + flat(message) + "\n"
                + "Machine: " + flat(machine) + "\n"
                + "Process: " + process + "\n"
                + "Goal: " + flat(goal) + "\n";
    }

    private static String flat(String value) {
        return value.replaceAll("[\\r\\n]+", " ");
    }
}
