package dev.xamal.core.commands;

/** Reading remote files that may be absent, without failing when they are. Pure. */
public final class FileCommands {
    /** The first line {@link #readWithPresence} prints for a missing file. */
    public static final String ABSENT = "absent";
    /** The first line {@link #readWithPresence} prints before an existing file's content. */
    public static final String PRESENT = "present";

    private FileCommands() {
    }

    /** Prints the file's content, or nothing when it does not exist; exits 0 either way. */
    public static String readIfPresent(String path) {
        String quoted = Shell.quoteIfNeeded(path);
        return "if [ -f " + quoted + " ]; then cat " + quoted + "; fi";
    }

    /**
     * Prints {@value #PRESENT} and a newline followed by the content, or {@value #ABSENT}: tells
     * an empty file from a missing one.
     */
    public static String readWithPresence(String path) {
        String quoted = Shell.quoteIfNeeded(path);
        return "if [ -f " + quoted + " ]; then echo " + PRESENT + "; cat " + quoted + "; else echo " + ABSENT + "; fi";
    }
}
