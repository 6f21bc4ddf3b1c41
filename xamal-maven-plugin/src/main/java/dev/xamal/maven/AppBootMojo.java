package dev.xamal.maven;

import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Boots a release already on the hosts, blue/green like a deploy: {@code -Dxamal.version=<version>}
 * (delivered and complete on every selected host), or without it the release each host's
 * {@code current} points at (e.g. to pick up a changed env or secret). Builds and uploads nothing.
 */
@Mojo(name = "app-boot", aggregator = true, threadSafe = true)
public class AppBootMojo extends AbstractServersMojo {
    @Inject
    public AppBootMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected boolean takesLock() {
        return true;
    }

    @Override
    protected void onServers(Servers servers) {
        servers.boot(requestedVersion());
    }
}
