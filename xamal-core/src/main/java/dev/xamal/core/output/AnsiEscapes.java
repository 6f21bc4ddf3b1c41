package dev.xamal.core.output;

import java.util.regex.Pattern;

/**
 * Terminal escape sequences (colours, cursor moves) in text that comes from elsewhere: a remote
 * command's or a hook's output. Removed when the output is not a terminal or runs in batch mode.
 */
public final class AnsiEscapes {
    private static final Pattern ESCAPE = Pattern.compile("\u001b(?:\\[[0-?]*[ -/]*[@-~]|\\][^\u0007\u001b]*(?:\u0007|\u001b\\\\)?|[@-Z\\\\-_])");

    private AnsiEscapes() {
    }

    /** The text without escape sequences. */
    public static String strip(String text) {
        return text.indexOf('\u001b') < 0 ? text : ESCAPE.matcher(text).replaceAll("");
    }
}
