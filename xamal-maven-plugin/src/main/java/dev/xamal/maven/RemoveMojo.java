package dev.xamal.maven;

import dev.xamal.core.UsageException;
import dev.xamal.core.config.Host;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.orchestration.AppRemoval;
import dev.xamal.core.orchestration.HostSelection;
import java.io.Console;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Removes the app from the selected hosts: its Caddy site (Caddy reloads; other apps keep
 * serving), its units (stopped, disabled, deleted) and {@code /opt/xamal/<app>} with every
 * release, layer, env file and state file. The audit log stays. Works on a host where the app was
 * never deployed. Asks for "yes" when a console is attached; otherwise needs
 * {@code -Dxamal.confirm=true}. Holds the deploy lock.
 */
@Mojo(name = "remove", aggregator = true, threadSafe = true)
public class RemoveMojo extends AbstractServersMojo {
    /** Remove without asking (required when no console is attached, e.g. in CI). */
    @Parameter(property = "xamal.confirm", defaultValue = "false")
    protected boolean confirm;

    @Inject
    public RemoveMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected boolean takesLock() {
        return true;
    }

    @Override
    protected void prepare(XamalConfig config) {
        if (confirm) {
            return;
        }
        List<Host> targets = HostSelection.select(config, Optional.ofNullable(hosts).filter(h -> !h.isBlank()),
                Optional.ofNullable(roles).filter(r -> !r.isBlank()));
        String what = config.appId() + " (its site, units, releases and files) from "
                + String.join(", ", targets.stream().map(Host::id).toList());
        Console console = System.console();
        if (console == null) {
            throw new UsageException("remove deletes " + what + "; confirm with -Dxamal.confirm=true");
        }
        String answer = console.readLine("This removes %s. Type yes to continue: ", what);
        if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).equals("yes")) {
            throw new UsageException("Not removed: the answer was not yes");
        }
    }

    @Override
    protected void onServers(Servers servers) {
        new AppRemoval(servers.transport(), servers.proxy(), servers.output()).remove(servers.config(), servers.hosts());
        servers.audit("Removed app");
    }
}
