package dev.xamal.maven;

import dev.xamal.core.release.ReleaseLayers;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Builds the release (once per run) and puts it on the servers without booting it: uploads the
 * layers each host lacks and assembles {@code releases/<version>} there. A later deploy of the
 * same version then uploads nothing.
 */
@Mojo(name = "build-deliver", aggregator = true, threadSafe = true, requiresDependencyResolution = ResolutionScope.RUNTIME)
public class BuildDeliverMojo extends AbstractDeployMojo {
    @Inject
    public BuildDeliverMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected void onServers(Servers servers, ReleaseLayers release) {
        servers.deliver(release);
    }

    /** A delivery boots nothing: no {@code post-deploy}. */
    @Override
    protected boolean deploys() {
        return false;
    }
}
