package dev.xamal.core.commands;

/**
 * Reads the output of a command that printed a separator line between the outputs of its parts
 * (one round trip doing the work of several).
 */
public final class SeparatedOutput {
    private SeparatedOutput() {
    }

    /**
     * What {@code out} holds before and after the line {@code separator} (its first occurrence, or
     * its last when {@code last}: output of the app's own, before it, may hold the line too), or
     * null when the line is missing. The line may be the output's first (nothing printed before
     * it; what is before it is then empty).
     */
    public static String[] aroundLine(String out, String separator, boolean last) {
        String line = "\n" + separator + "\n";
        String padded = "\n" + out; // a line break before the output, so that its first line is found too
        int at = last ? padded.lastIndexOf(line) : padded.indexOf(line);
        if (at < 0) {
            return null;
        }
        return new String[] {out.substring(0, Math.max(0, at - 1)), padded.substring(at + line.length())};
    }
}
