package dev.xamal.maven;

import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Releases the deploy lock whoever holds it (after {@code lock-acquire}, or when a run that held
 * it is gone), printing whose lock it was.
 */
@Mojo(name = "lock-release", aggregator = true, threadSafe = true)
public class LockReleaseMojo extends AbstractServersMojo {
    @Inject
    public LockReleaseMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected void onServers(Servers servers) {
        String app = servers.config().appId();
        servers.lock().holder().ifPresentOrElse(details -> {
            servers.lock().release();
            output().info("Released the deploy lock of " + app + ", which was held:");
            details.lines().forEach(line -> output().info("  " + line));
        }, () -> output().info("No deploy lock of " + app + " was in place"));
    }
}
