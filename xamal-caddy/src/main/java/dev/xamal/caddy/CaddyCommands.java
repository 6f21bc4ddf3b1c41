package dev.xamal.caddy;

import dev.xamal.core.commands.FileCommands;
import dev.xamal.core.commands.HttpRequest;
import dev.xamal.core.commands.Privileged;
import dev.xamal.core.commands.Shell;
import java.util.List;

/**
 * The commands {@link CaddyProxy} runs on a host. Installing, writing the system Caddyfile and
 * enabling the service need root; loading the configuration talks to Caddy's local admin
 * endpoint and needs no privileges (Caddy itself reads the files, as its own user). Pure.
 */
public final class CaddyCommands {
    public static final String CADDY = "/usr/bin/caddy";
    public static final String APT_GET = "/usr/bin/apt-get";
    /** Debian's caddy package runs Caddy as this user. */
    public static final String CADDY_USER = "caddy";
    public static final String SERVICE = "caddy.service";

    private CaddyCommands() {
    }

    /** Exits 0 when Caddy is installed; prints its version. */
    public static String version() {
        return "caddy version";
    }

    public static Privileged install() {
        return Privileged.root(APT_GET, "install", "-y", "caddy");
    }

    /** Refreshes the package lists, for a host whose lists are empty or stale. */
    public static Privileged updatePackageLists() {
        return Privileged.root(APT_GET, "update");
    }

    /** Prints the system Caddyfile (nothing when it does not exist). */
    public static String readSystemCaddyfile() {
        return FileCommands.readIfPresent(RemotePaths.SYSTEM_CADDYFILE);
    }

    /** Writes the system Caddyfile from standard input (append {@code >/dev/null}). */
    public static Privileged writeSystemCaddyfile() {
        return Privileged.root("/usr/bin/tee", RemotePaths.SYSTEM_CADDYFILE);
    }

    /** Prints {@code enabled active} when Caddy's service is enabled and running. */
    public static String serviceState() {
        return "systemctl is-enabled " + SERVICE + " 2>/dev/null; systemctl is-active " + SERVICE + " 2>/dev/null; true";
    }

    public static Privileged enableAndStart() {
        return Privileged.root("/usr/bin/systemctl", "enable", "--now", SERVICE);
    }

    /** Caddy's admin endpoint that replaces the running configuration. */
    public static final String LOAD_ENDPOINT = "http://localhost:2019/load";

    /** How error messages name {@link #load()} (its command line is long). */
    public static final String LOAD_DESCRIPTION = "the load of " + RemotePaths.SYSTEM_CADDYFILE
            + " into Caddy (POST as text/caddyfile to " + LOAD_ENDPOINT + ")";

    /**
     * Loads the whole system configuration into the running Caddy, every app's site included:
     * the system Caddyfile goes to the admin endpoint as {@code text/caddyfile}, so Caddy itself
     * adapts it (reading the imported site files as its own user, as a restart would), validates
     * and provisions it, and keeps its running configuration when any of that fails (HTTP 400,
     * exit status 22, Caddy's error as the output; {@link HttpRequest#postFile}). A configuration
     * equal to the running one changes nothing.
     */
    public static String load() {
        return HttpRequest.postFile(LOAD_ENDPOINT, "text/caddyfile", RemotePaths.SYSTEM_CADDYFILE, 60);
    }

    /** The start of the last line {@link #changeSite} prints when a step failed: then the step and its exit status. */
    public static final String FAILED_STEP = "xamal-failed-step";

    /**
     * Changes an app's site file and loads the result ({@link #load()}), in one round trip: the new
     * content comes on standard input ({@code present}; written with mode 0644) or the file is
     * removed, and the old file is kept aside until Caddy took the new configuration. When a step
     * fails, the old file is put back and the last line is {@link #FAILED_STEP}, the step
     * ({@code write}, {@code load}) and its exit status, after the step's output. Removing a site
     * file that is not there does nothing.
     */
    public static String changeSite(String path, boolean present) {
        String file = Shell.quote(path);
        String next = Shell.quote(path + ".xamal-new");
        String kept = Shell.quote(path + ".xamal-previous");
        String restore = "if [ -f " + kept + " ]; then mv -f " + kept + " " + file + "; else rm -f " + file + "; fi";
        String replace = present
                ? "umask 022 && cat > " + next + " && { if [ -f " + file + " ]; then cp -p " + file + " " + kept
                        + "; else rm -f " + kept + "; fi; } && mv -f " + next + " " + file
                : "[ -f " + file + " ] || exit 0; mv -f " + file + " " + kept;
        return replace + " || { s=$?; rm -f " + next + "; " + failed("write") + "; }"
                + "; " + load() + " 2>&1 || { s=$?; " + restore + "; " + failed("load") + "; }"
                + "; rm -f " + kept;
    }

    private static String failed(String step) {
        return "echo '" + FAILED_STEP + " " + step + "' \"$s\"; exit 1";
    }

    /**
     * Caddy's view of its upstreams and their in-flight requests: the JSON, then a line with the
     * status code ({@link HttpRequest}; {@link HttpRequest#body} is the JSON).
     */
    public static String upstreams() {
        return HttpRequest.get(UpstreamLoad.ENDPOINT, 5);
    }

    /** Every privileged command above. */
    public static List<Privileged> privileged() {
        return List.of(install(), updatePackageLists(), writeSystemCaddyfile(), enableAndStart(),
                QueuedConnections.writeFile(), QueuedConnections.turnOn());
    }
}
