package dev.xamal.core.commands;

import java.util.Arrays;
import java.util.stream.Collectors;

/** POSIX shell quoting for the command lines core builds. Pure. */
public final class Shell {
    private Shell() {
    }

    /** One word, single-quoted: {@code it's} becomes {@code 'it'\''s'}. */
    public static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** Words quoted where needed and joined by spaces. Plain words ({@code [A-Za-z0-9_./:=@%+-]}) stay bare. */
    public static String join(String... words) {
        return Arrays.stream(words).map(Shell::quoteIfNeeded).collect(Collectors.joining(" "));
    }

    /** The word bare when the shell would read it unchanged, quoted otherwise. */
    public static String quoteIfNeeded(String word) {
        return !word.isEmpty() && word.matches("[A-Za-z0-9_./:=@%+,-]+") ? word : quote(word);
    }
}
