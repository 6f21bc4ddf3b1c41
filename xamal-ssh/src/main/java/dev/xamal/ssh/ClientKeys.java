package dev.xamal.ssh;

import dev.xamal.core.UsageException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the private keys the transport offers: the configured key files, the in-memory keys and
 * (unless turned off) the user's default {@code id_*} files. An explicitly configured key that
 * cannot be read is the user's mistake and fails loudly; a default key that cannot be used (for
 * instance encrypted, with no passphrase supplied) is skipped, as it is only a guess.
 */
final class ClientKeys {
    private static final Logger LOG = LoggerFactory.getLogger(ClientKeys.class);
    static final List<String> DEFAULT_KEY_FILES = List.of("id_ed25519", "id_ecdsa", "id_rsa");

    private ClientKeys() {
    }

    static List<KeyPair> load(SshOptions options) {
        List<KeyPair> keys = new ArrayList<>();
        for (Path file : options.identityFiles()) {
            keys.addAll(loadFile(file, options.passphrases()));
        }
        for (InlineKey inline : options.inlineKeys()) {
            keys.addAll(loadInline(inline, options.passphrases()));
        }
        if (options.defaultIdentities()) {
            for (String name : DEFAULT_KEY_FILES) {
                Path file = options.sshDirectory().resolve(name);
                if (Files.isRegularFile(file)) {
                    try {
                        keys.addAll(loadFile(file, options.passphrases()));
                    } catch (UsageException e) {
                        LOG.debug("Skipping default key {}: {}", file, e.getMessage());
                    }
                }
            }
        }
        return List.copyOf(keys);
    }

    private static Collection<KeyPair> loadFile(Path file, PassphraseSource passphrases) {
        if (!Files.isRegularFile(file)) {
            throw new UsageException("SSH key file " + file + " does not exist (listed in ssh.keys);"
                    + " fix the path or remove it from ssh.keys");
        }
        String name = file.toString();
        try {
            return nonEmpty(name, SecurityUtils.getKeyPairResourceParser()
                    .loadKeyPairs(null, file, passwordProvider(name, passphrases)));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw unreadable(name, e);
        }
    }

    private static Collection<KeyPair> loadInline(InlineKey key, PassphraseSource passphrases) {
        NamedResource resource = NamedResource.ofName(key.name());
        try (ByteArrayInputStream in = new ByteArrayInputStream(key.privateKey().getBytes(StandardCharsets.UTF_8))) {
            return nonEmpty(key.name(), SecurityUtils.getKeyPairResourceParser()
                    .loadKeyPairs(null, resource, passwordProvider(key.name(), passphrases), in));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw unreadable("from secret " + key.name(), e);
        }
    }

    private static FilePasswordProvider passwordProvider(String name, PassphraseSource passphrases) {
        return (session, resource, retryIndex) -> {
            if (retryIndex > 0) {
                return null;
            }
            return passphrases.passphraseFor(name).orElseThrow(() -> new UsageException(
                    "SSH key " + name + " is encrypted and no passphrase was supplied for it;"
                            + " put the passphrase in the settings.xml server named by ssh.server_id"
                            + " or in the environment"));
        };
    }

    private static Collection<KeyPair> nonEmpty(String name, Collection<KeyPair> keys) {
        if (keys == null || keys.isEmpty()) {
            throw new UsageException("SSH key " + name + " holds no private key in a format xamal reads"
                    + " (OpenSSH or PEM: ed25519, ecdsa or rsa)");
        }
        return keys;
    }

    private static UsageException unreadable(String name, Exception cause) {
        if (cause instanceof UsageException usage) {
            return usage;
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof UsageException usage) {
                return usage;
            }
            root = root.getCause();
        }
        if (root instanceof UsageException usage) {
            return usage;
        }
        String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        boolean wrongPassphrase = detail.toLowerCase(java.util.Locale.ROOT).contains("decrypt")
                || detail.toLowerCase(java.util.Locale.ROOT).contains("password")
                || detail.toLowerCase(java.util.Locale.ROOT).contains("passphrase");
        return new UsageException("Cannot read SSH key " + name + ": "
                + (wrongPassphrase ? "the passphrase supplied for it is wrong (" + detail + ")" : detail), cause);
    }
}
