package dev.xamal.caddy;

/** Where Caddy's files live on a host. */
public final class RemotePaths {
    /** The system Caddyfile that Debian's caddy.service loads. */
    public static final String SYSTEM_CADDYFILE = "/etc/caddy/Caddyfile";
    /** Every app's site file. */
    public static final String SITE_FILE_GLOB = "/opt/xamal/*/Caddyfile";

    private RemotePaths() {
    }
}
