package dev.xamal.core.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Writes configuration files into a project directory and loads them, for tests. */
final class ConfigFiles {
    private final Path projectDir;

    ConfigFiles(Path projectDir) {
        this.projectDir = projectDir;
    }

    ConfigFiles write(String relative, String text) {
        try {
            Path file = projectDir.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ConfigFiles base(String text) {
        return write("config/xamal.yml", text);
    }

    XamalConfig load() {
        return load(Optional.empty(), Map.of());
    }

    XamalConfig load(String destination) {
        return load(Optional.of(destination), Map.of());
    }

    XamalConfig load(Optional<String> destination, Map<String, String> env) {
        return ConfigLoader.load(projectDir, ConfigLoader.DEFAULT_CONFIG_FILE, destination, env);
    }
}
