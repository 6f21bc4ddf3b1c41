package dev.xamal.maven;

import dev.xamal.caddy.CaddyProxy;
import dev.xamal.core.config.Host;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.orchestration.HostSelection;
import dev.xamal.core.orchestration.ServerBootstrap;
import dev.xamal.ssh.SshTransport;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Prepares the servers for the app, idempotently: checks systemd and the SSH user's sudo rights
 * (printing the exact sudoers lines when some are missing), installs Caddy where a role is
 * proxied, creates {@code /opt/xamal/<app>} and installs the systemd units. One line per host
 * and item says what changed or was already right. Narrow the servers with
 * {@code -Dxamal.hosts} and {@code -Dxamal.roles}.
 */
@Mojo(name = "server-bootstrap", aggregator = true, threadSafe = true)
public class ServerBootstrapMojo extends AbstractXamalMojo {

    private final SettingsDecrypter settingsDecrypter;

    @Inject
    public ServerBootstrapMojo(SettingsDecrypter settingsDecrypter) {
        this.settingsDecrypter = settingsDecrypter;
    }

    @Override
    protected void run() {
        XamalConfig config = loadConfig();
        requireSshBackend(config);
        List<Host> targets = HostSelection.select(config, Optional.ofNullable(hosts), Optional.ofNullable(roles));
        try (SshTransport transport = sshTransport(config, settingsDecrypter)) {
            new ServerBootstrap(transport, new CaddyProxy(), output()).run(config, targets);
        }
    }
}
