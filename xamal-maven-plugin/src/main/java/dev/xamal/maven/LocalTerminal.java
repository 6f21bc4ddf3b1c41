package dev.xamal.maven;

import dev.xamal.core.spi.Terminal;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The terminal Maven runs in, for interactive goals: puts it in raw mode without echo
 * ({@code stty raw -echo < /dev/tty}) so every key reaches the remote pseudo-terminal as typed,
 * and restores its settings on close. Without a terminal (input piped, no {@code /dev/tty}) the
 * streams pass through unchanged.
 */
final class LocalTerminal implements AutoCloseable {
    private static final File TTY = new File("/dev/tty");
    private static final int DEFAULT_COLUMNS = 80;
    private static final int DEFAULT_ROWS = 24;

    private final String savedSettings;
    private final int columns;
    private final int rows;

    private LocalTerminal(String savedSettings, int columns, int rows) {
        this.savedSettings = savedSettings;
        this.columns = columns;
        this.rows = rows;
    }

    /** Enters raw mode when Maven runs in a terminal. */
    static LocalTerminal open() {
        if (System.console() == null || !TTY.canRead()) {
            return new LocalTerminal(null, DEFAULT_COLUMNS, DEFAULT_ROWS);
        }
        String saved = stty(List.of("-g"));
        int columns = DEFAULT_COLUMNS;
        int rows = DEFAULT_ROWS;
        String size = stty(List.of("size"));
        // A terminal that does not know its size (a pseudo-terminal nobody sized) says "0 0".
        if (size != null && size.strip().matches("[1-9]\\d* [1-9]\\d*")) {
            String[] parts = size.strip().split(" ");
            rows = Integer.parseInt(parts[0]);
            columns = Integer.parseInt(parts[1]);
        }
        if (saved == null || stty(List.of("raw", "-echo")) == null) {
            return new LocalTerminal(null, columns, rows);
        }
        return new LocalTerminal(saved.strip(), columns, rows);
    }

    /** The local side of the session: standard input and output, {@code TERM} and the size. */
    Terminal terminal() {
        String type = System.getenv("TERM");
        return new Terminal(System.in, System.out, type == null || type.isBlank() ? "xterm" : type, columns, rows);
    }

    @Override
    public void close() {
        if (savedSettings != null) {
            stty(List.of(savedSettings));
        }
    }

    /** Runs {@code stty} on the terminal; its output, or null when it failed. */
    private static String stty(List<String> args) {
        List<String> command = new java.util.ArrayList<>(List.of("stty"));
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectInput(TTY)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return process.waitFor() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
