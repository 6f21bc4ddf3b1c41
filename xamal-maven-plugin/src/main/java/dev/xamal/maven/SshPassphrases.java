package dev.xamal.maven;

import dev.xamal.ssh.PassphraseSource;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * Where the passphrase of an encrypted SSH key comes from: the {@code <passphrase>} (or else
 * {@code <password>}) of the settings.xml {@code <server>} named by {@code ssh.server_id},
 * decrypted by Maven, or the environment variable {@value #ENVIRONMENT_VARIABLE}. The same
 * passphrase is tried for every encrypted key.
 */
final class SshPassphrases {
    static final String ENVIRONMENT_VARIABLE = "XAMAL_SSH_PASSPHRASE";

    private SshPassphrases() {
    }

    static PassphraseSource from(Settings settings, SettingsDecrypter decrypter, String serverId,
                                 Map<String, String> environment) {
        Optional<String> passphrase = fromSettings(settings, decrypter, serverId)
                .or(() -> Optional.ofNullable(environment.get(ENVIRONMENT_VARIABLE)).filter(p -> !p.isEmpty()));
        return key -> passphrase;
    }

    private static Optional<String> fromSettings(Settings settings, SettingsDecrypter decrypter, String serverId) {
        Server server = settings == null ? null : settings.getServer(serverId);
        if (server == null) {
            return Optional.empty();
        }
        if (decrypter != null) {
            SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
            for (SettingsProblem problem : result.getProblems()) {
                if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                    throw new dev.xamal.core.UsageException("Cannot decrypt the settings.xml server " + serverId
                            + " (ssh.server_id): " + problem.getMessage());
                }
            }
            server = result.getServer();
        }
        String value = server.getPassphrase() != null ? server.getPassphrase() : server.getPassword();
        return Optional.ofNullable(value).filter(v -> !v.isEmpty());
    }
}
