package dev.xamal.core.commands;

import java.util.Objects;

/**
 * Where one app's files live on a host (design §6). Pure: paths only.
 *
 * <pre>
 * /opt/xamal/&lt;app&gt;/
 *   layers/&lt;sha256&gt;/              content-addressed layer cache
 *   releases/&lt;version&gt;/           assembled from layers; immutable once marked complete
 *   slots/&lt;port&gt; -&gt; ../releases/v  what the unit for that port runs
 *   slots/&lt;role&gt; -&gt; ../releases/v  same for a role without proxy
 *   current -&gt; releases/&lt;version&gt;
 *   active_port, maintenance
 *   maintenance.html               the page served in maintenance, when one is configured
 *   env/&lt;role&gt;-&lt;port&gt;.env, env/&lt;role&gt;.env
 *   history
 *   ports                          the port pair the app claims on the host
 *   Caddyfile
 * </pre>
 *
 * @param appId the app's id: {@code <service>} or {@code <service>.<destination>}
 */
public record AppLayout(String appId) {
    /** Where every app lives. */
    public static final String BASE = "/opt/xamal";

    public AppLayout {
        Objects.requireNonNull(appId, "appId");
        if (!appId.matches("[a-z0-9_-]+(\\.[a-z0-9_-]+)?")) {
            throw new IllegalArgumentException("not an app id: " + appId);
        }
    }

    public String root() {
        return BASE + "/" + appId;
    }

    public String layers() {
        return root() + "/layers";
    }

    public String layer(String sha256) {
        return layers() + "/" + sha256;
    }

    public String releases() {
        return root() + "/releases";
    }

    public String release(String version) {
        return releases() + "/" + version;
    }

    /** The marker that says a release directory is whole. */
    public String releaseComplete(String version) {
        return release(version) + "/.xamal-complete";
    }

    public String slots() {
        return root() + "/slots";
    }

    /** The slot of a proxied role's instance on a port. */
    public String slot(int port) {
        return slots() + "/" + port;
    }

    /** The slot of a role without proxy. */
    public String slot(String role) {
        return slots() + "/" + role;
    }

    public String current() {
        return root() + "/current";
    }

    public String activePort() {
        return root() + "/active_port";
    }

    public String maintenance() {
        return root() + "/maintenance";
    }

    /** Where the configured maintenance page is uploaded (Caddy's user reads it). */
    public String maintenancePage() {
        return root() + "/maintenance.html";
    }

    public String envDir() {
        return root() + "/env";
    }

    /** The env file of a proxied role's instance on a port. */
    public String envFile(String role, int port) {
        return envDir() + "/" + role + "-" + port + ".env";
    }

    /** The env file of a role without proxy. */
    public String envFile(String role) {
        return envDir() + "/" + role + ".env";
    }

    public String history() {
        return root() + "/history";
    }

    public String siteFile() {
        return root() + "/Caddyfile";
    }

    /**
     * The port pair the app claims on the host ({@code <app_port> <app_port + 1>}), written by
     * bootstrap on hosts with a proxied role; bootstrap of another app refuses an overlapping pair.
     */
    public String portsFile() {
        return root() + "/ports";
    }

    /** The systemd template unit of a proxied role: {@code <app>.<role>@.service}. */
    public String templateUnitName(String role) {
        return appId + "." + role + "@.service";
    }

    /** The instance of a proxied role on a port: {@code <app>.<role>@<port>.service}. */
    public String instanceUnitName(String role, int port) {
        return appId + "." + role + "@" + port + ".service";
    }

    /** The plain unit of a role without proxy: {@code <app>.<role>.service}. */
    public String plainUnitName(String role) {
        return appId + "." + role + ".service";
    }

    /** Where a unit file is installed. */
    public static String unitPath(String unitName) {
        return "/etc/systemd/system/" + unitName;
    }
}
