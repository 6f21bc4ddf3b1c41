package dev.xamal.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;

/** {@code -Dxamal.quiet}, {@code -Dxamal.verbose} and colour on Maven's log. */
class MavenOutputTest {
    private final List<String> logged = new ArrayList<>();
    private final SystemStreamLog log = new SystemStreamLog() {
        @Override
        public void info(CharSequence content) {
            logged.add("INFO " + content);
        }

        @Override
        public void warn(CharSequence content) {
            logged.add("WARN " + content);
        }

        @Override
        public void error(CharSequence content) {
            logged.add("ERROR " + content);
        }

        @Override
        public void debug(CharSequence content) {
            logged.add("DEBUG " + content);
        }

        @Override
        public boolean isDebugEnabled() {
            return false;
        }
    };

    private void everyKind(MavenOutput output) {
        output.info("info");
        output.sourceLine("web1", "uploading 1.0 MB of 2.0 MB (1.0 MB/s)");
        output.warn("warn");
        output.error("error");
        output.debug("debug");
    }

    @Test
    void quietKeepsWarningsAndErrorsOnly() {
        everyKind(new MavenOutput(log, false, true, false));
        assertThat(logged).containsExactly("WARN warn", "ERROR error");
    }

    @Test
    void verboseShowsDebugLinesWithoutDashX() {
        everyKind(new MavenOutput(log, true, false, false));
        assertThat(logged).containsExactly("INFO info", "INFO [web1] uploading 1.0 MB of 2.0 MB (1.0 MB/s)",
                "WARN warn", "ERROR error", "INFO debug");
    }

    @Test
    void defaultShowsInfoButNoDebug() {
        everyKind(new MavenOutput(log, false, false, false));
        assertThat(logged).containsExactly("INFO info", "INFO [web1] uploading 1.0 MB of 2.0 MB (1.0 MB/s)",
                "WARN warn", "ERROR error");
    }

    @Test
    void withoutColourEscapeSequencesFromHostsAreRemoved() {
        new MavenOutput(log, false, false, false).sourceLine("web1", "\u001b[32mok\u001b[0m");
        new MavenOutput(log, false, false, true).sourceLine("web1", "\u001b[32mok\u001b[0m");
        assertThat(logged).containsExactly("INFO [web1] ok", "INFO [web1] \u001b[32mok\u001b[0m");
    }
}
