package dev.xamal.maven;

import dev.xamal.core.orchestration.MaintenanceMode;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Stops the app: first puts its site in maintenance (as {@code app-maintenance}, same
 * {@code -Dxamal.message}), then stops the units of the selected roles on each selected host.
 * The units stay enabled; {@code mvn xamal:app-live} after a deploy (or a boot) brings the site
 * back. Holds the deploy lock.
 */
@Mojo(name = "app-stop", aggregator = true, threadSafe = true)
public class AppStopMojo extends AbstractMaintenanceMojo {
    @Inject
    public AppStopMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected void onServers(Servers servers) {
        new MaintenanceMode(servers.transport(), servers.proxy(), servers.output())
                .stop(servers.config(), servers.hosts(), servers.roles(), response(), page());
        servers.audit("Stopped app (maintenance on)");
    }
}
