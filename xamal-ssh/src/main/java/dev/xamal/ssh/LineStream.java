package dev.xamal.ssh;

import dev.xamal.core.spi.LineListener;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Receives one output stream of a remote command: keeps all of it, and hands every complete line
 * (without {@code \n} or {@code \r\n}) to the listener as soon as it arrives. The listener is
 * called under a lock shared by a command's two streams, so lines never interleave mid-line.
 */
final class LineStream extends OutputStream {
    private final LineListener.Stream stream;
    private final LineListener listener;
    private final Object listenerLock;
    private final ByteArrayOutputStream all = new ByteArrayOutputStream();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LineStream(LineListener.Stream stream, LineListener listener, Object listenerLock) {
        this.stream = stream;
        this.listener = listener;
        this.listenerLock = listenerLock;
    }

    @Override
    public synchronized void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        all.write(bytes, offset, length);
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n') {
                line.write(bytes, start, i - start);
                emitLine();
                start = i + 1;
            }
        }
        line.write(bytes, start, end - start);
    }

    /** Emits a last line that had no terminator. Idempotent. */
    @Override
    public synchronized void close() {
        if (line.size() > 0) {
            emitLine();
        }
    }

    synchronized String text() {
        return all.toString(StandardCharsets.UTF_8);
    }

    private void emitLine() {
        byte[] raw = line.toByteArray();
        line.reset();
        int length = raw.length;
        if (length > 0 && raw[length - 1] == '\r') {
            length--;
        }
        String text = new String(raw, 0, length, StandardCharsets.UTF_8);
        synchronized (listenerLock) {
            listener.line(stream, text);
        }
    }
}
