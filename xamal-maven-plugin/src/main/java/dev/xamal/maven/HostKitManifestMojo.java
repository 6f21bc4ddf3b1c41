package dev.xamal.maven;

import dev.xamal.core.config.XamalConfig;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Builds the release and writes its HostKit manifest ({@code hostkit.manifest}), the manifest's
 * JSON rendering beside it and the tarball's {@code .sha256} sidecar. Starts no HostKit task. In
 * a reactor, bind it in each deployable module so each writes its own manifest.
 */
@Mojo(name = "hostkit-manifest", aggregator = true, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.RUNTIME)
public class HostKitManifestMojo extends AbstractHostKitMojo {
    @Override
    protected void run() {
        XamalConfig config = loadHostKitConfig();
        backend(config).writeManifest(releases().builtArtifact(config));
    }
}
