package dev.xamal.core.release;

import dev.xamal.core.EnvironmentException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * jdeps results kept under {@code <output>/jdeps/<key>} so that a rebuild whose jars are unchanged
 * does not analyse them again (jdeps reads every class). The key is a digest of everything the
 * answer depends on: the analysing JDK (its home and exact version), the feature version
 * multi-release jars are read for, whether the app jar is a fat jar, and the content digest of the
 * app jar and of each dependency jar, in order. A kept list is written under a temporary name and
 * renamed when complete; {@code mvn clean} removes them all.
 */
final class KeptModuleScans {
    private final Path kept;

    KeptModuleScans(Path outputDirectory, int javaFeature, boolean fatJar, Path appJar, List<Path> dependencyJars) {
        this.kept = outputDirectory.resolve("jdeps").resolve(key(javaFeature, fatJar, appJar, dependencyJars));
    }

    /** The modules kept for these inputs, if an earlier build kept them. */
    Optional<List<String>> kept() {
        if (!Files.isRegularFile(kept)) {
            return Optional.empty();
        }
        try {
            String list = Files.readString(kept, StandardCharsets.UTF_8).strip();
            return list.isEmpty() ? Optional.empty() : Optional.of(List.of(list.split(",")));
        } catch (IOException e) {
            return Optional.empty(); // unreadable: analyse again
        }
    }

    /** The kept modules, or those {@code scan} finds, which are then kept. */
    List<String> modules(Supplier<List<String>> scan) {
        Optional<List<String>> earlier = kept();
        if (earlier.isPresent()) {
            return earlier.get();
        }
        List<String> found = List.copyOf(scan.get());
        Path partial = kept.resolveSibling(kept.getFileName() + ".partial-" + ProcessHandle.current().pid());
        try {
            Files.createDirectories(kept.getParent());
            Files.writeString(partial, String.join(",", found), StandardCharsets.UTF_8);
            Files.move(partial, kept, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new EnvironmentException("could not keep the jdeps result in " + kept + ": " + e.getMessage(), e);
        }
        return found;
    }

    static String key(int javaFeature, boolean fatJar, Path appJar, List<Path> dependencyJars) {
        StringBuilder inputs = new StringBuilder(String.join("\n", System.getProperty("java.home"),
                Runtime.version().toString(), Integer.toString(javaFeature), fatJar ? "fat" : "plain"));
        inputs.append('\n').append(Sha256.of(appJar));
        for (Path dependency : dependencyJars) {
            inputs.append('\n').append(Sha256.of(dependency));
        }
        return Sha256.of(inputs.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 32);
    }
}
