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
        int at = last ? out.lastIndexOf(line) : out.indexOf(line);
        boolean first = out.startsWith(line.substring(1));
        if (first && (at < 0 || !last)) {
            return new String[] {"", out.substring(line.length() - 1)};
        }
        return at < 0 ? null : new String[] {out.substring(0, at), out.substring(at + line.length())};
    }
}
