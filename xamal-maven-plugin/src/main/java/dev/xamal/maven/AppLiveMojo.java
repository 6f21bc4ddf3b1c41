package dev.xamal.maven;

import dev.xamal.core.orchestration.MaintenanceMode;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Ends maintenance: on every selected host the app's site proxies to its active port again
 * (a host where nothing was deployed loses the maintenance site) and the maintenance state is
 * removed. Holds the deploy lock.
 */
@Mojo(name = "app-live", aggregator = true, threadSafe = true)
public class AppLiveMojo extends AbstractServersMojo {
    @Inject
    public AppLiveMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected boolean takesLock() {
        return true;
    }

    @Override
    protected void onServers(Servers servers) {
        new MaintenanceMode(servers.transport(), servers.proxy(), servers.output())
                .live(servers.config(), servers.hosts());
        servers.audit("Maintenance off (live)");
    }
}
