package dev.xamal.maven;

import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.release.ReleaseLayers;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Puts a release an earlier {@code mvn xamal:build} left in {@code target/xamal} on the servers,
 * without building: uploads the layers each host lacks and assembles {@code releases/<version>}.
 * The version is {@code -Dxamal.version}, or the label the source tree has now. Delivers as
 * {@code build-deliver} does.
 */
@Mojo(name = "build-upload", aggregator = true, threadSafe = true)
public class BuildUploadMojo extends BuildDeliverMojo {
    @Inject
    public BuildUploadMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected ReleaseLayers release(XamalConfig config) {
        return builtEarlier(config);
    }
}
