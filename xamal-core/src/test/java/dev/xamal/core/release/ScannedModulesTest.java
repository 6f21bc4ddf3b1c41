package dev.xamal.core.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jdeps runs once for jars of the same bytes, again when any byte changes or the kept list is damaged. */
class ScannedModulesTest {
    @TempDir
    Path dir;

    private final List<String> scans = new ArrayList<>();

    private Supplier<List<String>> scan(String modules) {
        return () -> {
            scans.add(modules);
            return List.of(modules.split(","));
        };
    }

    @Test
    void jarsOfTheSameBytesAreScannedOnceEvenFromAnotherProjectSharingTheCache() throws Exception {
        Path cache = dir.resolve("cache");
        Path app = Files.write(dir.resolve("app.jar"), new byte[] {1, 2, 3});
        Path lib = Files.write(dir.resolve("lib.jar"), new byte[] {4, 5});
        Path copy = Files.createDirectories(dir.resolve("other/target")).resolve("app.jar");
        Files.copy(app, copy);

        assertThat(new ScannedModules(cache).modules(List.of(app, lib), 17, scan("java.base,java.sql")))
                .containsExactly("java.base", "java.sql");
        assertThat(new ScannedModules(cache).modules(List.of(copy, lib), 17, scan("java.base")))
                .containsExactly("java.base", "java.sql");

        assertThat(scans).containsExactly("java.base,java.sql");
        try (Stream<Path> kept = Files.list(cache.resolve("modules"))) {
            assertThat(kept.map(p -> p.getFileName().toString()).toList()).as("one complete list, no partial one")
                    .singleElement().asString().matches("[0-9a-f]{32}");
        }
    }

    @Test
    void aChangedByteAnotherOrderOrAnotherFeatureVersionIsScannedAgain() throws Exception {
        Path cache = dir.resolve("cache");
        Path app = Files.write(dir.resolve("app.jar"), new byte[] {1, 2, 3});
        Path lib = Files.write(dir.resolve("lib.jar"), new byte[] {4, 5});
        ScannedModules modules = new ScannedModules(cache);
        modules.modules(List.of(app, lib), 17, scan("java.base"));

        modules.modules(List.of(lib, app), 17, scan("java.base,java.logging"));
        modules.modules(List.of(app, lib), 21, scan("java.base,java.naming"));
        Files.write(app, new byte[] {1, 2, 4});
        assertThat(modules.modules(List.of(app, lib), 17, scan("java.base,java.sql")))
                .containsExactly("java.base", "java.sql");

        assertThat(scans).hasSize(4);
    }

    @Test
    void aDamagedKeptListIsScannedAgainAndReplaced() throws Exception {
        Path cache = dir.resolve("cache");
        Path app = Files.write(dir.resolve("app.jar"), new byte[] {1});
        new ScannedModules(cache).modules(List.of(app), 17, scan("java.base"));
        Path kept = cache.resolve("modules").resolve(ScannedModules.key(List.of(app), 17));
        Files.writeString(kept, "Warning: split package\n");

        assertThat(new ScannedModules(cache).modules(List.of(app), 17, scan("java.base,jdk.httpserver")))
                .containsExactly("java.base", "jdk.httpserver");
        assertThat(new ScannedModules(cache).modules(List.of(app), 17, scan("unused")))
                .containsExactly("java.base", "jdk.httpserver");
        assertThat(scans).containsExactly("java.base", "java.base,jdk.httpserver");
    }
}
