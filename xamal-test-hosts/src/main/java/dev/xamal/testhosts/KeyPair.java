package dev.xamal.testhosts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** An ed25519 key pair in OpenSSH format, made with the local ssh-keygen. */
public record KeyPair(Path privateKey, Path publicKey) {

    static KeyPair generate(Path privateKey, String comment) {
        ExecOutput result = LocalCommand.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment,
                "-f", privateKey.toString()), 30);
        if (!result.succeeded()) {
            throw new IllegalStateException("ssh-keygen failed for " + privateKey + ": " + result);
        }
        return new KeyPair(privateKey, privateKey.resolveSibling(privateKey.getFileName() + ".pub"));
    }

    /** The public key line: {@code ssh-ed25519 AAAA... comment}. */
    public String publicKeyLine() {
        return read(publicKey).strip();
    }

    /** The public key without its comment: {@code ssh-ed25519 AAAA...}. */
    public String publicKeyWithoutComment() {
        String[] parts = publicKeyLine().split("\\s+");
        return parts[0] + " " + parts[1];
    }

    byte[] privateKeyBytes() {
        try {
            return Files.readAllBytes(privateKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
