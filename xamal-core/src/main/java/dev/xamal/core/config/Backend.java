package dev.xamal.core.config;

import dev.xamal.core.UsageException;

/** {@code backend}: who puts the release on the servers. */
public enum Backend implements ConfigChoice {
    /** xamal itself, over SSH, with systemd and Caddy (default). */
    SSH,
    /** HostKit, from the release's manifest. */
    HOSTKIT;

    /**
     * Fails a goal that works only when xamal itself runs the servers over SSH.
     *
     * @param goal the goal as the user types it, e.g. {@code app-boot}
     * @throws UsageException with {@code backend: hostkit}, naming what to use instead
     */
    public void requireSsh(String goal) {
        if (this == HOSTKIT) {
            throw new UsageException("xamal:" + goal + " does not apply with backend: hostkit: HostKit owns the "
                    + "servers' state. Use xamal:hostkit-plan and xamal:hostkit-apply (xamal:deploy and xamal:rollback "
                    + "delegate to HostKit), or set backend: ssh in config/xamal.yml");
        }
    }
}
