package dev.xamal.maven;

import dev.xamal.core.orchestration.Console;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Opens a console in the app's serving release on one host (the first selected):
 * {@code mvn xamal:console}. It is JShell on the release's class path (the jlink runtime needs
 * {@code jdk.jshell} in {@code release.jlink.add_modules}), or the main class
 * {@code release.console} names, started through {@code systemd-run} as the release user with
 * the serving slot's environment, over a terminal; the local terminal is in raw mode meanwhile. A
 * fresh JVM: it does not attach to the running app.
 */
@Mojo(name = "console", aggregator = true, threadSafe = true)
public class ConsoleMojo extends AbstractServersMojo {
    @Inject
    public ConsoleMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected void onServers(Servers servers) {
        Console console = new Console(servers.transport(), servers.output(), servers.config());
        try (LocalTerminal terminal = LocalTerminal.open()) {
            console.run(InteractiveHost.first(servers), servers.roles(), terminal.terminal());
        }
    }
}
