package dev.xamal.maven;

import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Shows whether the deploy lock of the app (the service, or service.destination) is held on the
 * primary host, and if so by whom: holder, time, version, message, machine, process and goal; and
 * whether that holder is gone (a process of this machine that no longer runs).
 */
@Mojo(name = "lock-status", aggregator = true, threadSafe = true)
public class LockStatusMojo extends AbstractServersMojo {
    @Inject
    public LockStatusMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected void onServers(Servers servers) {
        String app = servers.config().appId();
        servers.lock().holder().ifPresentOrElse(details -> {
            output().info("The deploy lock of " + app + " is held:");
            details.lines().forEach(line -> output().info("  " + line));
            servers.lock().goneNote(details).ifPresent(note -> output().warn(note + " After checking that nothing"
                    + " else deploys " + app + ", release it with mvn xamal:lock-release."));
        }, () -> output().info("No deploy lock of " + app + " is in place"));
    }
}
