package dev.xamal.core.orchestration;

import dev.xamal.core.config.Host;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.output.Output;
import dev.xamal.core.spi.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What runs where, read-only: {@code app-version} (per host, the release {@code current} points at
 * and the active port) and {@code versions} (per host, the releases of its history, newest first,
 * with the current and the previous one marked).
 */
public final class ReleaseReport {
    private final Transport transport;
    private final Output output;

    public ReleaseReport(Transport transport, Output output) {
        this.transport = transport;
        this.output = output;
    }

    /** Prints one line per host: the running version and its port; returns what was read. */
    public Map<Host, HostReleases> appVersion(XamalConfig config, List<Host> hosts) {
        Map<Host, HostReleases> state = HostReleases.readAll(transport, config, hosts);
        state.forEach((host, releases) -> output.sourceLine(host.id(), runningLine(releases)));
        return state;
    }

    /** Prints per host one line per release it knows; returns what was read. */
    public Map<Host, HostReleases> versions(XamalConfig config, List<Host> hosts) {
        Map<Host, HostReleases> state = HostReleases.readAll(transport, config, hosts);
        state.forEach((host, releases) -> versionLines(releases).forEach(line -> output.sourceLine(host.id(), line)));
        return state;
    }

    static String runningLine(HostReleases releases) {
        if (!releases.present()) {
            return "not set up (no app directory)";
        }
        if (releases.current().isEmpty()) {
            return "nothing deployed yet";
        }
        return releases.current().get()
                + (releases.activePort().isPresent() ? " on port " + releases.activePort().getAsInt() : "");
    }

    /**
     * The lines of one host: each version of the history, most recently switched to first, marked
     * {@code current} and {@code previous}, and {@code removed} when its release is gone; then the
     * complete releases no switch used yet, marked {@code delivered}.
     */
    static List<String> versionLines(HostReleases releases) {
        if (!releases.present()) {
            return List.of("not set up (no app directory)");
        }
        List<String> lines = new ArrayList<>();
        List<String> versions = releases.versionsNewestFirst();
        for (String version : versions) {
            List<String> marks = new ArrayList<>();
            if (releases.current().filter(version::equals).isPresent()) {
                marks.add("current");
            }
            if (releases.previous().filter(version::equals).isPresent()) {
                marks.add("previous");
            }
            if (!releases.isComplete(version)) {
                marks.add("removed");
            }
            lines.add(version + (marks.isEmpty() ? "" : " (" + String.join(", ", marks) + ")"));
        }
        releases.complete().stream().filter(v -> !versions.contains(v)).forEach(v -> lines.add(v + " (delivered)"));
        if (lines.isEmpty()) {
            lines.add("no releases");
        }
        return lines;
    }
}
