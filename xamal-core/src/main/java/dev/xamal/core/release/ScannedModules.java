package dev.xamal.core.release;

import dev.xamal.core.EnvironmentException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The module lists jdeps found, kept as {@code <cache>/modules/<key>} beside the linked runtime
 * images, so that a build of jars that are byte for byte those of an earlier build does not run
 * jdeps again (it takes seconds even for a small application). The key is a digest of the JDK
 * running the build (its home and exact version), the feature version multi-release jars are read
 * for and the content of every jar in class path order, so a jar that changed in any byte (even
 * only its entries' times) is scanned again. A list is written under a temporary name and renamed
 * when complete, so builds sharing the cache at the same time never read a partial one.
 */
final class ScannedModules {
    /** Bump when {@link ModuleScan}'s options change, so older lists are not reused. */
    private static final String SCAN_OPTIONS = "print-module-deps,ignore-missing-deps,multi-release";

    private final Path directory;

    ScannedModules(Path cache) {
        this.directory = cache.resolve("modules");
    }

    /** The list kept for these jars (app jar first, then the class path), else {@code scan}'s, which is then kept. */
    List<String> modules(List<Path> jars, int javaFeature, Supplier<List<String>> scan) {
        Path file = directory.resolve(key(jars, javaFeature));
        Optional<List<String>> kept = read(file);
        if (kept.isPresent()) {
            return kept.get();
        }
        List<String> found = List.copyOf(scan.get());
        try {
            Files.createDirectories(directory);
            Path partial = Files.createTempFile(directory, file.getFileName() + ".partial-", "");
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-r--r--"));
            Files.writeString(partial, String.join(",", found) + "\n", StandardCharsets.UTF_8);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new EnvironmentException("could not keep the module list jdeps found in " + file + ": "
                    + e.getMessage(), e);
        }
        return found;
    }

    private static Optional<List<String>> read(Path file) {
        try {
            String list = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : "";
            return ModuleScan.MODULE_LIST.matcher(list).matches() ? Optional.of(List.of(list.split(","))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // unreadable: scanned again
        }
    }

    static String key(List<Path> jars, int javaFeature) {
        StringBuilder inputs = new StringBuilder(String.join("\n", System.getProperty("java.home"),
                Runtime.version().toString(), Integer.toString(javaFeature), SCAN_OPTIONS));
        jars.forEach(jar -> inputs.append('\n').append(Sha256.of(jar)));
        return Sha256.of(inputs.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 32);
    }
}
