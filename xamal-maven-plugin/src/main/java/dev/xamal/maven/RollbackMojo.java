package dev.xamal.maven;

import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.spi.DeployBackend;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Switches the selected hosts back to an earlier release with the blue/green boot of a deploy:
 * {@code -Dxamal.version=<version>}, or without it the previous release (from each host's
 * history). The release must be complete on every targeted host, or nothing changes anywhere.
 * Each slot's env file is rendered from the current configuration and secrets; the history
 * records {@code rollback}. Builds nothing. See {@code mvn xamal:docs -Dxamal.topic=deploy}. With
 * {@code backend: hostkit}, HostKit derives the down plan of the last plan applied and applies it
 * (no {@code -Dxamal.version}).
 */
@Mojo(name = "rollback", aggregator = true, threadSafe = true)
public class RollbackMojo extends AbstractServersMojo {
    @Inject
    public RollbackMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    /** With {@code backend: hostkit}: HostKit's down plan of the last plan applied, then its apply. */
    @Override
    protected void onBackend(XamalConfig config, DeployBackend backend) {
        backend.rollback(requestedVersion());
    }

    @Override
    protected boolean takesLock() {
        return true;
    }

    @Override
    protected void onServers(Servers servers) {
        servers.rollback(requestedVersion());
    }
}
