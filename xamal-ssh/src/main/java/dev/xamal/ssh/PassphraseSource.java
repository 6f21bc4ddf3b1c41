package dev.xamal.ssh;

import java.util.Optional;

/**
 * Supplies the passphrase of an encrypted private key. The caller decides where it comes from
 * (a settings.xml server decrypted by Maven, or the environment); this module never prompts.
 */
@FunctionalInterface
public interface PassphraseSource {
    PassphraseSource NONE = key -> Optional.empty();

    /**
     * @param key the key's file path, or the name of the secret that held an in-memory key
     * @return the passphrase, or empty when none is known
     */
    Optional<String> passphraseFor(String key);
}
