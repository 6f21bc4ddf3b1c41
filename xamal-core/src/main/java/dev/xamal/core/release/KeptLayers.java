package dev.xamal.core.release;

import dev.xamal.core.EnvironmentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Supplier;

/**
 * Layer files kept under {@code <output>/layer-cache/<content key>.tar.gz} so that a rebuild whose
 * runtime image or dependency jars are unchanged copies the layer instead of compressing the same
 * bytes again. The key is {@link ReproducibleTar#contentKey}: the content digest of every entry
 * plus everything else the tar's bytes depend on, so a kept layer is the same bytes a fresh write
 * would produce. An entry is written under a temporary name and renamed when complete;
 * {@code mvn clean} removes them all.
 */
final class KeptLayers {
    private final Path directory;

    KeptLayers(Path outputDirectory) {
        this.directory = outputDirectory.resolve("layer-cache");
    }

    /**
     * Puts the layer of {@code paths} at {@code file}: a copy of the kept one when there is one,
     * else what {@code write} writes there, which is then kept.
     *
     * @return whether a kept layer was copied
     */
    boolean put(ReproducibleTar tar, List<String> paths, Path file, Supplier<Layer> write) {
        Path kept = directory.resolve(tar.contentKey(paths) + ".tar.gz");
        try {
            if (Files.isRegularFile(kept)) {
                Files.copy(kept, file, StandardCopyOption.REPLACE_EXISTING);
                return true;
            }
            write.get();
            Files.createDirectories(directory);
            Path partial = directory.resolve(kept.getFileName() + ".partial-" + ProcessHandle.current().pid());
            Files.copy(file, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, kept, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return false;
        } catch (IOException e) {
            throw new EnvironmentException("could not keep or reuse the layer " + file.getFileName() + " in "
                    + directory + ": " + e.getMessage(), e);
        }
    }
}
