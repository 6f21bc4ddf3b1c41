package dev.xamal.maven;

import dev.xamal.caddy.CaddyProxy;
import dev.xamal.core.config.Host;
import dev.xamal.core.config.Role;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.orchestration.Deploy;
import dev.xamal.core.orchestration.HostSelection;
import dev.xamal.core.orchestration.ServerBootstrap;
import dev.xamal.core.release.ReleaseLayers;
import dev.xamal.core.secrets.Secrets;
import dev.xamal.core.spi.UploadProgress;
import dev.xamal.ssh.SshTransport;
import java.util.List;
import java.util.Optional;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * What the goals that put releases on servers share: the release (built once per run unless a
 * goal reads a built one), the selected hosts and roles, the SSH transport and Caddy as the
 * proxy. Each goal says what it does on the servers.
 */
abstract class AbstractDeployMojo extends AbstractReleaseMojo {
    private final SettingsDecrypter settingsDecrypter;

    AbstractDeployMojo(SettingsDecrypter settingsDecrypter) {
        this.settingsDecrypter = settingsDecrypter;
    }

    @Override
    protected final void run() {
        XamalConfig config = loadConfig();
        ReleaseLayers release = release(config);
        try (Servers servers = new Servers(config)) {
            onServers(servers, release);
        }
    }

    /** The release to put on the servers: built in this run (or reused from an earlier goal of it). */
    protected ReleaseLayers release(XamalConfig config) {
        return ReleaseLayers.of(buildRelease(config));
    }

    /** What the goal does with the release on the servers. */
    protected abstract void onServers(Servers servers, ReleaseLayers release);

    /** One goal run's connection to the selected servers. */
    protected final class Servers implements AutoCloseable {
        private final XamalConfig config;
        private final Secrets secrets;
        private final SshTransport transport;
        private final CaddyProxy proxy = new CaddyProxy();

        Servers(XamalConfig config) {
            this.config = config;
            this.secrets = loadSecrets(config);
            this.transport = sshTransport(config, settingsDecrypter, secrets::find);
        }

        private List<Host> hosts() {
            return HostSelection.select(config, Optional.ofNullable(hosts), Optional.ofNullable(roles));
        }

        private List<Role> roles() {
            return HostSelection.roles(config, Optional.ofNullable(roles));
        }

        private Deploy deploy() {
            return new Deploy(transport, proxy, output(), UploadProgress.NONE);
        }

        /** {@code server-bootstrap} on the selected hosts. */
        void bootstrap() {
            new ServerBootstrap(transport, proxy, output()).run(config, hosts());
        }

        /** Uploads and assembles the release on the selected hosts, without booting it. */
        void deliver(ReleaseLayers release) {
            deploy().deliver(config, release, hosts());
        }

        /** Delivers and boots the release on the selected hosts and roles. */
        void deploy(ReleaseLayers release, Deploy.Checks checks) {
            deploy().deploy(config, release, hosts(), roles(), secrets, checks);
        }

        @Override
        public void close() {
            transport.close();
        }
    }
}
