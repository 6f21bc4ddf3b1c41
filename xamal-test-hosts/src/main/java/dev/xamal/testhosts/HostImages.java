package dev.xamal.testhosts;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The image tags {@code scripts/provision-test-hosts} wrote to
 * {@code target/test-hosts/images.properties} at the repository root. The file is found through the
 * system property {@code xamal.testHosts.images}, or by walking up from the working directory to
 * the directory that holds {@code scripts/provision-test-hosts}.
 */
public final class HostImages {

    public static final String PROPERTY = "xamal.testHosts.images";
    static final Path RELATIVE = Path.of("target", "test-hosts", "images.properties");

    private final Path file;
    private final Properties tags;

    private HostImages(Path file, Properties tags) {
        this.file = file;
        this.tags = tags;
    }

    public static HostImages load() {
        return load(locate());
    }

    public static HostImages load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("No test host images: " + file + " is missing; "
                    + RealHostsPolicy.HOW_TO_PROVISION);
        }
        Properties tags = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            tags.load(reader);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        return new HostImages(file, tags);
    }

    static Path locate() {
        String explicit = System.getProperty(PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath();
        }
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        return repositoryRoot(start).map(root -> root.resolve(RELATIVE)).orElseThrow(() -> new IllegalStateException(
                "Cannot find the repository root (a directory with scripts/provision-test-hosts) above " + start
                        + "; set -D" + PROPERTY + "=<path of images.properties>"));
    }

    static Optional<Path> repositoryRoot(Path from) {
        for (Path dir = from; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("scripts").resolve("provision-test-hosts"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    public String tag(ImageVariant variant) {
        String tag = tags.getProperty(variant.key());
        if (tag == null || tag.isBlank()) {
            throw new IllegalStateException("No '" + variant.key() + "' image in " + file + "; "
                    + RealHostsPolicy.HOW_TO_PROVISION);
        }
        return tag.trim();
    }

    public Path file() {
        return file;
    }
}
