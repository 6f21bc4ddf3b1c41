package dev.xamal.maven;

import dev.xamal.core.commands.JournalCommands;
import dev.xamal.core.orchestration.AppLogs;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Shows the app's journal on each selected host, each line prefixed with its host:
 * {@code mvn xamal:app-logs -Dxamal.lines=200 -Dxamal.grep=ERROR}. Without {@code -Dxamal.version}
 * it is the journal of the serving instance; with it, the journal of the instance that ran that
 * version (also one whose deploy failed), limited to the time it ran there. {@code -Dxamal.follow}
 * keeps printing one host's new lines until Ctrl-C.
 */
@Mojo(name = "app-logs", aggregator = true, threadSafe = true)
public class AppLogsMojo extends AbstractLogsMojo {
    @Inject
    public AppLogsMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected void show(Servers servers, JournalCommands.Query query) {
        new AppLogs(servers.transport(), servers.output(), servers.config()).app(servers.hosts(), servers.roles(), query,
                Optional.ofNullable(version).filter(v -> !v.isBlank()));
    }
}
