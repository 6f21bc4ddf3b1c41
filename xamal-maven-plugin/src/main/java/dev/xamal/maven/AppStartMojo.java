package dev.xamal.maven;

import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Starts the serving instance where it is stopped, without a switch: the unit of
 * {@code active_port} for a proxied role, the plain unit of a role without proxy. Running units
 * are left alone.
 */
@Mojo(name = "app-start", aggregator = true, threadSafe = true)
public class AppStartMojo extends AbstractServersMojo {
    @Inject
    public AppStartMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected boolean takesLock() {
        return true;
    }

    @Override
    protected void onServers(Servers servers) {
        servers.start();
        servers.audit("Started app");
    }
}
