package dev.xamal.ssh;

import java.util.Objects;

/**
 * A private key held in memory (from a secret named in {@code ssh.key_data}), never written to
 * disk. {@link #toString()} shows the name only.
 *
 * @param name       the secret's name, used in messages and to look up a passphrase
 * @param privateKey the key text in OpenSSH or PEM format
 */
public record InlineKey(String name, String privateKey) {
    public InlineKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(privateKey, "privateKey");
    }

    @Override
    public String toString() {
        return "InlineKey[" + name + "]";
    }
}
