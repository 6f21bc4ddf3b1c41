package dev.xamal.maven;

import dev.xamal.core.orchestration.Prune;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Shows, per selected host, the releases and layers {@code mvn xamal:prune} would remove and the
 * bytes that would free, and the releases it would keep. Changes nothing.
 */
@Mojo(name = "app-stale-releases", aggregator = true, threadSafe = true)
public class AppStaleReleasesMojo extends AbstractServersMojo {
    @Inject
    public AppStaleReleasesMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected void onServers(Servers servers) {
        new Prune(servers.transport(), servers.output()).preview(servers.config(), servers.hosts());
    }
}
