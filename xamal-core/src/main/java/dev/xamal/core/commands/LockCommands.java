package dev.xamal.core.commands;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The deploy lock's commands (design §6): a directory {@code ~/.xamal/lock-<app>} on the primary
 * host, created with one atomic {@code mkdir}, holding a {@code details} file. Pure.
 *
 * <p>{@link #acquire} and {@link #status} print a first line ({@value #ACQUIRED}, {@value #HELD}
 * or {@value #FREE}) followed by the holder's details when the lock is held.
 */
public final class LockCommands {
    /** First line of {@link #acquire}'s output when this call created the lock. */
    public static final String ACQUIRED = "acquired";
    /** First line when someone holds the lock; the details follow. */
    public static final String HELD = "held";
    /** First line of {@link #status} when nobody holds the lock. */
    public static final String FREE = "free";

    private final String directory;

    /** @param appId the app's identity ({@code <service>} or {@code <service>.<destination>}) */
    public LockCommands(String appId) {
        if (!appId.matches("[a-z0-9_.-]+")) {
            throw new IllegalArgumentException("not an app id: " + appId);
        }
        this.directory = AuditCommands.XAMAL_DIR + "/lock-" + appId;
    }

    /**
     * Creates the lock directory and writes the details into it, or prints the holder's details.
     * The details travel base64-encoded, so no character in them means anything to the shell.
     */
    public String acquire(String details) {
        String encoded = Base64.getEncoder().encodeToString(details.getBytes(StandardCharsets.UTF_8));
        return FileCommands.ensureDirectory(AuditCommands.XAMAL_DIR) + " && if mkdir " + directory + " 2>/dev/null; then printf '%s' '" + encoded
                + "' | base64 -d > " + details() + " && echo " + ACQUIRED + "; else echo " + HELD + "; cat "
                + details() + " 2>/dev/null; fi";
    }

    /** Prints {@value #HELD} and the details, or {@value #FREE}. */
    public String status() {
        return "if [ -d " + directory + " ]; then echo " + HELD + "; cat " + details() + " 2>/dev/null; else echo "
                + FREE + "; fi";
    }

    /** Removes the lock whoever holds it; succeeds when there is none. */
    public String release() {
        return "rm -rf " + directory;
    }

    private String details() {
        return directory + "/details";
    }
}
