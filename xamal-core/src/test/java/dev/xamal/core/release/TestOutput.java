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
}
