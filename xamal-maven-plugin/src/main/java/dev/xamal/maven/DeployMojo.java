package dev.xamal.maven;

import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.orchestration.Deploy;
import dev.xamal.core.release.ReleaseLayers;
import dev.xamal.core.spi.DeployBackend;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Builds the release (once per run, from source, as {@code build} does), checks that each host
 * was set up, uploads the layers each host lacks, assembles the release there and switches every
 * role to it with zero downtime (see {@code mvn xamal:docs -Dxamal.topic=deploy}). With
 * {@code backend: hostkit} it builds the release, writes its manifest and has HostKit plan and
 * apply it ({@code hostkit-plan} then {@code hostkit-apply}).
 */
@Mojo(name = "deploy", aggregator = true, threadSafe = true, requiresDependencyResolution = ResolutionScope.RUNTIME)
public class DeployMojo extends AbstractDeployMojo {
    @Inject
    public DeployMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    /** With {@code backend: hostkit}: builds the release, then HostKit plans and applies it. */
    @Override
    protected void onBackend(XamalConfig config, DeployBackend backend) {
        backend.deploy(releases().builtArtifact(config));
    }

    /** Holds the deploy lock from before the first host changes until the last one booted. */
    @Override
    protected boolean takesLock() {
        return true;
    }

    @Override
    protected void onServers(Servers servers, ReleaseLayers release) {
        servers.deploy(release, Deploy.Checks.PREFLIGHT);
    }
}
