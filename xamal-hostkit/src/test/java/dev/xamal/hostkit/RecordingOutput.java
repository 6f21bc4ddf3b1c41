package dev.xamal.hostkit;

import dev.xamal.core.output.Output;
import java.util.ArrayList;
import java.util.List;

/** Keeps every line a test's code writes, with its level, in order. */
public final class RecordingOutput implements Output {
    private final List<String> lines = new ArrayList<>();

    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public synchronized void info(String line) {
        lines.add("INFO " + line);
    }

    @Override
    public synchronized void warn(String line) {
        lines.add("WARN " + line);
    }

    @Override
    public synchronized void error(String line) {
        lines.add("ERROR " + line);
    }

    @Override
    public synchronized void debug(String line) {
        lines.add("DEBUG " + line);
    }

    @Override
    public boolean isDebugEnabled() {
        return true;
    }

    @Override
    public synchronized void sourceLine(String source, String line) {
        lines.add("[" + source + "] " + line);
    }
}
