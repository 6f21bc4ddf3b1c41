package dev.xamal.core.release;

import dev.xamal.core.output.Output;
import java.util.ArrayList;
import java.util.List;

/** An {@link Output} that keeps what it is given, for assertions. */
public final class TestOutput implements Output {
    public final List<String> lines = new ArrayList<>();

    public static TestOutput quiet() {
        return new TestOutput();
    }

    private synchronized void add(String level, String line) {
        lines.add(level + " " + line);
    }

    @Override
    public void info(String line) {
        add("INFO", line);
    }

    @Override
    public void warn(String line) {
        add("WARN", line);
    }

    @Override
    public void error(String line) {
        add("ERROR", line);
    }

    @Override
    public void debug(String line) {
        add("DEBUG", line);
    }

    @Override
    public boolean isDebugEnabled() {
        return true;
    }
}
