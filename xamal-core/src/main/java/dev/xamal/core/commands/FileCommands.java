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
     * Prints a small text file's lines, each ending in a newline, or nothing when it does not
     * exist; exits 0 either way. Only the shell's builtins run ({@code read}, {@code printf}): no
     * process is started, which counts where a host starts processes slowly. For state files of a
     * few lines ({@code active_port}, {@code maintenance}, a release's marker), never for binary
     * content (a NUL byte ends a line).
     */
    public static String readTextIfPresent(String path) {
        String quoted = Shell.quoteIfNeeded(path);
        return "if [ -f " + quoted + " ]; then while IFS= read -r l || [ -n \"$l\" ]; do printf '%s\\n' \"$l\"; done < "
                + quoted + "; fi";
    }

    /**
     * Creates a directory (and its parents) unless it exists, starting {@code mkdir} only then.
     *
     * @param shellPath the path as the shell should read it: quoted, or with {@code "$HOME"} in it
     */
    public static String ensureDirectory(String shellPath) {
        return "{ [ -d " + shellPath + " ] || mkdir -p " + shellPath + "; }";
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
