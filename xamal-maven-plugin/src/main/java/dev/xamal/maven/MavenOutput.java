package dev.xamal.maven;

import dev.xamal.core.output.AnsiEscapes;
import dev.xamal.core.output.Output;
import org.apache.maven.plugin.logging.Log;

/**
 * Core's {@link Output} on Maven's log. {@code -Dxamal.quiet} keeps warnings and errors only;
 * {@code -Dxamal.verbose} shows debug lines without Maven's {@code -X}. Without colour (batch mode
 * {@code -B}, or no terminal) escape sequences in the lines (a remote command's or a hook's
 * colours) are removed.
 */
final class MavenOutput implements Output {
    private final Log log;
    private final boolean verbose;
    private final boolean quiet;
    private final boolean colour;

    MavenOutput(Log log, boolean verbose, boolean quiet, boolean colour) {
        this.log = log;
        this.verbose = verbose;
        this.quiet = quiet;
        this.colour = colour;
    }

    @Override
    public void info(String line) {
        if (!quiet) {
            log.info(text(line));
        }
    }

    @Override
    public void warn(String line) {
        log.warn(text(line));
    }

    @Override
    public void error(String line) {
        log.error(text(line));
    }

    @Override
    public void debug(String line) {
        if (verbose) {
            log.info(text(line));
        } else if (log.isDebugEnabled()) {
            log.debug(text(line));
        }
    }

    private String text(String line) {
        return colour ? line : AnsiEscapes.strip(line);
    }

    @Override
    public boolean isDebugEnabled() {
        return verbose || log.isDebugEnabled();
    }
}
