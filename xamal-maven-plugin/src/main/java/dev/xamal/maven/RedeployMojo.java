package dev.xamal.maven;

import dev.xamal.core.orchestration.Deploy;
import dev.xamal.core.release.ReleaseLayers;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Deploy without the checks that the hosts were set up (the app directory, the units, Caddy
 * running), for a quick redeploy to hosts known to be ready: builds the release once per run,
 * uploads the missing layers, assembles it and switches every role with zero downtime, in
 * {@code boot.limit} groups as deploy does.
 */
@Mojo(name = "redeploy", aggregator = true, threadSafe = true, requiresDependencyResolution = ResolutionScope.RUNTIME)
public class RedeployMojo extends AbstractDeployMojo {
    @Inject
    public RedeployMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    /** Holds the deploy lock from before the first host changes until the last one booted. */
    @Override
    protected boolean takesLock() {
        return true;
    }

    @Override
    protected void onServers(Servers servers, ReleaseLayers release) {
        servers.deploy(release, Deploy.Checks.NONE);
    }
}
