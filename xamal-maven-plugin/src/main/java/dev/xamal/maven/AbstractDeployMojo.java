package dev.xamal.maven;

import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.release.ReleaseLayers;
import java.io.File;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * What the goals that put releases on servers share: the release, built once per run (unless a
 * goal reads a built one) before any server is touched. Each goal says what it does with it.
 */
abstract class AbstractDeployMojo extends AbstractServersMojo {
    /**
     * The artifactId of the module whose jar is released. Default: the project the goal runs in
     * when it builds a jar, else the reactor's only jar module.
     */
    @Parameter(property = "xamal.module")
    protected String module;

    /**
     * A directory where linked runtime images and the modules jdeps found are kept and reused by
     * every project that names it (safe for builds running at the same time). Default:
     * {@code target/xamal/runtimes} of the project, which {@code mvn clean} removes.
     */
    @Parameter(property = "xamal.runtimeCache")
    protected File runtimeCache;

    /**
     * Deploy the release an earlier {@code mvn xamal:build} left in {@code target/xamal} (the label
     * of {@code xamal.version}, or the source tree's label now) instead of building it: nothing is
     * packaged, linked or checked for being up to date (Kamal's {@code --skip-push}).
     */
    @Parameter(property = "xamal.skipBuild", defaultValue = "false")
    protected boolean skipBuild;

    private ReleaseLayers release;

    AbstractDeployMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected final void prepare(XamalConfig config) {
        release = release(config);
    }

    @Override
    protected final void onServers(Servers servers) {
        onServers(servers, release);
    }

    /** The release's version label (for hooks and the lock's details). */
    @Override
    protected String goalVersion() {
        return release.manifest().version();
    }

    /**
     * {@code post-deploy} runs after the goal, once the deploy lock is released; goals that only
     * deliver the release (nothing boots) say false.
     */
    @Override
    protected boolean deploys() {
        return true;
    }

    /**
     * The release to put on the servers: built in this run (or reused from an earlier goal of it),
     * its layers only (hosts get layers, never the tarball; {@code mvn xamal:build} writes that);
     * with {@code skipBuild} the one an earlier build left.
     */
    protected ReleaseLayers release(XamalConfig config) {
        return skipBuild ? builtEarlier(config) : ReleaseLayers.of(releases().buildRelease(config, false));
    }

    /** The release an earlier {@code mvn xamal:build} left in {@code target/xamal}, for this run's label. */
    protected final ReleaseLayers builtEarlier(XamalConfig config) {
        ReleaseSource releases = releases();
        return ReleaseLayers.read(releases.outputDirectory(), config.service(), releases.label());
    }

    /** This run's release: module, version label, output directory and the build. */
    protected final ReleaseSource releases() {
        return new ReleaseSource(this, module, runtimeCache);
    }

    /** What the goal does with the release on the servers. */
    protected abstract void onServers(Servers servers, ReleaseLayers release);
}
