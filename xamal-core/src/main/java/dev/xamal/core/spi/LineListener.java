package dev.xamal.core.spi;

/** Receives a running command's output one line at a time (without the line terminator). */
@FunctionalInterface
public interface LineListener {
    LineListener NONE = (stream, line) -> { };

    enum Stream { STDOUT, STDERR }

    void line(Stream stream, String line);
}
