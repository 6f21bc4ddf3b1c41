package dev.xamal.maven;

import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Lists per host the releases of its history, most recently switched to first, with the current
 * and the previous release marked (the one a bare {@code mvn xamal:rollback} returns to), releases
 * since removed marked {@code removed}, and delivered releases never booted marked {@code delivered}.
 */
@Mojo(name = "versions", aggregator = true, threadSafe = true)
public class VersionsMojo extends AbstractServersMojo {
    @Inject
    public VersionsMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected void onServers(Servers servers) {
        servers.versions();
    }
}
