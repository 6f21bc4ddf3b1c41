package dev.xamal.caddy;

import dev.xamal.core.commands.FileCommands;
import dev.xamal.core.commands.Privileged;
import dev.xamal.core.commands.Shell;
import java.util.List;

/**
 * The commands {@link CaddyProxy} runs on a host. Installing, writing the system Caddyfile and
 * enabling the service need root; validating runs as Caddy's own user (so it reads what Caddy
 * will read and keeps its certificate storage where Caddy keeps it); reloading talks to Caddy's
 * local admin endpoint and needs no privileges. Pure.
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

    /** Validates the whole system configuration, every app's site included, as Caddy's user. */
    public static Privileged validate() {
        return new Privileged(CADDY_USER, CADDY, List.of("validate", "--config", RemotePaths.SYSTEM_CADDYFILE,
                "--adapter", "caddyfile"));
    }

    /** Loads the whole system configuration into the running Caddy through its admin endpoint. */
    public static String reload() {
        return Shell.join("caddy", "reload", "--config", RemotePaths.SYSTEM_CADDYFILE, "--adapter", "caddyfile");
    }

    /** The start of the last line {@link #changeSite} prints when a step failed: then the step and its exit status. */
    public static final String FAILED_STEP = "xamal-failed-step";

    /**
     * Changes an app's site file and loads the result, in one round trip: the new content comes on
     * standard input ({@code present}; written with mode 0644) or the file is removed, the old file
     * is kept aside, the whole system configuration is validated ({@code validateLine}, as Caddy's
     * user) and reloaded. When a step fails, the old file is put back and the last line is
     * {@link #FAILED_STEP}, the step ({@code write}, {@code validate}, {@code reload}) and its exit
     * status, after the step's output. Removing a site file that is not there does nothing.
     */
    public static String changeSite(String path, boolean present, String validateLine) {
        String file = Shell.quote(path);
        String next = Shell.quote(path + ".xamal-new");
        String kept = Shell.quote(path + ".xamal-previous");
        String restore = "if [ -f " + kept + " ]; then mv -f " + kept + " " + file + "; else rm -f " + file + "; fi";
        String replace = present
                ? "umask 022 && cat > " + next + " && { if [ -f " + file + " ]; then cp -p " + file + " " + kept
                        + "; else rm -f " + kept + "; fi; } && mv -f " + next + " " + file
                : "[ -f " + file + " ] || exit 0; mv -f " + file + " " + kept;
        return replace + " || { s=$?; rm -f " + next + "; " + failed("write") + "; }"
                + "; " + validateLine + " 2>&1 || { s=$?; " + restore + "; " + failed("validate") + "; }"
                + "; " + reload() + " 2>&1 || { s=$?; " + restore + "; " + failed("reload") + "; }"
                + "; rm -f " + kept;
    }

    private static String failed(String step) {
        return "echo '" + FAILED_STEP + " " + step + "' \"$s\"; exit 1";
    }

    /** Caddy's view of its upstreams and their in-flight requests, as JSON. */
    public static String upstreams() {
        return Shell.join("curl", "-sS", "--max-time", "5", UpstreamLoad.ENDPOINT);
    }

    /** Every privileged command above. */
    public static List<Privileged> privileged() {
        return List.of(install(), updatePackageLists(), writeSystemCaddyfile(), enableAndStart(), validate());
    }
}
