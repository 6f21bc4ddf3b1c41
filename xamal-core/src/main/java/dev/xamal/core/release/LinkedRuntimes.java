package dev.xamal.core.release;

import dev.xamal.core.EnvironmentException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Linked runtime images kept under {@code <cache>/<key>/} so that a rebuild with the same inputs
 * copies the image instead of running jlink again (jlink is most of a release build's time). The
 * cache is {@code target/xamal/runtimes} unless {@code xamal.runtimeCache} names a directory
 * several projects share. The key is a digest of everything the image depends on: the linking JDK
 * (its home and exact version), the jmods directory, the modules and the linker's options; the
 * image is the same bytes either way, so the release stays reproducible. An entry is written under
 * a fresh temporary name and renamed when complete, so builds running at the same time never see
 * a partial image (the first rename wins, the others drop their copy); entries are never changed
 * once renamed. {@code mvn clean} removes the default cache.
 */
final class LinkedRuntimes {
    /** Bump when {@link RuntimeLinker}'s options change, so older images are not reused. */
    private static final String LINKER_OPTIONS = "strip-debug,no-header-files,no-man-pages,compress,no-jli-classes";

    private final Path directory;
    private final Path kept;
    private final List<String> modules;

    LinkedRuntimes(Path cache, Optional<Path> jmods, List<String> modules) {
        this.directory = cache;
        this.kept = directory.resolve(key(jmods, modules));
        this.modules = List.copyOf(modules);
    }

    /** Whether an image of these inputs was kept by an earlier build. */
    boolean kept() {
        return Files.isDirectory(kept);
    }

    /**
     * Puts the image at {@code output} (which must not exist): a copy of the kept one when there is
     * one, else a fresh link by {@code linker} that is then kept.
     */
    void link(RuntimeLinker linker, Path output) {
        try {
            if (kept()) {
                copyTree(kept, output);
                return;
            }
            linker.link(modules, output);
            Files.createDirectories(directory);
            Path partial = Files.createTempDirectory(directory, kept.getFileName() + ".partial-");
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
            copyTree(output, partial);
            try {
                Files.move(partial, kept, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                deleteTree(partial);
                if (!kept()) {
                    throw raced;
                }
                // another build kept the same image first
            }
        } catch (IOException e) {
            throw new EnvironmentException("could not keep or reuse the linked runtime in " + kept + ": "
                    + e.getMessage(), e);
        }
    }

    static String key(Optional<Path> jmods, List<String> modules) {
        String inputs = String.join("\n", System.getProperty("java.home"), Runtime.version().toString(),
                jmods.map(LinkedRuntimes::describe).orElse("-"), String.join(",", modules), LINKER_OPTIONS);
        return HexFormat.of().formatHex(Sha256.digest().digest(inputs.getBytes(StandardCharsets.UTF_8)))
                .substring(0, 32);
    }

    /** A jmods directory: its path and its JDK's {@code release} file, which names the exact version. */
    private static String describe(Path jmods) {
        Path home = jmods.toAbsolutePath().normalize();
        Path release = home.getParent() == null ? home.resolve("release") : home.getParent().resolve("release");
        try {
            return home + "\n" + (Files.isRegularFile(release) ? Files.readString(release) : "-");
        } catch (IOException e) {
            throw new EnvironmentException("could not read " + release + ": " + e.getMessage(), e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
