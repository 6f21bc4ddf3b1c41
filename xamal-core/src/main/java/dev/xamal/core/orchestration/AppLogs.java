package dev.xamal.core.orchestration;

import dev.xamal.core.UsageException;
import dev.xamal.core.commands.JournalCommands;
import dev.xamal.core.commands.JournalCommands.Query;
import dev.xamal.core.config.Host;
import dev.xamal.core.config.Role;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.output.Output;
import dev.xamal.core.spi.CommandResult;
import dev.xamal.core.spi.RemoteCommand;
import dev.xamal.core.spi.RemoteCommandException;
import dev.xamal.core.spi.Transport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BiFunction;

/**
 * {@code app-logs} and {@code server-logs}: the journal of the app's serving unit (or of the unit
 * and time range a given version ran in) and of Caddy, with each line prefixed by its host.
 * Following is for one host and lasts until the transport is closed (the front end closes it on
 * Ctrl-C, which ends the remote {@code journalctl}).
 */
public final class AppLogs {
    /** How many lines show when neither lines, a start time nor a version is given. */
    public static final int DEFAULT_LINES = 100;
    /** Caddy's unit. */
    public static final String CADDY_UNIT = "caddy.service";

    /** What journalctl prints when no line matched. */
    static final String NO_ENTRIES = "-- No entries --";

    private static final Duration FOLLOW_TIMEOUT = Duration.ofDays(365);

    private final Transport transport;
    private final Output output;
    private final XamalConfig config;

    public AppLogs(Transport transport, Output output, XamalConfig config) {
        this.transport = transport;
        this.output = output;
        this.config = config;
    }

    /**
     * The app's journal on each host: of the serving unit, or, with a version, of the unit that
     * ran it within the time it ran there.
     */
    public void app(List<Host> hosts, List<Role> roles, Query query, Optional<String> version) {
        show(hosts, query, version.isPresent(), (app, sized) -> {
            if (version.isEmpty()) {
                return new Unit(app.activeSlot(app.role(roles)).unit(), sized);
            }
            AppContext.VersionRun run = app.versionRun(roles, version.get());
            output.sourceLine(app.hostId(), version.get() + " ran in " + run.slot().unit()
                    + run.since().map(s -> " from " + s).orElse("") + run.until().map(u -> " until " + u).orElse(""));
            return new Unit(run.slot().unit(), sized.within(run.since().map(AppLogs::epoch),
                    run.until().map(u -> epoch(u.plusSeconds(1)))));
        });
    }

    /** Caddy's journal on each host. */
    public void server(List<Host> hosts, Query query) {
        show(hosts, query, false, (app, sized) -> new Unit(CADDY_UNIT, sized));
    }

    private record Unit(String name, Query query) {
    }

    private void show(List<Host> hosts, Query query, boolean ranged, BiFunction<AppContext, Query, Unit> unitOf) {
        if (query.follow() && hosts.size() != 1) {
            throw new UsageException("follow shows the journal of one host; " + hosts.size()
                    + " are selected: pick one with -Dxamal.hosts=<host>");
        }
        Query sized = query.lines().isEmpty() && query.since().isEmpty() && !ranged
                ? new Query(OptionalInt.of(DEFAULT_LINES), query.since(), query.until(), query.grep(), query.follow())
                : query;
        if (query.follow()) {
            journal(hosts.get(0), sized, unitOf);
            return;
        }
        new FanOut(config.ssh().maxConcurrentStarts(), FanOut.Mode.REPORT_ALL)
                .run(hosts, host -> journal(host, sized, unitOf)).throwIfFailed();
    }

    private Void journal(Host host, Query query, BiFunction<AppContext, Query, Unit> unitOf) {
        AppContext app = new AppContext(config, transport.open(host));
        Unit unit = unitOf.apply(app, query);
        String line = JournalCommands.journal(List.of(unit.name()), unit.query(), app.sshUserIsRoot());
        RemoteCommand command = RemoteCommand.of(line)
                .withTimeout(query.follow() ? FOLLOW_TIMEOUT : RemoteCommand.DEFAULT_TIMEOUT)
                .withListener((stream, text) -> output.sourceLine(host.id(), text));
        CommandResult result = app.remote().exec(command);
        // journalctl --grep exits 1 when nothing matched; that is an answer, not a failure.
        boolean nothingMatched = result.exitStatus() == 1 && result.stdout().strip().equals(NO_ENTRIES);
        if (!result.succeeded() && !nothingMatched) {
            throw new RemoteCommandException(host, line, result);
        }
        return null;
    }

    private static String epoch(Instant time) {
        return "@" + time.getEpochSecond();
    }
}
