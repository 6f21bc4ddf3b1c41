package dev.xamal.maven;

import dev.xamal.core.output.Output;
import org.apache.maven.plugin.logging.Log;

/**
 * Core's {@link Output} on Maven's log. {@code -Dxamal.quiet} keeps warnings and errors only;
 * {@code -Dxamal.verbose} shows debug lines without Maven's {@code -X}.
 */
final class MavenOutput implements Output {
    private final Log log;
    private final boolean verbose;
    private final boolean quiet;

    MavenOutput(Log log, boolean verbose, boolean quiet) {
        this.log = log;
        this.verbose = verbose;
        this.quiet = quiet;
    }

    @Override
    public void info(String line) {
        if (!quiet) {
            log.info(line);
        }
    }

    @Override
    public void warn(String line) {
        log.warn(line);
    }

    @Override
    public void error(String line) {
        log.error(line);
    }

    @Override
    public void debug(String line) {
        if (verbose) {
            log.info(line);
        } else if (log.isDebugEnabled()) {
            log.debug(line);
        }
    }

    @Override
    public boolean isDebugEnabled() {
        return verbose || log.isDebugEnabled();
    }
}
