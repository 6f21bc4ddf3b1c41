package dev.xamal.testhosts;

/** The host images {@code scripts/provision-test-hosts} builds; the key is the one in images.properties. */
public enum ImageVariant {
    /** systemd, sshd, Caddy, sudo, curl; no JDK. */
    DEFAULT("default"),
    /** Like {@link #DEFAULT} without Caddy; Caddy's .deb sits in the image's only (local) apt source. */
    NO_CADDY("no-caddy"),
    /** Like {@link #DEFAULT} plus Debian's openjdk-17-jre-headless, for {@code runtime: system}. */
    JRE("jre");

    private final String key;

    ImageVariant(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
