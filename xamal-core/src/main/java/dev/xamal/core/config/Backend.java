package dev.xamal.core.config;

/** {@code backend}: who puts the release on the servers. */
public enum Backend {
    /** xamal itself, over SSH, with systemd and Caddy (default). */
    SSH("ssh"),
    /** HostKit, from the release's manifest. */
    HOSTKIT("hostkit");

    private final String yaml;

    Backend(String yaml) {
        this.yaml = yaml;
    }

    /** The value as written in the configuration. */
    public String yaml() {
        return yaml;
    }
}
