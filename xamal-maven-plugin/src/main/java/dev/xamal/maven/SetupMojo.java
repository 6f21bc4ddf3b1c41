package dev.xamal.maven;

import dev.xamal.core.orchestration.Deploy;
import dev.xamal.core.release.ReleaseLayers;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Sets the servers up and deploys: {@code server-bootstrap} (Caddy, the app's directory and
 * units), then {@code deploy}. The release is built before any server is touched, so a broken
 * build changes nothing.
 */
@Mojo(name = "setup", aggregator = true, threadSafe = true, requiresDependencyResolution = ResolutionScope.RUNTIME)
public class SetupMojo extends AbstractDeployMojo {
    @Inject
    public SetupMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    /** Holds the deploy lock from before the first host changes until the last one booted. */
    @Override
    protected boolean takesLock() {
        return true;
    }

    @Override
    protected void onServers(Servers servers, ReleaseLayers release) {
        servers.bootstrap();
        servers.audit("Bootstrapped the host");
        servers.deploy(release, Deploy.Checks.PREFLIGHT);
    }
}
