package dev.xamal.core.orchestration;

import dev.xamal.core.commands.DeployCommands;
import dev.xamal.core.config.Host;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.spi.RemoteHost;
import dev.xamal.core.spi.Transport;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one host holds of an app, read in one command: the release {@code current} points at,
 * the active port, the releases marked complete and the history. The previous release comes from
 * the history (never from file times): the last version switched to before the current one.
 *
 * @param host       the host
 * @param present    whether the app has a directory on the host
 * @param current    the release {@code current} points at (empty before the first switch)
 * @param activePort the port of the serving instance of the proxied role (empty before the first switch)
 * @param complete   the versions whose release directory is marked complete, sorted
 * @param history    the history's lines, oldest first (damaged lines left out)
 */
public record HostReleases(Host host, boolean present, Optional<String> current, OptionalInt activePort,
                           Set<String> complete, List<HistoryEntry> history) {
    private static final String RELEASES_PREFIX = "releases/";

    public HostReleases {
        complete = Collections.unmodifiableSet(new TreeSet<>(complete));
        history = List.copyOf(history);
    }

    /** Reads the app's state on a host. */
    public static HostReleases read(RemoteHost remote, DeployCommands commands) {
        return parse(remote.host(), remote.run(commands.releaseState()).stdout());
    }

    /** Reads the app's state on every host in parallel; a host that cannot be read fails the whole read. */
    public static Map<Host, HostReleases> readAll(Transport transport, XamalConfig config, List<Host> hosts) {
        FanOut fanOut = new FanOut(config.ssh().maxConcurrentStarts(), FanOut.Mode.REPORT_ALL);
        List<HostReleases> read = fanOut.run(hosts, host -> read(transport.open(host), Deploy.commands(config, host)))
                .values();
        Map<Host, HostReleases> state = new LinkedHashMap<>();
        read.forEach(r -> state.put(r.host(), r));
        return state;
    }

    /** Parses what {@link DeployCommands#releaseState()} printed. */
    static HostReleases parse(Host host, String output) {
        boolean present = false;
        Optional<String> current = Optional.empty();
        OptionalInt activePort = OptionalInt.empty();
        Set<String> complete = new TreeSet<>();
        List<HistoryEntry> history = new ArrayList<>();
        for (String line : output.lines().toList()) {
            int space = line.indexOf(' ');
            String word = space < 0 ? line : line.substring(0, space);
            String rest = space < 0 ? "" : line.substring(space + 1);
            switch (word) {
                case DeployCommands.STATE_CURRENT -> {
                    present = true;
                    String target = rest.strip();
                    current = target.startsWith(RELEASES_PREFIX) && target.length() > RELEASES_PREFIX.length()
                            ? Optional.of(target.substring(RELEASES_PREFIX.length())) : Optional.empty();
                }
                case DeployCommands.STATE_ACTIVE_PORT -> activePort = port(rest.strip());
                case DeployCommands.STATE_COMPLETE -> complete.add(rest.strip());
                case DeployCommands.STATE_HISTORY -> HistoryEntry.parse(rest).ifPresent(history::add);
                default -> {
                    // not one of ours: ignore
                }
            }
        }
        return new HostReleases(host, present, current, activePort, complete, history);
    }

    private static OptionalInt port(String text) {
        return text.matches("[0-9]{1,5}") ? OptionalInt.of(Integer.parseInt(text)) : OptionalInt.empty();
    }

    /** Whether the release of {@code version} is on the host and marked complete. */
    public boolean isComplete(String version) {
        return complete.contains(version);
    }

    /**
     * The release that served before the current one: the newest version in the history other
     * than the current release. After a rollback that is the release rolled back from, so a
     * second rollback undoes the first.
     */
    public Optional<String> previous() {
        Optional<String> now = current.or(() -> history.isEmpty() ? Optional.empty()
                : Optional.of(history.get(history.size() - 1).version()));
        for (int i = history.size() - 1; i >= 0; i--) {
            String version = history.get(i).version();
            if (now.isEmpty() || !version.equals(now.get())) {
                return Optional.of(version);
            }
        }
        return Optional.empty();
    }

    /** Every version the history names, the most recently switched to first. */
    public List<String> versionsNewestFirst() {
        Set<String> versions = new LinkedHashSet<>();
        for (int i = history.size() - 1; i >= 0; i--) {
            versions.add(history.get(i).version());
        }
        return List.copyOf(versions);
    }
}
