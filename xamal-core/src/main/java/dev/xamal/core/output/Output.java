package dev.xamal.core.output;

/**
 * Where core reports progress and results. Front ends implement it (the Maven plugin maps it to
 * Maven's log); core never writes to stdout or a logger directly for user-facing text. Callers
 * pass plain text: implementations obtained through {@link #redacting(Output, Redactor)} hide
 * secrets before anything is written.
 */
public interface Output {
    void info(String line);

    void warn(String line);

    void error(String line);

    void debug(String line);

    boolean isDebugEnabled();

    /** A line of a remote host's (or a hook's) output, shown with its source as prefix. */
    default void sourceLine(String source, String line) {
        info("[" + source + "] " + line);
    }

    /** Wraps an output so every line passes through the redactor first. */
    static Output redacting(Output delegate, Redactor redactor) {
        return new RedactingOutput(delegate, redactor);
    }
}
