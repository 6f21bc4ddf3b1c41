package dev.xamal.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Client key pairs made by the real {@code ssh-keygen}, in OpenSSH format, for tests. */
final class TestKeys {
    private TestKeys() {
    }

    /** Creates {@code dir/name} (private) and {@code dir/name.pub}; empty passphrase for none. */
    static Path generate(Path dir, String name, String type, String passphrase) {
        Path key = dir.resolve(name);
        List<String> command = new ArrayList<>(List.of("ssh-keygen", "-q", "-t", type, "-N", passphrase,
                "-C", name, "-f", key.toString()));
        if (type.equals("rsa")) {
            command.addAll(List.of("-b", "2048"));
        }
        run(command, dir);
        return key;
    }

    /** Appends the public halves of the keys to {@code dir/authorized_keys} and returns that file. */
    static Path authorize(Path authorizedKeys, Path... privateKeys) {
        try {
            for (Path key : privateKeys) {
                Files.writeString(authorizedKeys, Files.readString(Path.of(key + ".pub")),
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            }
            return authorizedKeys;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String run(List<String> command, Path dir) {
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + " could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
