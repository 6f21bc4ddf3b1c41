package dev.xamal.maven;

import dev.xamal.core.orchestration.AppDetails;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Shows per selected host what runs of the app: the version and active port, whether it is in
 * maintenance, its releases, each unit's state, Caddy's version and state, and the drift from the
 * configuration (units of roles or ports the configuration no longer names, roles whose unit is
 * missing). Changes nothing.
 */
@Mojo(name = "details", aggregator = true, threadSafe = true)
public class DetailsMojo extends AbstractServersMojo {
    @Inject
    public DetailsMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected void onServers(Servers servers) {
        new AppDetails(servers.transport(), servers.output()).show(servers.config(), servers.hosts());
    }
}
