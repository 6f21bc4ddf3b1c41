package dev.xamal.ssh;

import dev.xamal.core.UsageException;
import dev.xamal.core.config.SshConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns the {@code ssh:} section of the configuration into {@link SshOptions}, resolving
 * {@code ~} against the user's home, key data against the secrets, and the agent socket
 * against the environment.
 */
public final class SshOptionsMapping {
    private SshOptionsMapping() {
    }

    /**
     * @param ssh         the configured section
     * @param home        the user's home directory ({@code ~})
     * @param environment the process environment ({@code SSH_AUTH_SOCK})
     * @param secrets     looks up a secret's value by name; empty when it is not defined
     * @param passphrases passphrases of encrypted keys (from settings.xml or the environment)
     */
    public static SshOptions toOptions(SshConfig ssh, Path home, Map<String, String> environment,
                                       Function<String, Optional<String>> secrets, PassphraseSource passphrases) {
        Path sshDirectory = home.resolve(".ssh");
        List<Path> keyFiles = ssh.keys().stream().map(key -> expandHome(key, home)).toList();
        List<InlineKey> inlineKeys = ssh.keyData().stream()
                .map(name -> new InlineKey(name, secrets.apply(name).orElseThrow(() -> new UsageException(
                        "ssh.key_data names the secret " + name + ", which is not defined; add it to the secrets"
                                + " file or remove it from ssh.key_data"))))
                .toList();
        Optional<Path> agent = Optional.ofNullable(environment.get("SSH_AUTH_SOCK"))
                .filter(socket -> !socket.isBlank()).map(Path::of);
        return SshOptions.defaults()
                .withUser(ssh.user())
                .withPort(ssh.port())
                .withKeys(keyFiles, inlineKeys, true)
                .withPassphrases(passphrases)
                .withProxy(ssh.proxy())
                .withSshDirectory(sshDirectory, ssh.config())
                .withHostKeys(ssh.hostKeyChecking(), expandHome(ssh.knownHostsFile(), home))
                .withAgentSocket(agent)
                .withConnection(Duration.ofSeconds(ssh.connectTimeout()), ssh.maxConcurrentStarts(),
                        Duration.ofSeconds(ssh.keepalive()), SshOptions.DEFAULT_IDLE_TIMEOUT,
                        SshOptions.DEFAULT_CONNECT_ATTEMPTS, SshOptions.DEFAULT_CONNECT_BACKOFF);
    }

    static Path expandHome(String path, Path home) {
        if (path.equals("~")) {
            return home;
        }
        if (path.startsWith("~/")) {
            return home.resolve(path.substring(2));
        }
        return Path.of(path);
    }
}
