package dev.xamal.maven;

import dev.xamal.core.config.XamalConfig;
import dev.xamal.ssh.SshOptionsMapping;
import dev.xamal.ssh.SshTransport;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/** Opens the SSH transport a goal's configuration describes (keys, agent, settings.xml passphrase, known hosts). */
final class SshTransports {
    private SshTransports() {
    }

    /**
     * @param secretLookup the secrets {@code ssh.key_data} names, by name
     */
    static SshTransport open(XamalConfig config, MavenSession session, SettingsDecrypter decrypter,
                             Function<String, Optional<String>> secretLookup) {
        return new SshTransport(SshOptionsMapping.toOptions(config.ssh(), Path.of(System.getProperty("user.home")),
                System.getenv(), secretLookup,
                SshPassphrases.from(session.getSettings(), decrypter, config.ssh().serverId(), System.getenv())));
    }
}
