package dev.xamal.maven;

import dev.xamal.core.commands.JournalCommands;
import dev.xamal.core.orchestration.AppLogs;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Shows Caddy's journal on each selected host, each line prefixed with its host:
 * {@code mvn xamal:server-logs -Dxamal.since=-1h}. Same options as {@code app-logs}:
 * {@code lines}, {@code since}, {@code grep}, {@code follow} (one host, until Ctrl-C).
 */
@Mojo(name = "server-logs", aggregator = true, threadSafe = true)
public class ServerLogsMojo extends AbstractLogsMojo {
    @Inject
    public ServerLogsMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected void show(Servers servers, JournalCommands.Query query) {
        new AppLogs(servers.transport(), servers.output(), servers.config()).server(servers.hosts(), query);
    }
}
