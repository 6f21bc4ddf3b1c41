package dev.xamal.maven;

import dev.xamal.core.UsageException;
import dev.xamal.core.config.XamalConfig;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Shows the last lines of the app's audit log ({@code ~/.xamal/<app>-audit.log}) on each selected
 * host: one line per action there, with time, performer, app, role, version and what happened.
 */
@Mojo(name = "audit", aggregator = true, threadSafe = true)
public class AuditMojo extends AbstractServersMojo {
    /** How many lines to show per host. */
    @Parameter(property = "xamal.lines", defaultValue = "50")
    protected int lines;

    @Inject
    public AuditMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected void prepare(XamalConfig config) {
        if (lines < 1) {
            throw new UsageException("-Dxamal.lines must be at least 1, was " + lines);
        }
    }

    @Override
    protected void onServers(Servers servers) {
        servers.showAudit(lines);
    }
}
