package dev.xamal.core.orchestration;

import dev.xamal.core.EnvironmentException;
import dev.xamal.core.commands.AppLayout;
import dev.xamal.core.commands.AppStateCommands;
import dev.xamal.core.commands.DeployCommands;
import dev.xamal.core.commands.SeparatedOutput;
import dev.xamal.core.commands.UnitCommands;
import dev.xamal.core.commands.VerifiedWrite;
import dev.xamal.core.config.CaddyConfig;
import dev.xamal.core.output.Output;
import dev.xamal.core.spi.CommandResult;
import dev.xamal.core.spi.LineListener;
import dev.xamal.core.spi.Proxy;
import dev.xamal.core.spi.ProxySite;
import dev.xamal.core.spi.RemoteCommand;
import dev.xamal.core.spi.RemoteCommandException;
import dev.xamal.core.spi.RemoteHost;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Boots a release of one role on one host (design §6).
 *
 * <p>A proxied role switches blue/green: a stale instance on the idle port (left by an
 * interrupted deploy) is stopped, the idle port's slot is pointed at the release and gets
 * its own env file, its instance starts and is probed until healthy; then the proxy sends new
 * requests to it while the old instance drains (two reloads: {@code new old}, then {@code new}),
 * the old instance stops, and {@code current}, {@code active_port} and the history follow. A
 * failed boot stops the new instance and changes nothing the serving instance uses.
 *
 * <p>A role without proxy restarts its plain unit in place on the relinked slot and counts as
 * booted after staying up for the readiness delay.
 */
public final class SlotBoot {
    private static final int BODY_LIMIT = 500;
    /** How often a health check that is still waiting says so. */
    static final Duration HEARTBEAT = Duration.ofSeconds(5);
    /** The line between the second look's output and the proxy's in-flight reading. */
    private static final String IN_FLIGHT_SEPARATOR = "--xamal-in-flight--";
    /** The line between the switch's record and the app's state read after it. */
    private static final String APP_STATE_SEPARATOR = "--xamal-app-state--";
    /** Starts the line a switch's command prints when its audit line could not be written, followed by why. */
    static final String AUDIT_FAILED = "--xamal-audit-failed--";

    private final DeployCommands commands;
    private final Proxy proxy;
    private final CaddyConfig caddy;
    private final BootSettings settings;
    private final Output output;
    private final DeployHooks hooks;
    private final Optional<BootAudit> audit;

    public SlotBoot(DeployCommands commands, Proxy proxy, CaddyConfig caddy, BootSettings settings, Output output) {
        this(commands, proxy, caddy, settings, output, DeployHooks.NONE, Optional.empty());
    }

    /**
     * @param hooks called around each host's proxy switch ({@code pre/post-caddy-reload})
     * @param audit each switch's audit line, appended on the host with the switch's record; none when empty
     */
    public SlotBoot(DeployCommands commands, Proxy proxy, CaddyConfig caddy, BootSettings settings, Output output,
                    DeployHooks hooks, Optional<BootAudit> audit) {
        this.commands = commands;
        this.proxy = proxy;
        this.caddy = caddy;
        this.settings = settings;
        this.output = output;
        this.hooks = hooks;
        this.audit = audit;
    }

    /**
     * Writes a proxied role's env file for the slot its next boot will use (the idle port, given
     * what {@link DeployCommands#readActivePort()} printed), so the file is on the host before the
     * {@code pre-deploy} hook runs. The serving slot's file is left alone.
     */
    public void stageEnvFile(RemoteHost remote, String role, byte[] envFile, String activePortPrinted) {
        remote.write(envFile, commands.layout().envFile(role, idlePort(activePort(remote, activePortPrinted))), 0600);
    }

    private int idlePort(OptionalInt active) {
        return active.isPresent() && active.getAsInt() == caddy.bluePort() ? caddy.greenPort() : caddy.bluePort();
    }

    /**
     * Boots a proxied role's instance on the idle port and switches traffic to it.
     *
     * @param action what the history records for the switch ({@link HistoryEntry#DEPLOY}, ...)
     * @param slots  what {@link DeployCommands#activePortAndMaintenance()} printed on the host since
     *               the deploy lock was taken, when nothing can have changed it since (no hook ran);
     *               empty to read it now
     */
    public Booted bootProxied(RemoteHost remote, String role, String version, byte[] envFile, String action,
                              Optional<String> slots) {
        Instant started = Instant.now();
        AppLayout layout = commands.layout();
        String hostId = remote.host().id();
        String[] portAndMaintenance = split(remote, slots.orElseGet(
                () -> remote.run(commands.activePortAndMaintenance()).stdout()), DeployCommands.MAINTENANCE_SEPARATOR);
        OptionalInt active = activePort(remote, portAndMaintenance[0]);
        Optional<ProxySite.Maintenance> maintenance = MaintenanceState.parse(portAndMaintenance[1]);
        int port = idlePort(active);
        String unit = layout.instanceUnitName(role, port);
        Optional<String> servingUnit = active.isPresent() && active.getAsInt() != port
                ? Optional.of(layout.instanceUnitName(role, active.getAsInt())) : Optional.empty();

        String url = "http://127.0.0.1:" + port + settings.healthPath();
        OptionalInt previous;
        Optional<CommandResult> secondLook = Optional.empty();
        try {
            Healthy healthy = startAndAwaitHealthy(remote, role, version, unit, port, envFile, servingUnit);
            previous = healthy.servingRuns() ? active : OptionalInt.empty();
            hooks.preCaddyReload(remote.host());
            if (previous.isPresent()) {
                // The second look at the new instance and the drain's first reading come in the
                // same round trip as the switch.
                String look = DeployCommands.probeAndState(url, probeSeconds(), unit, healthy.mainPid());
                secondLook = Optional.of(proxy.routeThen(remote, site(List.of(port, previous.getAsInt()), maintenance),
                        look + "; s=$?; echo " + IN_FLIGHT_SEPARATOR + "; " + proxy.inFlightQuery() + "; exit $s"));
            } else {
                proxy.route(remote, site(List.of(port), maintenance));
            }
        } catch (InstanceStopped e) {
            throw e;
        } catch (RuntimeException e) {
            throw stopUnswitched(remote, unit, e);
        }
        int waits = 0;
        Duration drain = Duration.ZERO;
        Optional<String> appState;
        if (previous.isPresent()) {
            int old = previous.getAsInt();
            CommandResult looked = secondLook.orElseThrow();
            String[] lookAndLoad = SeparatedOutput.aroundLine(looked.stdout(), IN_FLIGHT_SEPARATOR, true);
            // While the old instance finishes its requests: never after the drain, where it
            // would delay the old instance's stop.
            confirmStillUp(remote, unit, url, lookAndLoad == null ? looked
                    : new CommandResult(looked.exitStatus(), lookAndLoad[0] + "\n", looked.stderr()), () -> {
                        proxy.route(remote, site(List.of(old), maintenance));
                        hooks.postCaddyReload(remote.host());
                    });
            Instant drainStarted = Instant.now();
            waits = drain(remote, old, lookAndLoad == null ? Optional.empty()
                    : Optional.of(proxy.inFlight(lookAndLoad[1], old)));
            drain = Duration.between(drainStarted, Instant.now());
            String oldUnit = layout.instanceUnitName(role, old);
            // The proxy leaves the old port, then (in the same round trip) the old instance stops.
            Instant stopping = Instant.now();
            String then = commands.stopReportingResult(oldUnit, true) + " && "
                    + recordSwitch(remote, role, OptionalInt.of(port), version, action);
            CommandResult stopped = proxy.routeThen(remote, site(List.of(port), maintenance), thenAppState(then));
            if (!stopped.succeeded()) {
                throw new RemoteCommandException(remote.host(), "the stop of " + oldUnit + " and the switch's record ("
                        + then + ")", stopped);
            }
            String[] stopAndState = splitAppState(stopped.stdout());
            warnIfNotAudited(remote, stopAndState[0]);
            appState = Optional.ofNullable(stopAndState[1]);
            StopOutcome stop = StopOutcome.parse(stopAndState[0], Duration.between(stopping, Instant.now()));
            output.sourceLine(hostId, String.format(Locale.ROOT,
                    "drained and stopped port %d in %.1f s (%d waits)", old, drain.toMillis() / 1000.0, waits));
            if (stop.killed()) {
                output.warn("[" + hostId + "] " + stop.describe(oldUnit));
            }
        } else {
            String[] recordAndState = splitAppState(
                    remote.run(thenAppState(recordSwitch(remote, role, OptionalInt.of(port), version, action))).stdout());
            warnIfNotAudited(remote, recordAndState[0]);
            appState = Optional.ofNullable(recordAndState[1]);
        }
        hooks.postCaddyReload(remote.host());
        return new Booted(remote.host(), role, version, OptionalInt.of(port), previous, waits, drain,
                Duration.between(started, Instant.now()), appState);
    }

    /**
     * {@code record} and, once it succeeded, the app's state on the host as it is now
     * ({@link AppStateCommands#inventory()}, after an {@link #APP_STATE_SEPARATOR} line), for the
     * prune that follows the boot: one round trip fewer. The state's read never fails the command.
     */
    private String thenAppState(String record) {
        return record + " && { echo " + APP_STATE_SEPARATOR + "; ( "
                + new AppStateCommands(commands.layout()).inventory() + " ) || true; }";
    }

    /** What a {@link #thenAppState} command printed before the app's state, and the state (null when missing). */
    private static String[] splitAppState(String out) {
        String[] parts = SeparatedOutput.aroundLine(out, APP_STATE_SEPARATOR, false);
        return parts == null ? new String[] {out, null} : parts;
    }

    /**
     * Moves {@code current} (and {@code active_port}, for a proxied role), appends the history line
     * and then, when the boot is audited, the audit line; a failed audit write does not fail the
     * command but prints an {@link #AUDIT_FAILED} line with the shell's message.
     */
    private String recordSwitch(RemoteHost remote, String role, OptionalInt port, String version, String action) {
        Instant now = Instant.now();
        String record = commands.recordSwitch(version, port, new HistoryEntry(now, remote.host().id(), role, port,
                version, action).line());
        return audit.map(a -> thenAudit(record, a.append(now, role, version, port, action))).orElse(record);
    }

    /**
     * {@code record} and, once it succeeded, {@code append}: an append that fails prints an
     * {@link #AUDIT_FAILED} line with what the shell said and leaves the command's status 0.
     */
    static String thenAudit(String record, String append) {
        return record + " && { x=$( { " + append + "; } 2>&1 ) || printf '%s %s\\n' " + AUDIT_FAILED + " \"$x\"; }";
    }

    /** Warns when a switch's command said that its audit line could not be written ({@link #recordSwitch}). */
    private void warnIfNotAudited(RemoteHost remote, String printed) {
        printed.lines().filter(line -> line.startsWith(AUDIT_FAILED)).findFirst().ifPresent(line -> AuditLog
                .warnNotWritten(output, remote.host().id(), line.substring(AUDIT_FAILED.length()).strip()));
    }

    /**
     * Restarts a role without proxy on its relinked slot and waits for it to stay up.
     *
     * @param action what the history records for the switch ({@link HistoryEntry#DEPLOY}, ...)
     */
    public Booted bootPlain(RemoteHost remote, String role, String version, byte[] envFile, String action) {
        Instant started = Instant.now();
        AppLayout layout = commands.layout();
        String unit = layout.plainUnitName(role);
        output.sourceLine(remote.host().id(), "restarting " + role + " on " + version);
        remote.run(commands.linkSlot(role, version));
        remote.write(envFile, layout.envFile(role), 0600);
        remote.run(commands.restartEnabled(unit));
        Instant until = Instant.now().plus(settings.readinessDelay());
        while (true) {
            UnitState state = UnitState.parse(remote.run(DeployCommands.unitState(unit)).stdout());
            if (state.died()) {
                throw failure(remote, unit, false, role + " on " + version + " did not stay up (" + state + ")");
            }
            if (!Instant.now().isBefore(until)) {
                break;
            }
            pause(min(settings.interval(), Duration.between(Instant.now(), until)));
        }
        warnIfNotAudited(remote, remote.run(recordSwitch(remote, role, OptionalInt.empty(), version, action)).stdout());
        return new Booted(remote.host(), role, version, OptionalInt.empty(), OptionalInt.empty(), 0, Duration.ZERO,
                Duration.between(started, Instant.now()));
    }

    /**
     * Stops whatever still runs on the idle port, links the slot to {@code version}, writes the
     * env file, starts the unit and waits until the instance answers a 2xx, its unit dies or the
     * deploy timeout passes, in one round trip ({@link DeployCommands#startThenAwaitHealthy}: the
     * probes run on the host). Nothing serves from the idle port, so an instance running there
     * was left by a deploy killed while it booted (its Maven process gone with SIGKILL, its
     * machine lost); it would hold the port, and the boot says that it stopped it. Says that the
     * instance starts as soon as the host reports it, then every {@link #HEARTBEAT} that it still
     * waits, from the probe lines as they arrive; stops the instance when it died or timed out.
     *
     * @return whether the serving instance ran when the boot started (then it is drained and stopped after the
     *         switch) and the new instance's main process as the health check read it last
     */
    private Healthy startAndAwaitHealthy(RemoteHost remote, String role, String version, String unit, int port,
                                         byte[] envFile, Optional<String> servingUnit) {
        VerifiedWrite env = VerifiedWrite.of(commands.layout().envFile(role, port), 0600, envFile,
                VerifiedWrite.randomNonce());
        String url = "http://127.0.0.1:" + port + settings.healthPath();
        String hostId = remote.host().id();
        BootProgress progress = new BootProgress(hostId, url, states -> {
            reportStaleInstance(remote, port, states);
            output.sourceLine(hostId, "starting " + role + " " + version + " on port " + port);
        });
        String line = DeployCommands.startThenAwaitHealthy(commands.startSlot(unit, port, version, env, servingUnit),
                DeployCommands.awaitHealthy(url, port, probeSeconds(), unit, settings.interval(), settings.deployTimeout()));
        CommandResult result = remote.exec(RemoteCommand.of(line).withStdin(envFile)
                .withListener(progress)
                .describedAs("the start of " + unit + " and the health check of " + url + " (a probe every "
                        + DeployCommands.seconds(settings.interval()) + " s on the host until it answers 2xx)")
                .withTimeout(settings.deployTimeout().plus(settings.probeTimeout()).plus(settings.interval())
                        .plusSeconds(30)));
        String[] startAndHealth = SeparatedOutput.aroundLine(result.stdout(), DeployCommands.STARTED, false);
        if (startAndHealth == null) {
            throw startFailed(remote, unit, port, version, env, result);
        }
        String[] states = unitStates(startAndHealth[0] + "\n");
        OptionalLong mainPid = judgeHealth(remote, unit, url,
                new CommandResult(result.exitStatus(), startAndHealth[1], result.stderr()));
        return new Healthy(servingUnit.isPresent() && states != null && UnitState.parse(states[1]).running(), mainPid);
    }

    /**
     * A new instance that answered its health check: whether the serving instance ran when its boot
     * started, and its main process as the health check read it last (empty when it read none).
     */
    private record Healthy(boolean servingRuns, OptionalLong mainPid) {
    }

    /**
     * The idle unit's and the serving unit's states in what {@link DeployCommands#startSlot}
     * printed (around its {@link DeployCommands#SERVING_SEPARATOR} line), or null without that line.
     */
    private static String[] unitStates(String startOutput) {
        return SeparatedOutput.aroundLine(startOutput, DeployCommands.SERVING_SEPARATOR, false);
    }

    /** Says that the start stopped an instance it found running on the idle port, from the states the start printed. */
    private void reportStaleInstance(RemoteHost remote, int port, String[] states) {
        if (states != null && UnitState.parse(states[0]).running()) {
            output.sourceLine(remote.host().id(), "stopped a stale instance on the idle port " + port
                    + " (left running by an interrupted deploy)");
        }
    }

    /** The error of a start that did not get as far as the {@link DeployCommands#STARTED} line. */
    private RuntimeException startFailed(RemoteHost remote, String unit, int port, String version, VerifiedWrite env,
                                         CommandResult result) {
        String[] states = unitStates(result.stdout());
        reportStaleInstance(remote, port, states);
        if (result.succeeded()) {
            return new EnvironmentException("host " + remote.host().id() + " answered the start of " + unit
                    + " without the line " + DeployCommands.STARTED + ": " + result.outputTail());
        }
        int status = result.exitStatus();
        boolean envFailed = states == null && (status == VerifiedWrite.CANNOT_CREATE
                || status == VerifiedWrite.CANNOT_WRITE || status == VerifiedWrite.SHA_MISMATCH);
        return new RemoteCommandException(remote.host(), envFailed ? "the write of the env file " + env.path()
                : "the start of " + unit + " (stop what runs on port " + port + ", link its slot to " + version
                        + ", write its env file, systemctl start)", result);
    }

    /** The active port the host printed, empty before the first switch. */
    private OptionalInt activePort(RemoteHost remote, String printed) {
        String text = printed.strip();
        if (text.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            throw new EnvironmentException("host " + remote.host().id() + ": " + commands.layout().activePort()
                    + " holds '" + text + "', not a port");
        }
    }

    /** The site for the ports; while the app is in maintenance, it keeps serving the maintenance response. */
    private ProxySite site(List<Integer> ports, Optional<ProxySite.Maintenance> maintenance) {
        ProxySite site = ProxySite.proxying(commands.layout().appId(), caddy, ports);
        return maintenance.map(site::inMaintenance).orElse(site);
    }

        /** The two outputs of a command that printed {@code separator} on a line between them. */
    private static String[] split(RemoteHost remote, String out, String separator) {
        String[] parts = SeparatedOutput.aroundLine(out, separator, false);
        if (parts == null) {
            throw new EnvironmentException("host " + remote.host().id() + " answered without the line " + separator
                    + ": " + out.strip());
        }
        return parts;
    }

    private static Look parseLook(RemoteHost remote, String url, CommandResult result) {
        String[] parts = SeparatedOutput.aroundLine(result.stdout(), DeployCommands.STATE_SEPARATOR, true);
        if (parts == null) {
            throw new EnvironmentException("host " + remote.host().id() + " did not answer the health probe of " + url
                    + " (" + (result.exitStatus() < 0 ? "no exit status" : "exit status " + result.exitStatus()) + "): "
                    + result.outputTail());
        }
        return new Look(Probe.parseLine(parts[0]), UnitState.parse(parts[1]));
    }

    /** What one look at a booting instance saw: its health probe's answer and its unit's state. */
    private record Look(Probe probe, UnitState state) {
    }

    /**
     * The outcome of the health check ({@link DeployCommands#awaitHealthy}'s output in
     * {@code result}): returns the instance's main process as the check read it last (empty when
     * it read none) when the instance answered a 2xx; otherwise stops it and fails.
     */
    private OptionalLong judgeHealth(RemoteHost remote, String unit, String url, CommandResult result) {
        String[] ended = aroundResult(result.stdout());
        if (ended == null) {
            throw new EnvironmentException("host " + remote.host().id() + " did not finish the health check of " + url
                    + " (" + (result.exitStatus() < 0 ? "no exit status" : "exit status " + result.exitStatus()) + "): "
                    + result.outputTail());
        }
        String outcome = ended[0];
        String[] stateAndProbe = SeparatedOutput.aroundLine(ended[1], DeployCommands.STATE_SEPARATOR, false);
        if (stateAndProbe == null) {
            throw new EnvironmentException("host " + remote.host().id() + " answered the health check of " + url
                    + " without the line " + DeployCommands.STATE_SEPARATOR + ": " + result.outputTail());
        }
        Probe last = Probe.parseLine(stateAndProbe[1]);
        switch (outcome) {
            case DeployCommands.HEALTHY -> {
                output.sourceLine(remote.host().id(), url + " answered " + last.status());
                return mainPid(stateAndProbe[0]);
            }
            case DeployCommands.DIED -> throw failure(remote, unit, true, unit + " stopped before it became healthy ("
                    + UnitState.parse(stateAndProbe[0]) + "); last probe of " + url + ": " + last.describe());
            case DeployCommands.TIMED_OUT -> throw failure(remote, unit, true, unit + " did not become healthy within "
                    + settings.deployTimeout().toSeconds() + " s (deploy_timeout); last probe of " + url + ": "
                    + last.describe());
            default -> throw new EnvironmentException("host " + remote.host().id() + " ended the health check of " + url
                    + " with '" + outcome + "'");
        }
    }

    /** The main process a healthy check named ({@code MainPID=<pid>}), empty when it named none. */
    static OptionalLong mainPid(String state) {
        String text = state.strip();
        if (text.startsWith(DeployCommands.MAIN_PID)) {
            try {
                long pid = Long.parseLong(text.substring(DeployCommands.MAIN_PID.length()));
                return pid > 0 ? OptionalLong.of(pid) : OptionalLong.empty();
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }

    /**
     * The outcome word on the first {@link DeployCommands#HEALTH_RESULT} line and what follows
     * that line, or null when there is none. Only probe lines come before it; the last probe's
     * body, printed after it, may hold the marker text too.
     */
    private static String[] aroundResult(String out) {
        String marker = DeployCommands.HEALTH_RESULT + " ";
        int at = out.startsWith(marker) ? 0 : out.indexOf("\n" + marker);
        if (at < 0) {
            return null;
        }
        int start = at == 0 ? 0 : at + 1;
        int end = out.indexOf('\n', start);
        if (end < 0) {
            return null;
        }
        return new String[] {out.substring(start + marker.length(), end), out.substring(end + 1)};
    }

    /**
     * Follows the start and health check as their lines arrive: once the start printed its
     * {@link DeployCommands#STARTED} line, hands what it printed before (its unit states, around
     * {@link DeployCommands#SERVING_SEPARATOR}; null without that line) to {@code onStarted}; then
     * says that the health check still waits, at most every {@link #HEARTBEAT}.
     */
    private final class BootProgress implements LineListener {
        private final String hostId;
        private final String url;
        private final Consumer<String[]> onStarted;
        private final StringBuilder startOutput = new StringBuilder();
        private Instant started;
        private Instant next;
        private boolean ended;

        BootProgress(String hostId, String url, Consumer<String[]> onStarted) {
            this.hostId = hostId;
            this.url = url;
            this.onStarted = onStarted;
        }

        @Override
        public void line(Stream stream, String line) {
            if (stream != Stream.STDOUT || ended) {
                return;
            }
            if (started == null) {
                if (line.equals(DeployCommands.STARTED)) {
                    started = Instant.now();
                    next = started.plus(HEARTBEAT);
                    onStarted.accept(unitStates(startOutput.toString()));
                } else {
                    startOutput.append(line).append('\n');
                }
                return;
            }
            if (line.startsWith(DeployCommands.HEALTH_RESULT)) {
                ended = true; // what follows is the last probe's body
                return;
            }
            if (!line.startsWith(DeployCommands.PROBE_LINE + " ") || Instant.now().isBefore(next)) {
                return;
            }
            next = Instant.now().plus(HEARTBEAT);
            String status = line.substring(DeployCommands.PROBE_LINE.length() + 1).strip();
            output.sourceLine(hostId, "waiting for " + url + " to answer 2xx: "
                    + Duration.between(started, Instant.now()).toSeconds() + " s of " + settings.deployTimeout().toSeconds()
                    + " s (deploy_timeout), last probe: "
                    + (status.isEmpty() || status.equals("000") ? "no answer" : "status " + status));
        }
    }

    /**
     * The second look after the first switch reload ({@code looked}, made in the switch's round
     * trip), while the old instance is still the proxy's fallback: the new instance must still run
     * (no exit, no restart) and still answer its health check. A release that passed one probe and then crashed is caught here, traffic goes back to
     * the old instance alone ({@code restore}) and the boot fails with the new instance's journal.
     */
    private void confirmStillUp(RemoteHost remote, String unit, String url, CommandResult looked, Runnable restore) {
        Look look = parseLook(remote, url, looked);
        UnitState state = look.state();
        Probe probe = look.probe();
        if (!state.died() && probe.healthy()) {
            return;
        }
        restore.run();
        throw failure(remote, unit, true, unit + " answered " + url + " once, then "
                + (state.died() ? "stopped (" + state + ")" : "failed its next probe (" + probe.describe() + ")")
                + " before the switch finished; the proxy sends every request to the old instance again");
    }

    private int probeSeconds() {
        return (int) Math.max(1, settings.probeTimeout().toSeconds());
    }

    /**
     * Waits until the proxy has no request in flight to the old port (or {@code drain_timeout}
     * passed); {@code first} is a reading already made. Returns how many times it waited.
     */
    private int drain(RemoteHost remote, int oldPort, Optional<OptionalInt> first) {
        Instant deadline = Instant.now().plus(settings.drainTimeout());
        int waits = 0;
        Optional<OptionalInt> reading = first;
        while (true) {
            OptionalInt inFlight = reading.orElseGet(() -> proxy.inFlight(remote, oldPort));
            reading = Optional.empty();
            if (inFlight.isEmpty() || inFlight.getAsInt() == 0) {
                return waits;
            }
            if (!Instant.now().isBefore(deadline)) {
                output.warn("[" + remote.host().id() + "] port " + oldPort + " still had " + inFlight.getAsInt()
                        + " requests in flight after " + settings.drainTimeout().toSeconds()
                        + " s (drain_timeout); stopping it anyway");
                return waits;
            }
            waits++;
            pause(settings.drainPoll());
        }
    }

    /**
     * A boot that failed before the proxy sent any request to the new instance (the connection
     * dropped, Caddy refused the site): the new instance is stopped, over a new connection if the
     * old one is gone, so nothing runs that no proxy routes to; the error says so, or says that
     * the stop failed too (the next boot stops it before reusing the port).
     */
    private EnvironmentException stopUnswitched(RemoteHost remote, String unit, RuntimeException cause) {
        String outcome;
        try {
            // Stopped and disabled: it was enabled as it started.
            CommandResult stop = remote.exec(RemoteCommand.of(commands.stopReportingResult(unit, true)));
            outcome = stop.succeeded() ? "The new instance " + unit + " was stopped; traffic was not switched to it."
                    : "The new instance " + unit + " could not be stopped (" + stop.outputTail().strip()
                            + "); the next deploy stops it before it reuses the port.";
        } catch (RuntimeException stopFailure) {
            outcome = "The new instance " + unit + " could not be stopped (" + stopFailure.getMessage().lines()
                    .findFirst().orElse("") + "); the next deploy stops it before it reuses the port.";
        }
        String message = cause.getMessage().contains(remote.host().id()) ? cause.getMessage()
                : "Boot failed on " + remote.host().id() + ": " + cause.getMessage();
        return new InstanceStopped(message + "\n" + outcome
                + "\nThe serving instance, current and active_port are unchanged.", cause);
    }

    /** A boot failure whose new instance was already dealt with. */
    private static final class InstanceStopped extends EnvironmentException {
        private static final long serialVersionUID = 1L;

        InstanceStopped(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Stops the failed instance (and disables it, when {@code disable}: a proxied role's new
     * instance, enabled as it started; a role without proxy keeps its one unit enabled) and builds
     * the error with its journal tail.
     */
    private EnvironmentException failure(RemoteHost remote, String unit, boolean disable, String what) {
        CommandResult journal = remote.exec(RemoteCommand.of(
                commands.journalTail(unit)));
        Instant stopping = Instant.now();
        CommandResult stopped = remote.exec(RemoteCommand.of(commands.stopReportingResult(unit, disable)));
        StopOutcome stop = stopped.succeeded()
                ? StopOutcome.parse(stopped.stdout(), Duration.between(stopping, Instant.now()))
                : StopOutcome.NOT_KILLED;
        return new InstanceStopped("Boot failed on " + remote.host().id() + ": " + what
                + (stop.killed() ? "\n" + stop.describe(unit) : "")
                + "\nThe serving instance, current, active_port, the site and its env file are unchanged."
                + "\n--- journalctl -u " + unit + " -n " + UnitCommands.JOURNAL_LINES + " ---\n"
                + (journal.succeeded() ? journal.stdout().strip() : "(journal unavailable: " + journal.outputTail() + ")"),
                null);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void pause(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentException("interrupted while booting", e);
        }
    }

    /** One health probe's answer: status 0 when nothing answered. */
    record Probe(int status, String body) {
        static Probe parse(String out) {
            int cut = out.lastIndexOf('\n');
            String code = (cut < 0 ? out : out.substring(cut + 1)).strip();
            String body = cut < 0 ? "" : out.substring(0, cut);
            int status = code.matches("[0-9]{3}") ? Integer.parseInt(code) : 0;
            return new Probe(status, body.length() > BODY_LIMIT ? body.substring(0, BODY_LIMIT) + "..." : body);
        }

        /** Parses a probe's output that ends with the status line and the newline the command printed after it. */
        static Probe parseLine(String out) {
            return parse(out.endsWith("\n") ? out.substring(0, out.length() - 1) : out);
        }

        boolean healthy() {
            return status >= 200 && status < 300;
        }

        String describe() {
            return status == 0 ? "no answer" : "status " + status + ", body: " + body.strip();
        }
    }

    /**
     * How a stop ended, from {@code systemctl show -p Result -p TimeoutStopUSec} after it.
     *
     * @param result      systemd's result of the unit ({@code timeout} when the stop had to kill)
     * @param stopTimeout the unit's {@code TimeoutStopSec} as systemd prints it ({@code 16s})
     * @param took        how long the stop took
     */
    record StopOutcome(String result, String stopTimeout, Duration took) {
        static final StopOutcome NOT_KILLED = new StopOutcome("success", "", Duration.ZERO);

        static StopOutcome parse(String text, Duration took) {
            String result = "";
            String timeout = "";
            for (String word : text.trim().split("\\s+")) {
                if (word.startsWith("Result=")) {
                    result = word.substring("Result=".length());
                } else if (word.startsWith("TimeoutStopUSec=")) {
                    timeout = word.substring("TimeoutStopUSec=".length());
                }
            }
            return new StopOutcome(result, timeout, took);
        }

        /** Whether SIGTERM did not stop it and systemd killed it at its stop timeout. */
        boolean killed() {
            return result.equals("timeout");
        }

        String describe(String unit) {
            return String.format(Locale.ROOT, "%s did not exit on SIGTERM; systemd killed it (SIGKILL) after its"
                    + " stop timeout%s: the stop took %.1f s", unit,
                    stopTimeout.isEmpty() ? "" : " (TimeoutStopSec " + stopTimeout + ")", took.toMillis() / 1000.0);
        }
    }

    /** A unit's state as {@code systemctl show} prints it. */
    record UnitState(String active, String sub, int restarts) {
        static UnitState parse(String text) {
            String active = "";
            String sub = "";
            int restarts = 0;
            for (String word : text.trim().split("\\s+")) {
                if (word.startsWith("ActiveState=")) {
                    active = word.substring("ActiveState=".length());
                } else if (word.startsWith("SubState=")) {
                    sub = word.substring("SubState=".length());
                } else if (word.startsWith("NRestarts=") && word.length() > "NRestarts=".length()) {
                    restarts = Integer.parseInt(word.substring("NRestarts=".length()));
                }
            }
            return new UnitState(active, sub, restarts);
        }

        boolean died() {
            return active.equals("failed") || active.equals("inactive") || sub.equals("auto-restart") || restarts > 0;
        }

        boolean running() {
            return active.equals("active");
        }

        @Override
        public String toString() {
            return active + "/" + sub + (restarts > 0 ? ", restarted " + restarts + " times" : "");
        }
    }
}
