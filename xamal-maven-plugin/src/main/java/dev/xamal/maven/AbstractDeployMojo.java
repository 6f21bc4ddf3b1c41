package dev.xamal.maven;

import dev.xamal.caddy.CaddyProxy;
import dev.xamal.core.config.Host;
import dev.xamal.core.config.Role;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.orchestration.Booted;
import dev.xamal.core.orchestration.Deploy;
import dev.xamal.core.orchestration.HostSelection;
import dev.xamal.core.orchestration.ReleaseDelivery;
import dev.xamal.core.orchestration.ServerBootstrap;
import dev.xamal.core.release.ReleaseLayers;
import dev.xamal.core.secrets.Secrets;
import dev.xamal.core.spi.UploadProgress;
import dev.xamal.ssh.SshTransport;
import java.util.List;
import java.util.Optional;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * What the goals that put releases on servers share: the selected hosts and roles, the SSH
 * transport, Caddy as the proxy, and the steps bootstrap, deliver and deploy.
 */
abstract class AbstractDeployMojo extends AbstractReleaseMojo {
    private final SettingsDecrypter settingsDecrypter;

    AbstractDeployMojo(SettingsDecrypter settingsDecrypter) {
        this.settingsDecrypter = settingsDecrypter;
    }

    /** One goal run's connection to the servers. */
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

        List<Host> hosts() {
            return HostSelection.select(config, Optional.ofNullable(hosts), Optional.ofNullable(roles));
        }

        List<Role> roles() {
            return HostSelection.roles(config, Optional.ofNullable(roles));
        }

        void bootstrap() {
            new ServerBootstrap(transport, proxy, output()).run(config, hosts());
        }

        List<ReleaseDelivery.Delivered> deliver(ReleaseLayers release) {
            return new Deploy(transport, proxy, output(), UploadProgress.NONE).deliver(config, release, hosts());
        }

        List<Booted> deploy(ReleaseLayers release, Deploy.Checks checks) {
            return new Deploy(transport, proxy, output(), UploadProgress.NONE)
                    .deploy(config, release, hosts(), roles(), secrets, checks);
        }

        @Override
        public void close() {
            transport.close();
        }
    }
}
