package dev.xamal.maven;

import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.release.ReleaseLayers;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * What the goals that put releases on servers share: the release, built once per run (unless a
 * goal reads a built one) before any server is touched. Each goal says what it does with it.
 */
abstract class AbstractDeployMojo extends AbstractServersMojo {
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

    /** {@code post-deploy} runs after the goal, once the deploy lock is released. */
    @Override
    protected final boolean deploys() {
        return true;
    }

    /** The release to put on the servers: built in this run (or reused from an earlier goal of it). */
    protected ReleaseLayers release(XamalConfig config) {
        return ReleaseLayers.of(buildRelease(config));
    }

    /** What the goal does with the release on the servers. */
    protected abstract void onServers(Servers servers, ReleaseLayers release);
}
