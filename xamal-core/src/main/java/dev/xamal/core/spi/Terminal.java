package dev.xamal.core.spi;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The local side of an interactive session on a remote pseudo-terminal: what the user types goes
 * to the remote program, everything it writes (its error output too, as on any terminal) comes
 * back. The front end puts a real terminal in raw mode around the session.
 *
 * @param input   what the user types
 * @param output  where the remote terminal's output goes
 * @param type    the terminal type ({@code TERM}), e.g. {@code xterm-256color}
 * @param columns the terminal's width
 * @param rows    the terminal's height
 */
public record Terminal(InputStream input, OutputStream output, String type, int columns, int rows) {
    public Terminal {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(type, "type");
        if (columns < 1 || rows < 1) {
            throw new IllegalArgumentException("terminal size " + columns + "x" + rows);
        }
    }
}
