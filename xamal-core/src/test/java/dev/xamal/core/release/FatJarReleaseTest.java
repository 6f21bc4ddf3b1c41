package dev.xamal.core.release;

import dev.xamal.core.config.ReleaseConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spring Boot-style fat jar: the app's classes under {@code BOOT-INF/classes}, its
 * dependencies as nested jars under {@code BOOT-INF/lib}, one of which needs {@code java.sql};
 * a loader as {@code Main-Class} and the app as {@code Start-Class}. The release must link
 * {@code java.sql} (only visible inside the nested jar) and start with {@code -jar}.
 */
class FatJarReleaseTest {
    static final String APP = """
            package app;
            public class Main {
                public static void main(String[] args) throws Exception {
                    System.out.println("fat " + store.Store.describe() + " version=" + System.getenv("XAMAL_VERSION")
                        + " args=" + String.join(",", args));
                    """ + ReleaseRun.WAIT_WHEN_ASKED + """
                }
            }
            """;
    static final String STORE = """
            package store;
            public class Store {
                public static String describe() {
                    return "sql-types=" + java.sql.Types.class.getSimpleName() + " drivers=" + java.sql.DriverManager.getDrivers().hasMoreElements();
                }
            }
            """;

    @TempDir
    static Path dir;
    static BuiltRelease release;
    static Path extracted;

    @BeforeAll
    static void build() throws Exception {
        Path store = TestJars.compileJar(dir.resolve("in/store-2.0.jar"), Map.of(), Map.of("store.Store", STORE), List.of());
        Map<String, byte[]> entries = new TreeMap<>();
        entries.putAll(TestJars.under("BOOT-INF/classes/", TestJars.compile(Map.of("app.Main", APP), List.of(store))));
        entries.putAll(TestJars.compile(Map.of("fatloader.Loader", TestJars.FAT_LOADER), List.of()));
        entries.put("BOOT-INF/lib/store-2.0.jar", Files.readAllBytes(store));
        Path fat = TestJars.jar(dir.resolve("in/fat-app.jar"),
                Map.of("Main-Class", "fatloader.Loader", "Start-Class", "app.Main"), entries);
        ReleaseSpec spec = new ReleaseSpec("fatty", "fatty", Optional.empty(), List.of(), ReleaseConfig.Runtime.JLINK, List.of(),
                Optional.empty(), Optional.empty(), fat, List.of(), dir.resolve("out"),
                ReleaseSpec.defaultRuntimeCache(dir.resolve("out")),
                new SourceVersion("f00dfacecafe", Optional.empty(), Optional.empty(), false),
                Optional.of(Instant.parse("2026-01-01T00:00:00Z")));
        ReleaseBuilder builder = new ReleaseBuilder(TestOutput.quiet());
        release = builder.build(builder.plan(spec));
        extracted = ReleaseRun.extract(release.tarball(), dir.resolve("x"));
    }

    @Test
    void jdepsSeesTheNestedJarsNeeds() {
        assertThat(release.plan().appJar().fat()).isTrue();
        assertThat(release.plan().modules()).contains("java.base", "java.sql");
        assertThat(release.plan().entryPoint()).isEqualTo("-jar lib/fat-app.jar (Start-Class app.Main)");
    }

    @Test
    void startRunsTheFatJarWithJar() throws Exception {
        ReleaseRun.Result result = ReleaseRun.run(extracted, Map.of(), extracted.resolve("bin/fatty").toString(), "start", "1");
        assertThat(result.status()).as(result.output()).isZero();
        assertThat(result.output()).isEqualTo("fat sql-types=Types drivers=false version=f00dfacecafe args=1\n");
        assertThat(Files.readString(extracted.resolve("bin/fatty"))).contains("-jar \"$RELEASE_ROOT/lib/fat-app.jar\"");
    }

    @Test
    void fatJarReleaseAlsoEndsWith143OnSigterm() throws Exception {
        assertThat(ReleaseRun.statusAfterSigterm(extracted, extracted.resolve("bin/fatty"))).isEqualTo(143);
    }

    @Test
    void dependenciesLayerIsEmptyForAFatJar() {
        assertThat(release.plan().libraries()).hasSize(1);
        assertThat(release.layers().get(1).kind()).isEqualTo(LayerKind.DEPENDENCIES);
    }
}
