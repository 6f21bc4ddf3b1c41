package dev.xamal.ssh;

/** How unknown host keys are treated. A changed key is always refused, whatever the mode. */
public enum HostKeyChecking {
    /** Only hosts already in the known_hosts file are accepted (the default). */
    STRICT,
    /** Unknown hosts are accepted and their key is recorded, like OpenSSH's {@code accept-new}. */
    ACCEPT_NEW;

    /** Parses the configuration spelling: {@code strict} or {@code accept-new}. */
    public static HostKeyChecking parse(String value) {
        return switch (value) {
            case "strict" -> STRICT;
            case "accept-new" -> ACCEPT_NEW;
            default -> throw new IllegalArgumentException(
                    "host key checking must be 'strict' or 'accept-new', was '" + value + "'");
        };
    }
}
