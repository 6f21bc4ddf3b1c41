package dev.xamal.core.local;

import dev.xamal.core.spi.LineListener;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Passes a command's lines on and keeps the last few, both streams together in arrival order,
 * for the message of a failure.
 */
public final class OutputTail implements LineListener {
    private final int size;
    private final LineListener next;
    private final Deque<String> lines = new ArrayDeque<>();

    /**
     * @param size how many lines to keep
     * @param next where every line goes as it comes
     */
    public OutputTail(int size, LineListener next) {
        this.size = size;
        this.next = next;
    }

    @Override
    public void line(Stream stream, String line) {
        next.line(stream, line);
        synchronized (lines) {
            lines.addLast(line);
            if (lines.size() > size) {
                lines.removeFirst();
            }
        }
    }

    /** {@code " and printed nothing"}, or {@code "; its output ended with:\n<lines>"}, to end a failure message. */
    public String ending() {
        synchronized (lines) {
            return lines.isEmpty() ? " and printed nothing" : "; its output ended with:\n" + String.join("\n", lines);
        }
    }
}
