package dev.xamal.maven;

import dev.xamal.core.EnvironmentException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes text to the process's standard output byte for byte (UTF-8), for goals whose output is
 * captured by scripts. Bypasses System.out: Maven wraps it in a stream that re-encodes with the
 * platform charset and may strip ANSI escape sequences, either of which would alter the text.
 */
final class RawStandardOutput {
    private RawStandardOutput() {
    }

    @SuppressWarnings("resource") // closing it would close the process's standard output
    static void write(String text) {
        System.out.flush();
        keepMavenConsoleFromResettingColours();
        FileOutputStream stdout = new FileOutputStream(FileDescriptor.out);
        try {
            stdout.write(text.getBytes(StandardCharsets.UTF_8));
            stdout.flush();
        } catch (IOException e) {
            throw new EnvironmentException("Could not write to standard output: " + e.getMessage(), e);
        }
    }

    /**
     * Maven 3.8's console (Jansi 2) writes a colour reset, ESC [ 0 m, to standard output when it
     * shuts down, even with {@code -q}, which would follow the text into a {@code $(...)}
     * capture. Its stream can be told not to; a console without that switch is left alone.
     */
    private static void keepMavenConsoleFromResettingColours() {
        try {
            System.out.getClass().getMethod("setResetAtUninstall", boolean.class).invoke(System.out, false);
        } catch (ReflectiveOperationException | RuntimeException notJansi) {
            // Not Jansi's stream (another Maven version or an IDE): nothing to switch off.
        }
    }
}
