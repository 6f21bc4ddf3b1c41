package dev.xamal.core.commands;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * The command lines a deploy runs on a host, for one app (design §6). Pure: every path comes from
 * {@link AppLayout}, every word is quoted, and nothing secret ever appears in a line (env files
 * travel over the file channel instead).
 *
 * @param layout         the app's layout
 * @param sshUserIsRoot  whether root commands run directly instead of through {@code sudo -n}
 */
public record DeployCommands(AppLayout layout, boolean sshUserIsRoot) {
    /** The file in a layer's cache directory that holds the layer. */
    public static final String LAYER_FILE = "layer.tar.gz";
    /** The directory in a layer's cache directory that holds its files, extracted once for every release. */
    public static final String LAYER_TREE = "tree";
    /** The marker that says a cached layer is whole (written after its digest was verified). */
    public static final String COMPLETE_MARKER = ".xamal-complete";
    /** What {@link #deliverInOneRoundTrip} prints when it wrote the layer sent on its standard input. */
    public static final String LAYER_WRITTEN = "xamal-layer-written";
    /** What {@link #deliverInOneRoundTrip} prints when it assembled the release. */
    public static final String ASSEMBLED = "xamal-assembled";
    /** Prints a {@link DeliveryState#SEPARATOR} line. */
    private static final String STATE_SEPARATOR_LINE = "printf '\\n%s\\n' " + Shell.quote(DeliveryState.SEPARATOR);

    /** The host's OS and architecture. */
    public static String uname() {
        return "uname -s -m";
    }

    /** Where a cached layer's file is. */
    public String layerFile(String sha256) {
        return layout.layer(sha256) + "/" + LAYER_FILE;
    }

    /** Prints each of the digests whose layer is complete in the cache, one a line. */
    public String completeLayers(List<String> sha256s) {
        return forEachLayer(sha256s, "if " + layerIsComplete() + "; then echo \"$s\"; fi");
    }

    /** Runs {@code body} for each digest, as {@code $s}. */
    private static String forEachLayer(List<String> sha256s, String body) {
        return "for s in " + sha256s.stream().map(Shell::quoteIfNeeded).collect(Collectors.joining(" ")) + "; do "
                + body + "; done";
    }

    /** Whether the layer {@code $s} is complete in the cache (its marker is there). */
    private String layerIsComplete() {
        return "[ -f " + Shell.quote(layout.layers()) + "/\"$s\"/" + COMPLETE_MARKER + " ]";
    }

    /**
     * What a delivery asks the host before it uploads, as one command (one round trip): the
     * platform ({@link #uname()}, also kept in {@code $h}), the release's completeness marker
     * ({@link #releaseMarker}), the complete layers among {@code sha256s} ({@link #completeLayers}),
     * where {@code current} points ({@link #readCurrent()}), the active port and the maintenance state
     * ({@link #activePortAndMaintenance()}), their outputs separated by
     * {@link DeliveryState#SEPARATOR} lines; it fails when any part fails.
     */
    public String deliveryState(String version, List<String> sha256s) {
        return "{ h=$(" + uname() + ") && printf '%s\\n' \"$h\"; } && " + STATE_SEPARATOR_LINE + " && { "
                + releaseMarker(version) + "; } && "
                + STATE_SEPARATOR_LINE + " && { " + completeLayers(sha256s) + "; } && " + STATE_SEPARATOR_LINE + " && { "
                + readCurrent() + "; } && " + STATE_SEPARATOR_LINE + " && { " + activePortAndMaintenance() + "; }";
    }

    /**
     * A whole delivery in one round trip where it can be one: {@link #deliveryState}'s parts, a
     * {@link DeliveryState#SEPARATOR} line, then, on a host whose {@code uname -s -m} prints
     * {@code hostUname} (any host when it is empty) and where the release is not complete yet: the
     * write of the layer {@code sent} (its file in the cache, from standard input, verified and
     * marked complete; {@link #LAYER_WRITTEN}) unless that layer is complete already, and, when
     * every layer is then complete, the assembly ({@link #assemble}; {@link #ASSEMBLED}). Otherwise
     * that part does nothing, and the delivery goes on step by step from what the state says (its
     * checks refuse a host of another platform and a release of different content). It fails when
     * a step of either part fails.
     *
     * @param sent the write of the release's last layer into its cache file ({@link #layerFile}), mode 0644
     */
    public String deliverInOneRoundTrip(String version, List<String> layerShas, VerifiedWrite sent, String hostUname,
                                        String releaseText, String launcher) {
        String sha = layerShas.get(layerShas.size() - 1);
        if (!sent.path().equals(layerFile(sha))) {
            throw new IllegalArgumentException("the layer sent must be the last one's file, " + layerFile(sha));
        }
        String unless = (hostUname.isEmpty() ? "" : "[ \"$h\" = " + Shell.quote(hostUname) + " ] && ")
                + "[ ! -e " + Shell.quote(layout.releaseComplete(version)) + " ] || exit 0";
        String write = "[ -f " + Shell.quote(layout.layer(sha) + "/" + COMPLETE_MARKER) + " ] || { { " + prepareLayer(sha)
                + "; } && ( " + sent.fromStandardInput() + " ) && { " + markComplete(sha) + "; } && echo " + LAYER_WRITTEN
                + " || exit $?; }";
        String everyLayer = forEachLayer(layerShas, layerIsComplete() + " || exit 0");
        return deliveryState(version, layerShas) + " && " + STATE_SEPARATOR_LINE + " && ( " + unless + "; " + write
                + "; " + everyLayer + "; ( " + assemble(version, layerShas, releaseText, launcher) + " ) && echo "
                + ASSEMBLED + " )";
    }

    /**
     * Creates a layer's cache directory before its file is uploaded, and removes what an earlier
     * upload of it cut off by a dropped connection left there (its temporary {@code .part} file;
     * the deploy lock means no other upload of this app's layers runs now).
     */
    public String prepareLayer(String sha256) {
        String dir = layout.layer(sha256);
        return Shell.join("mkdir", "-p", dir) + " && { " + VerifiedWrite.removeLeftovers(layerFile(sha256)) + "; }";
    }

    /**
     * Checks the uploaded layer's digest once more on the host, then marks the layer complete
     * ({@code >|}: an upload's shell has noclobber on, and the marker may be there from an
     * earlier delivery whose assembly failed).
     */
    public String completeLayer(String sha256) {
        String dir = Shell.quote(layout.layer(sha256));
        return "s=$(exec sha256sum < " + dir + "/" + LAYER_FILE + ") && { [ \"${s%% *}\" = " + Shell.quote(sha256)
                + " ] || { echo '" + LAYER_FILE + " does not have the digest it was sent under' >&2; false; }; } && "
                + markComplete(sha256);
    }

    /**
     * Marks a layer whose file was just verified complete ({@code >|}: see {@link #completeLayer}):
     * a {@link VerifiedWrite} renames it into place only with the digest it was sent under.
     */
    private String markComplete(String sha256) {
        return ": >| " + Shell.quote(layout.layer(sha256)) + "/" + COMPLETE_MARKER;
    }

    /** Prints the layer list of a complete release, or nothing when the release is not (yet) complete. */
    public String releaseMarker(String version) {
        return FileCommands.readTextIfPresent(layout.releaseComplete(version));
    }

    /**
     * Assembles a release from cached layers in a fresh directory, checks it against the RELEASE
     * file and launcher expected, writes the completeness marker (the layer digests) and moves it
     * into place. A leftover incomplete directory of the same version is replaced; a failed
     * assembly (a full disk, say) removes its work directory, so it holds no space and nothing
     * half-extracted is left that could be taken for a release.
     *
     * <p>Each layer is extracted once into its cache directory ({@link #LAYER_TREE}, its files made
     * read-only, moved into place only whole) and releases hard-link its files: assembling a
     * release whose runtime is cached costs no decompression and no copy. Where links cannot be
     * made (the releases on another file system) the files are copied. A runtime layer's tree also
     * gets its class-data sharing archive as it is extracted ({@link #dumpClassDataArchive}).
     *
     * @param version      the version label
     * @param layerShas    the layers, in extraction order
     * @param releaseText  the expected RELEASE file content
     * @param launcher     the launcher name under {@code bin/}
     */
    public String assemble(String version, List<String> layerShas, String releaseText, String launcher) {
        String target = layout.release(version);
        String work = Shell.quote(target + ".assembling");
        StringBuilder line = new StringBuilder()
                .append("set -e; trap ").append(Shell.quote(removeIfPresent(work))).append(" EXIT")
                .append("; ").append(removeIfPresent(work)).append("; mkdir -p ").append(work);
        StringBuilder trees = new StringBuilder();
        for (String sha : layerShas) {
            String tree = Shell.quote(layout.layer(sha) + "/" + LAYER_TREE);
            String extracting = Shell.quote(layout.layer(sha) + "/" + LAYER_TREE + ".extracting");
            line.append("; [ -d ").append(tree).append(" ] || { ").append(removeIfPresent(extracting))
                    .append(" && mkdir ").append(extracting)
                    .append(" && tar -xzf ").append(Shell.quote(layerFile(sha))).append(" -C ").append(extracting)
                    .append(" && { ").append(dumpClassDataArchive(layout.layer(sha) + "/" + LAYER_TREE + ".extracting"))
                    .append("; }")
                    .append(" && find ").append(extracting).append(" -type f -exec chmod a-w {} +")
                    .append(" && mv -T ").append(extracting).append(' ').append(tree)
                    .append(" || { rm -rf ").append(extracting).append("; exit 1; }; }");
            trees.append(tree).append("/. ");
        }
        // One cp for every layer: hard links, or copies where links cannot be made.
        line.append("; cp -al ").append(trees).append(work).append(" 2>/dev/null")
                .append(" || cp -a --remove-destination ").append(trees).append(work);
        // RELEASE read by the shell itself, byte for byte (the last line's newline too), and compared.
        String releaseFile = Shell.quote(target + ".assembling/RELEASE");
        line.append("; r=; l=; if [ -f ").append(releaseFile).append(" ]; then while IFS= read -r l; do r=\"$r$l\n\"; done < ")
                .append(releaseFile).append("; fi; r=\"$r$l\"; [ \"$r\" = ").append(Shell.quote(releaseText)).append(" ]")
                .append(" || { echo 'the assembled RELEASE differs from the built one' >&2; exit 1; }")
                .append("; test -x ").append(Shell.quote(target + ".assembling/bin/" + launcher))
                .append(" || { echo 'the assembled release has no executable bin/").append(launcher.replace("'", ""))
                .append("' >&2; exit 1; }")
                .append("; printf '%s\\n' ").append(String.join(" ", layerShas.stream().map(Shell::quote).toList()))
                .append(" > ").append(Shell.quote(target + ".assembling/" + COMPLETE_MARKER))
                .append("; ").append(removeIfPresent(Shell.quote(target)))
                .append("; mv -T ").append(work).append(' ').append(Shell.quote(target));
        return line.toString();
    }

    /**
     * Where an extracted layer holds a runtime image ({@code runtime/bin/java}), has that runtime
     * dump its default class-data sharing archive ({@code runtime/lib/server/classes.jsa}) on the
     * host, once per runtime layer: every JVM the releases start maps the classes of the JDK from
     * it instead of loading them one by one (about a third less CPU to start). The archive is made
     * here, not at build time, because its bytes differ from dump to dump (the layer stays
     * reproducible) and only the target's own {@code java} can make it. A failed dump leaves no
     * archive and fails nothing: the JVM then starts without one, as before.
     */
    static String dumpClassDataArchive(String extracted) {
        String java = Shell.quote(extracted + "/runtime/bin/java");
        return "[ ! -x " + java + " ] || " + java + " -Xshare:dump >/dev/null 2>&1 || rm -f "
                + Shell.quote(extracted + "/runtime/lib/server/classes.jsa");
    }

    /** {@code rm -rf} of a quoted path, started only when something is there (a file, a directory or a link). */
    private static String removeIfPresent(String quoted) {
        return "{ [ ! -e " + quoted + " ] && [ ! -L " + quoted + " ] || rm -rf " + quoted + "; }";
    }

    /** What a complete release's marker holds for these layers. */
    public static String markerContent(List<String> layerShas) {
        return String.join("\n", layerShas) + "\n";
    }

    /** Prints the active port, or nothing before the first switch. */
    public String readActivePort() {
        return FileCommands.readTextIfPresent(layout.activePort());
    }

    /** The first words of the lines {@link #releaseState()} prints. */
    public static final String STATE_CURRENT = "current";
    public static final String STATE_ACTIVE_PORT = "active_port";
    public static final String STATE_COMPLETE = "complete";
    public static final String STATE_HISTORY = "history";

    /**
     * Prints what the host holds of the app, one item a line, or nothing when the app has no
     * directory there: {@code current <release>} ({@code current} alone before the first switch),
     * {@code active_port <port>}, {@code complete <version>} for each release marked complete,
     * then {@code history <line>} for each history line. Reads only; no root needed.
     */
    public String releaseState() {
        return "if cd " + Shell.quote(layout.root()) + " 2>/dev/null; then"
                + " echo \"" + STATE_CURRENT + " $(readlink current 2>/dev/null)\";"
                + " echo \"" + STATE_ACTIVE_PORT + " $(cat active_port 2>/dev/null)\";"
                + " for d in releases/*/; do d=${d%/}; if [ -f \"$d/" + COMPLETE_MARKER + "\" ]; then echo \""
                + STATE_COMPLETE + " ${d#releases/}\"; fi; done;"
                + " if [ -f history ]; then sed 's/^/" + STATE_HISTORY + " /' history; fi; fi";
    }

    /** Points a slot (or {@code current}) at a release atomically: a temporary link renamed over it. */
    public String link(String linkPath, String target) {
        String temp = linkPath + ".new";
        return Shell.join("ln", "-sfn", target, temp) + " && " + Shell.join("mv", "-T", temp, linkPath);
    }

    /** Points the slot of a port at a release. */
    public String linkSlot(int port, String version) {
        return link(layout.slot(port), "../releases/" + version);
    }

    /** Points the slot of a role without proxy at a release. */
    public String linkSlot(String role, String version) {
        return link(layout.slot(role), "../releases/" + version);
    }

    /** The line between the idle unit's state and the serving unit's in {@link #startSlot}'s output. */
    public static final String SERVING_SEPARATOR = "--xamal-serving-unit--";

    /**
     * A proxied role's boot up to the start of its instance, in one command (one round trip)
     * whose standard input is the slot's env file: reads the active state of the idle port's unit
     * and of the serving unit (when there is one) with one {@code systemctl is-active}, prints the
     * idle unit's ({@code ActiveState=<state>}) and stops it (through sudo) only when something
     * runs there, points the port's slot at the release, writes the env file
     * ({@link VerifiedWrite#fromStandardInput()}, after removing what interrupted writes of it
     * left), prints a {@link #SERVING_SEPARATOR} line and the serving unit's state
     * ({@code ActiveState=<state>}, when there is one), then enables the unit and starts it
     * ({@link #enableAndStart}). Stops at the first step that fails.
     *
     * <p>The new instance is enabled as it starts, as a container gets its restart policy when it
     * is created: systemd computes the enablement it shows ({@code systemctl status}) the first
     * time it is asked about a loaded unit and keeps it until its configuration is reloaded, so a
     * unit enabled before anything asks about it shows {@code enabled} without a
     * {@code daemon-reload} (which runs all of systemd's generators). That is why the states come
     * from {@code is-active}, which asks only for the state: {@code systemctl show} would have
     * systemd compute the enablement before the enable. A boot that fails stops and disables the
     * instance again ({@link #stopReportingResult}).
     */
    public String startSlot(String unit, int port, String version, VerifiedWrite envFile, Optional<String> servingUnit) {
        // Only the env file's write reads standard input; is-active prints one state a line, one word each.
        return "{ s=$(" + UnitCommands.isActive(unit) + servingUnit.map(serving -> " " + Shell.quoteIfNeeded(serving))
                .orElse("") + "); set -- $s; i=$1; v=$2; echo \"ActiveState=$i\"; case \"$i\" in "
                + "inactive|failed) ;; *) " + systemctl(UnitCommands.Verb.STOP, unit) + ";; esac"
                + " && " + linkSlot(port, version) + "; } </dev/null"
                + " && { " + envFile.removeLeftovers() + "; " + envFile.fromStandardInput() + "; }"
                + " && { echo " + SERVING_SEPARATOR
                + servingUnit.map(serving -> " && echo \"ActiveState=$v\"").orElse("")
                + " && { " + enableAndStart(unit) + "; }; } </dev/null";
    }

    /** The line {@link #startThenAwaitHealthy} prints once the instance started, before the health check's output. */
    public static final String STARTED = "--xamal-started--";

    /**
     * A proxied role's start ({@link #startSlot}) and, once it succeeded, the wait for the new
     * instance to become healthy ({@link #awaitHealthy}), in one command (one round trip): the
     * start's output, a {@link #STARTED} line, then the health check's output. A start that fails
     * ends the command with its exit status, without that line. Only the start reads standard input.
     */
    public static String startThenAwaitHealthy(String start, String awaitHealthy) {
        return start + " && { echo " + STARTED + "; " + awaitHealthy + "; } </dev/null";
    }

    /**
     * Enables ({@code --no-reload}) and starts the unit with one {@code systemctl enable --now};
     * where sudo refuses that form (sudoers lines written before it existed) the enable and the
     * start run one after the other ({@link #enablement}, {@code systemctl start}).
     */
    public String enableAndStart(String unit) {
        return UnitCommands.systemctlNow(UnitCommands.Verb.ENABLE, unit).line(sshUserIsRoot) + " 2>/dev/null || { "
                + enablement(UnitCommands.Verb.ENABLE, unit) + " && " + systemctl(UnitCommands.Verb.START, unit) + "; }";
    }

    /** Prints where {@code current} points ({@code releases/<version>}), or nothing before the first switch. */
    public String readCurrent() {
        return "readlink " + Shell.quote(layout.current()) + " || true";
    }

    /** The version {@link #readCurrent()}'s output names, empty before the first switch. */
    public static String currentVersion(String printed) {
        String target = printed.strip();
        return target.substring(target.lastIndexOf('/') + 1);
    }

    /** Moves {@code current} to a release. */
    public String linkCurrent(String version) {
        return link(layout.current(), "releases/" + version);
    }

    /** Writes the active port through a temporary file and a rename. */
    public String writeActivePort(int port) {
        String file = layout.activePort();
        return "printf '%s\\n' " + port + " > " + Shell.quote(file + ".new") + " && "
                + Shell.join("mv", "-f", file + ".new", file);
    }

    /**
     * What follows a switch to a healthy instance, as one command (one round trip):
     * {@code current} moved to the release, the active port written (for a proxied role) and the
     * history line appended, in that order; it stops at the first step that fails, so the history
     * never records a switch whose links were not written. The instance was enabled as it started
     * ({@link #startSlot}, {@link #restartEnabled}).
     */
    public String recordSwitch(String version, OptionalInt port, String historyLine) {
        List<String> steps = new ArrayList<>(List.of(linkCurrent(version)));
        port.ifPresent(p -> steps.add(writeActivePort(p)));
        steps.add(appendHistory(historyLine));
        return steps.stream().map(step -> "{ " + step + "; }").collect(Collectors.joining(" && "));
    }

    /**
     * A role without proxy's restart in place: its unit enabled ({@code --no-reload}, before
     * anything asks systemd about it; see {@link #startSlot}), then restarted.
     */
    public String restartEnabled(String unit) {
        return "{ " + enablement(UnitCommands.Verb.ENABLE, unit) + "; } && " + systemctl(UnitCommands.Verb.RESTART, unit);
    }

    /** Appends one line to the history. */
    public String appendHistory(String historyLine) {
        return "printf '%s\\n' " + Shell.quote(historyLine) + " >> " + Shell.quote(layout.history());
    }

    /** The unit's {@code ActiveState}, {@code SubState} and {@code NRestarts}, one a line (no root needed). */
    public static String unitState(String unit) {
        return UnitCommands.showProperties(unit, "ActiveState", "SubState", "NRestarts");
    }

    /** {@link #unitState} and the unit's {@code MainPID} (0 when none runs). */
    public static String unitStateAndMainPid(String unit) {
        return UnitCommands.showProperties(unit, "ActiveState", "SubState", "NRestarts", "MainPID");
    }

    /**
     * The unit's {@code Result} and {@code TimeoutStopUSec}, one a line (no root needed): after a
     * stop, {@code Result=timeout} means systemd had to kill it.
     */
    public static String stopResult(String unit) {
        return UnitCommands.showProperties(unit, "Result", "TimeoutStopUSec");
    }

    /**
     * A stop that took less than this many hundredths of a second cannot have waited for a stop
     * timeout: the units xamal writes have {@code TimeoutStopSec} = {@code drain_timeout} + 15 s.
     */
    static final int QUICK_STOP_CENTIS = 100;

    /**
     * Stops the unit (and disables it, when {@code disable}: a serving instance the switch left,
     * a new one whose boot failed), then, when the stop took a second or more, prints
     * {@link #stopResult}: one round trip that tells whether the stop had to kill, with no
     * question to systemd after a stop too quick to have reached its stop timeout (nothing is
     * printed then). The time is the host's ({@code /proc/uptime}).
     */
    public String stopReportingResult(String unit, boolean disable) {
        return "{ " + uptimeCentis("q") + "; " + (disable ? "{ " + disableAndStop(unit) + "; }"
                : systemctl(UnitCommands.Verb.STOP, unit)) + " && { z=$q; " + uptimeCentis("q") + "; [ $((q - z)) -lt "
                + QUICK_STOP_CENTIS + " ] || " + stopResult(unit) + "; }; }";
    }

    /**
     * Sets the shell variable {@code name} to the host's uptime in hundredths of a second, from
     * {@code /proc/uptime} (two decimals; {@code 1<decimals> - 100} so that {@code 08} is not read
     * as octal). No process started.
     */
    static String uptimeCentis(String name) {
        return "read -r " + name + " _ </proc/uptime; " + name + "=$(( ${" + name + "%.*} * 100 + 1${" + name
                + "#*.} - 100 ))";
    }

    /**
     * Disables ({@code --no-reload}) and stops the unit with one {@code systemctl disable --now};
     * where sudo refuses that form the stop and the disable run one after the other.
     */
    public String disableAndStop(String unit) {
        return UnitCommands.systemctlNow(UnitCommands.Verb.DISABLE, unit).line(sshUserIsRoot) + " 2>/dev/null || { "
                + systemctl(UnitCommands.Verb.STOP, unit) + " && { " + enablement(UnitCommands.Verb.DISABLE, unit) + "; }; }";
    }

    /**
     * Enables or disables a unit without reloading systemd's configuration; where sudo refuses
     * that form (sudoers lines written before it existed) the plain {@code systemctl enable} runs.
     */
    public String enablement(UnitCommands.Verb verb, String unit) {
        return UnitCommands.systemctlWithoutReload(verb, unit).line(sshUserIsRoot) + " 2>/dev/null || "
                + systemctl(verb, unit);
    }

    /** {@code systemctl <verb> <unit>} as root, exactly as the sudoers lines of bootstrap allow it. */
    public String systemctl(UnitCommands.Verb verb, String unit) {
        return UnitCommands.systemctl(verb, unit).line(sshUserIsRoot);
    }

    /** The unit's last {@value UnitCommands#JOURNAL_LINES} journal lines. */
    public String journalTail(String unit) {
        return UnitCommands.journalTail(unit).line(sshUserIsRoot);
    }

    /**
     * One health probe on the host ({@link HttpRequest}): prints the body, then a line with the
     * status code ({@code 000} when nothing answered).
     */
    public static String probe(String url, int timeoutSeconds) {
        return HttpRequest.get(url, timeoutSeconds);
    }

    /** The line between {@link #probeAndState}'s two outputs. */
    public static final String STATE_SEPARATOR = "--xamal-unit-state--";

    /**
     * A health probe ({@link #probe}) and then the unit's state ({@link #unitState}), in one round
     * trip: the probe's output, a {@link #STATE_SEPARATOR} line, the state's line.
     */
    public static String probeAndState(String url, int timeoutSeconds, String unit) {
        return probe(url, timeoutSeconds) + "; echo; echo " + STATE_SEPARATOR + "; " + unitState(unit);
    }

    /**
     * {@link #probeAndState}, where the unit's main process was {@code mainPid} when it became
     * healthy: while that process still runs ({@code /proc/<pid>} is there) the unit neither died
     * nor restarted since, and the state part is {@code MainPID=<pid>} instead of a question to
     * systemd; once it is gone the state is read ({@link #unitState}).
     */
    public static String probeAndState(String url, int timeoutSeconds, String unit, OptionalLong mainPid) {
        if (mainPid.isEmpty()) {
            return probeAndState(url, timeoutSeconds, unit);
        }
        long pid = mainPid.getAsLong();
        return probe(url, timeoutSeconds) + "; echo; echo " + STATE_SEPARATOR + "; if [ -d /proc/" + pid + " ]; then echo "
                + MAIN_PID + pid + "; else " + unitState(unit) + "; fi";
    }

    /** How {@link #awaitHealthy} and {@link #probeAndState} name a main process that still runs. */
    public static final String MAIN_PID = "MainPID=";

    /** The first word of each line {@link #awaitHealthy} prints per probe, before the probe's status code. */
    public static final String PROBE_LINE = "probe";
    /** The line that starts {@link #awaitHealthy}'s last output, followed by its outcome. */
    public static final String HEALTH_RESULT = "--xamal-health-result--";
    /** What {@link #awaitHealthy} says ended its wait. */
    public static final String HEALTHY = "healthy";
    public static final String DIED = "died";
    public static final String TIMED_OUT = "timeout";

    /**
     * The wait for a new instance to become healthy, as one command on the host (one round trip
     * instead of one per probe): every {@code interval} it probes {@code url} ({@link #probe}) and
     * prints {@code probe <status>}; after a probe that is not 2xx it reads the unit's state
     * ({@link #unitStateAndMainPid}), unless the main process it read last still
     * runs ({@code /proc/<pid>} is there: a unit that died or restarted has no such process). It
     * ends at the first 2xx ({@value #HEALTHY}), when the unit died (failed, inactive, waiting to
     * be restarted or restarted at least once: {@value #DIED}), or once {@code deadline} passed
     * since it began ({@value #TIMED_OUT}, measured on the host's {@code /proc/uptime}), by
     * printing a {@link #HEALTH_RESULT} line with the outcome, the unit's state as read last
     * (after a 2xx: {@code MainPID=<pid>}, the main process it read last, or nothing when it read
     * none), a {@link #STATE_SEPARATOR} line and the last probe's output. A probe
     * starts every interval, however long the one before took: the interval's {@code sleep} runs
     * while the probe does. While nothing listens on {@code port} ({@link #listening}), a probe is
     * {@code 000} without a request, as the request's own answer would be. Needs no root; the loop
     * is POSIX {@code sh} and starts only {@code sleep}, {@code grep}, the request's bash or curl
     * (once something listens) and, while unhealthy and without a running main process,
     * {@code systemctl}.
     */
    public static String awaitHealthy(String url, int port, int probeSeconds, String unit, Duration interval,
                                      Duration deadline) {
        long deadlineCentis = deadline.toMillis() / 10;
        return "u() { " + uptimeCentis("t") + "; }; u; end=$((t + "
                + deadlineCentis + ")); r=; st=; p=; while :; do sleep " + seconds(interval) + " & w=$!; if "
                + listening(port) + " || [ $? -gt 1 ]; then out=$(" + probe(url, probeSeconds) + "); else out=000; fi; "
                + "case ${out##*[!0-9]} in 2??) r=" + HEALTHY + "; st=${p:+" + MAIN_PID + "$p};; *) "
                + "if [ -z \"$p\" ] || [ ! -d /proc/\"$p\" ]; then st=$(" + unitStateAndMainPid(unit) + "); "
                + "p=${st##*MainPID=}; p=${p%%[!0-9]*}; [ \"$p\" != 0 ] || p=; fi; case $st in "
                + "*ActiveState=failed*|*ActiveState=inactive*|*SubState=auto-restart*|*NRestarts=[1-9]*) r=" + DIED + ";; esac;; "
                + "esac; echo " + PROBE_LINE + " \"${out##*[!0-9]}\"; if [ -z \"$r\" ]; then u; [ \"$t\" -lt \"$end\" ] || r="
                + TIMED_OUT + "; fi; if [ -n \"$r\" ]; then kill $w 2>/dev/null; printf '%s %s\\n%s\\n%s\\n%s\\n' "
                + HEALTH_RESULT + " \"$r\" \"$st\" " + STATE_SEPARATOR + " \"$out\"; exit 0; fi; wait $w; done";
    }

    /**
     * Exits 0 when a TCP socket of the host's network namespace listens on {@code port} (any
     * address, IPv4 or IPv6: the kernel's {@code /proc/net/tcp} tables, state {@code 0A}), 1 when
     * none does, above 1 when the tables cannot be read. One {@code grep}, cheaper than starting
     * a client for a connection that would be refused.
     */
    public static String listening(int port) {
        return "grep -qE '^ *[0-9]+: [0-9A-F]+:" + String.format(Locale.ROOT, "%04X", port)
                + " [0-9A-F]+:[0-9A-F]{4} 0A ' /proc/net/tcp /proc/net/tcp6 2>/dev/null";
    }

    /** A duration in seconds as {@code sleep} takes it and people read it ({@code 1}, {@code 0.25}). */
    public static String seconds(Duration duration) {
        return java.math.BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString();
    }

    /** The line between {@link #activePortAndMaintenance}'s two outputs. */
    public static final String MAINTENANCE_SEPARATOR = "--xamal-maintenance--";

    /** {@link #readActivePort()}, a {@link #MAINTENANCE_SEPARATOR} line, then the maintenance file, in one round trip. */
    public String activePortAndMaintenance() {
        return readActivePort() + "; echo; echo " + MAINTENANCE_SEPARATOR + "; "
                + FileCommands.readTextIfPresent(layout.maintenance());
    }
}
