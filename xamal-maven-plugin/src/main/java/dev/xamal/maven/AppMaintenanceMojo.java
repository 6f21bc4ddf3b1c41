package dev.xamal.maven;

import dev.xamal.core.orchestration.MaintenanceMode;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Puts the app in maintenance: on every selected host where it has a proxied role, its site
 * answers 503 with a {@code Retry-After} header and {@code -Dxamal.message} (or the page
 * {@code release.maintenance_page}) instead of proxying. Other apps on the hosts keep serving.
 * The state is kept on each host, so deploys keep the app in maintenance until
 * {@code mvn xamal:app-live}. Holds the deploy lock.
 */
@Mojo(name = "app-maintenance", aggregator = true, threadSafe = true)
public class AppMaintenanceMojo extends AbstractMaintenanceMojo {
    @Inject
    public AppMaintenanceMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected void onServers(Servers servers) {
        new MaintenanceMode(servers.transport(), servers.proxy(), servers.output())
                .enable(servers.config(), servers.hosts(), response(), page());
        servers.audit("Maintenance on");
    }
}
