package dev.xamal.core.config;

/** {@code backend}: who puts the release on the servers. */
public enum Backend implements ConfigChoice {
    /** xamal itself, over SSH, with systemd and Caddy (default). */
    SSH,
    /** HostKit, from the release's manifest. */
    HOSTKIT
}
