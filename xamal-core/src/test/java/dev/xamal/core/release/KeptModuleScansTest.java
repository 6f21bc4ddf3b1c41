package dev.xamal.core.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeptModuleScansTest {
    @TempDir
    Path dir;

    @Test
    void aSecondScanOfTheSameJarsIsAnsweredFromTheKeptList() throws Exception {
        Path app = Files.writeString(dir.resolve("app.jar"), "app");
        Path lib = Files.writeString(dir.resolve("lib.jar"), "lib");
        AtomicInteger scans = new AtomicInteger();
        List<String> first = new KeptModuleScans(dir.resolve("out"), 17, false, app, List.of(lib))
                .modules(() -> counted(scans));
        List<String> second = new KeptModuleScans(dir.resolve("out"), 17, false, app, List.of(lib))
                .modules(() -> counted(scans));
        assertThat(first).containsExactly("java.base", "java.logging");
        assertThat(second).isEqualTo(first);
        assertThat(scans).hasValue(1);
    }

    @Test
    void anyChangedInputScansAgain() throws Exception {
        Path app = Files.writeString(dir.resolve("app.jar"), "app");
        Path lib = Files.writeString(dir.resolve("lib.jar"), "lib");
        String key = KeptModuleScans.key(17, false, app, List.of(lib));
        assertThat(KeptModuleScans.key(17, false, app, List.of(lib))).isEqualTo(key);
        assertThat(KeptModuleScans.key(21, false, app, List.of(lib))).as("feature").isNotEqualTo(key);
        assertThat(KeptModuleScans.key(17, true, app, List.of(lib))).as("fat jar").isNotEqualTo(key);
        assertThat(KeptModuleScans.key(17, false, app, List.of())).as("one dependency fewer").isNotEqualTo(key);
        assertThat(KeptModuleScans.key(17, false, lib, List.of(app))).as("app and dependency swapped").isNotEqualTo(key);
        Files.writeString(lib, "LIB");
        assertThat(KeptModuleScans.key(17, false, app, List.of(lib))).as("a dependency's content").isNotEqualTo(key);
    }

    private static List<String> counted(AtomicInteger scans) {
        scans.incrementAndGet();
        return List.of("java.base", "java.logging");
    }
}
