package dev.xamal.maven;

/**
 * Keeps the SSH library's INFO lines out of a goal's output: which security provider it made,
 * which I/O factory it chose, which extensions a server announced say nothing a deploying user
 * acts on. Its warnings stay. Maven's logger reads a logger's level from the system property
 * {@value #LEVEL_PROPERTY} (and its parents' names) when the logger is made, which for the SSH
 * library is when its classes load, after a goal starts. Under {@code mvn -X}, or when the user
 * set that property, nothing changes.
 */
final class SshLibraryLogging {
    static final String LEVEL_PROPERTY = "org.slf4j.simpleLogger.log.org.apache.sshd";

    private SshLibraryLogging() {
    }

    /** Sets the SSH library's level to {@code warn} unless Maven logs at debug level or the level was set. */
    static void quietUnlessDebugging(boolean debug) {
        if (!debug && System.getProperty(LEVEL_PROPERTY) == null) {
            System.setProperty(LEVEL_PROPERTY, "warn");
        }
    }
}
