package dev.xamal.maven;

import dev.xamal.core.output.Output;

/** An {@link Output} that prints every line and runs an action, once, on the first line containing a marker. */
final class HookOutput implements Output {
    private final String marker;
    private Runnable action;

    HookOutput(String marker, Runnable action) {
        this.marker = marker;
        this.action = action;
    }

    @Override
    public synchronized void info(String line) {
        System.out.println(line);
        if (action != null && line.contains(marker)) {
            Runnable once = action;
            action = null;
            once.run();
        }
    }

    @Override
    public void warn(String line) {
        System.out.println("WARN " + line);
    }

    @Override
    public void error(String line) {
        System.out.println("ERROR " + line);
    }

    @Override
    public void debug(String line) {
    }

    @Override
    public boolean isDebugEnabled() {
        return false;
    }
}
