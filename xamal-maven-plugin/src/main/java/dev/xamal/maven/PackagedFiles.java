package dev.xamal.maven;

import dev.xamal.core.EnvironmentException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Text files the plugin ships under a folder of its own jar (or classes directory, when run from
 * the reactor): the docs topics and the init samples.
 */
final class PackagedFiles {
    private PackagedFiles() {
    }

    /** Every file under {@code folder}, by path relative to it, in path order. */
    static Map<String, String> under(String folder) {
        try {
            Path location = Path.of(PackagedFiles.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(location)) {
                return read(location.resolve(folder));
            }
            try (FileSystem jar = FileSystems.newFileSystem(location)) {
                return read(jar.getPath(folder));
            }
        } catch (IOException | URISyntaxException e) {
            throw new EnvironmentException("cannot read the plugin's packaged " + folder + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> read(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String relative = root.relativize(file).toString().replace('\\', '/');
                files.put(relative, Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return files;
    }
}
