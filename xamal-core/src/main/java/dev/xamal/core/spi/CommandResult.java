package dev.xamal.core.spi;

/**
 * What a finished remote command left behind. Output is kept whole here; callers that want it
 * line by line while it runs pass a {@link LineListener} in the {@link RemoteCommand}.
 *
 * @param exitStatus the command's exit status; {@code -1} when the remote side reported none
 *                   (killed by a signal, connection lost)
 */
public record CommandResult(int exitStatus, String stdout, String stderr) {
    /** How many lines {@link #outputTail()} keeps. */
    public static final int TAIL_LINES = 20;

    public boolean succeeded() {
        return exitStatus == 0;
    }

    /**
     * The last {@value #TAIL_LINES} lines of the output (stdout, then stderr), for error messages.
     */
    public String outputTail() {
        return tailOf(stdout, stderr);
    }

    /** The last {@value #TAIL_LINES} lines of stdout followed by stderr. */
    public static String tailOf(String stdout, String stderr) {
        String combined = (stdout == null ? "" : stdout.stripTrailing())
                + (stderr == null || stderr.isEmpty() ? "" : "\n" + stderr);
        String[] lines = combined.strip().split("\\R");
        int from = Math.max(0, lines.length - TAIL_LINES);
        return String.join("\n", java.util.Arrays.copyOfRange(lines, from, lines.length)).strip();
    }
}
