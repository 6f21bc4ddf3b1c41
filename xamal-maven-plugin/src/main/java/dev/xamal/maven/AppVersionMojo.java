package dev.xamal.maven;

import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Prints per host the release that runs: what {@code current} points at, and the active port.
 */
@Mojo(name = "app-version", aggregator = true, threadSafe = true)
public class AppVersionMojo extends AbstractServersMojo {
    @Inject
    public AppVersionMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected void onServers(Servers servers) {
        servers.appVersion();
    }
}
