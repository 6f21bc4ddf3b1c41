package dev.xamal.maven;

import dev.xamal.core.orchestration.Migrate;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Runs the migration {@code release.migrate} names once, on the primary host, under the deploy
 * lock: {@code mvn xamal:migrate}. A main class runs through the launcher's {@code run} in the
 * primary role's serving release, as the release user, with that slot's environment. Its output
 * streams with the host as prefix; the goal fails with its exit status and output tail when it
 * fails.
 */
@Mojo(name = "migrate", aggregator = true, threadSafe = true)
public class MigrateMojo extends AbstractServersMojo {
    @Inject
    public MigrateMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected boolean takesLock() {
        return true;
    }

    @Override
    protected void onServers(Servers servers) {
        servers.audit(List.of(servers.config().primaryHost()), Optional.empty(), Optional.empty(), "Ran migrate");
        new Migrate(servers.transport(), servers.output(), servers.config()).run();
    }
}
