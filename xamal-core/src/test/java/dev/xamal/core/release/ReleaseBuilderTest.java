package dev.xamal.core.release;

import dev.xamal.core.config.ReleaseConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xamal.core.UsageException;
import dev.xamal.core.output.Output;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plain jar with a dependency, built into a jlink release, extracted with tar and run. */
class ReleaseBuilderTest {
    static final String MAIN = """
            package app;
            public class Main {
                public static void main(String[] args) throws Exception {
                    System.out.println("main version=" + System.getenv("XAMAL_VERSION") + " port=" + System.getenv("PORT")
                        + " option=" + System.getProperty("from.config") + " opts=" + System.getProperty("from.env")
                        + " args=" + String.join(",", args) + " greeting=" + lib.Greeting.hello()
                        + " home=" + System.getProperty("java.home"));
                    """ + ReleaseRun.WAIT_WHEN_ASKED + """
                }
            }
            """;
    static final String OTHER = """
            package app;
            public class Other {
                public static void main(String[] args) { System.out.println("other " + String.join(",", args)); }
            }
            """;
    static final String GREETING = """
            package lib;
            public class Greeting {
                public static String hello() { return java.util.logging.Logger.getLogger("x").getName() + "-hello"; }
            }
            """;

    @TempDir
    static Path dir;
    static BuiltRelease release;
    static Path extracted;

    @BeforeAll
    static void build() throws Exception {
        Path lib = TestJars.compileJar(dir.resolve("in/greeting-1.0.jar"), Map.of(), Map.of("lib.Greeting", GREETING), List.of());
        Path app = TestJars.compileJar(dir.resolve("in/app-1.0.jar"), Map.of("Main-Class", "app.Main"),
                Map.of("app.Main", MAIN, "app.Other", OTHER), List.of(lib));
        ReleaseSpec spec = spec(app, List.of(lib), dir.resolve("out"), ReleaseConfig.Runtime.JLINK, Optional.empty());
        ReleaseBuilder builder = new ReleaseBuilder(TestOutput.quiet());
        release = builder.build(builder.plan(spec));
        extracted = ReleaseRun.extract(release.tarball(), dir.resolve("server/releases/v1"));
    }

    static ReleaseSpec spec(Path app, List<Path> deps, Path out, ReleaseConfig.Runtime runtime, Optional<String> main) {
        return new ReleaseSpec("demo", "demo", main, List.of("-Dfrom.config=yes it is"), runtime, List.of(),
                Optional.empty(), Optional.empty(), app, deps, out, ReleaseSpec.defaultRuntimeCache(out),
                new SourceVersion("abc123def456", Optional.of("abc123def4567890abc123def4567890abc123de"),
                        Optional.of(Instant.parse("2026-11-01T10:00:00Z")), false), Optional.empty());
    }

    @Test
    void tarballHasTheReleaseLayoutAtItsRoot() throws Exception {
        assertThat(release.tarball()).hasFileName("demo-abc123def456.tar.gz");
        assertThat(extracted.resolve("bin/demo")).isExecutable();
        assertThat(extracted.resolve("runtime/bin/java")).isExecutable();
        assertThat(extracted.resolve("runtime/lib/jspawnhelper")).isExecutable();
        assertThat(extracted.resolve("lib/app-1.0.jar")).exists();
        assertThat(extracted.resolve("lib/greeting-1.0.jar")).exists();
        List<Path> legalLinks;
        try (var walk = Files.walk(extracted.resolve("runtime/legal"))) {
            legalLinks = walk.filter(Files::isSymbolicLink).toList();
        }
        assertThat(legalLinks).as("jlink's legal/ symlinks stay symlinks").isNotEmpty();
    }

    @Test
    void runtimeHoldsTheModulesJdepsFoundAndReleaseRecordsThem() throws Exception {
        assertThat(release.plan().modules()).contains("java.base", "java.logging").doesNotContain("java.sql");
        String runtimeRelease = Files.readString(extracted.resolve("runtime/release"));
        assertThat(runtimeRelease).contains("java.logging").doesNotContain("java.sql");
        ReleaseManifest manifest = ReleaseManifest.parse(Files.readString(extracted.resolve("RELEASE")), "RELEASE");
        assertThat(manifest.version()).isEqualTo("abc123def456");
        assertThat(manifest.service()).isEqualTo("demo");
        assertThat(manifest.commit()).contains("abc123def4567890abc123def4567890abc123de");
        assertThat(manifest.commitTime()).contains(Instant.parse("2026-11-01T10:00:00Z"));
        assertThat(manifest.platform().os()).isEqualTo("linux");
        assertThat(manifest.platform().javaFeature()).isEqualTo(Runtime.version().feature());
        assertThat(manifest.runtime()).isEqualTo(ReleaseConfig.Runtime.JLINK);
        assertThat(manifest.modules()).isEqualTo(release.plan().modules());
    }

    @Test
    void releaseRecordsTheLayerDigestsAndTheChecksumFileMatchesTheFiles() throws Exception {
        ReleaseManifest manifest = ReleaseManifest.parse(Files.readString(extracted.resolve("RELEASE")), "RELEASE");
        assertThat(release.layers()).extracting(Layer::kind)
                .containsExactly(LayerKind.RUNTIME, LayerKind.DEPENDENCIES, LayerKind.APPLICATION);
        for (Layer layer : release.layers()) {
            assertThat(Sha256.of(layer.file())).isEqualTo(layer.sha256());
        }
        assertThat(manifest.layers().get(LayerKind.RUNTIME)).isEqualTo(release.layers().get(0).sha256());
        assertThat(manifest.layers().get(LayerKind.DEPENDENCIES)).isEqualTo(release.layers().get(1).sha256());
        assertThat(manifest.layers().get(LayerKind.APPLICATION)).matches("[0-9a-f]{64}");
        String sums = Files.readString(release.plan().checksums());
        assertThat(sums).contains(release.tarballSha256() + "  demo-abc123def456.tar.gz")
                .contains(release.layers().get(0).sha256() + "  layers/demo-abc123def456-runtime.tar.gz");
        assertThat(Sha256.of(release.tarball())).isEqualTo(release.tarballSha256());
    }

    @Test
    void layersTogetherHoldExactlyTheTarballsEntries() throws Exception {
        Path fromLayers = dir.resolve("from-layers");
        for (Layer layer : release.layers()) {
            ReleaseRun.extract(layer.file(), fromLayers);
        }
        ReleaseRun.Result diff = ReleaseRun.run(dir, Map.of(), "diff", "-r", "--no-dereference",
                fromLayers.toString(), extracted.toString());
        assertThat(diff.status()).as(diff.output()).isZero();
    }

    @Test
    void startRunsTheMainClassWithJvmOptionsJavaOptsPortAndVersion() throws Exception {
        ReleaseRun.Result result = ReleaseRun.run(extracted, Map.of("PORT", "4001", "JAVA_OPTS", "-Dfrom.env=env -Dx=y"),
                extracted.resolve("bin/demo").toString(), "start", "a", "b c");
        assertThat(result.status()).as(result.output()).isZero();
        assertThat(result.output()).contains("main version=abc123def456 port=4001 option=yes it is opts=env args=a,b c")
                .contains("greeting=x-hello")
                .contains("home=" + extracted.toRealPath().resolve("runtime"));
    }

    @Test
    void runStartsAnotherMainClassOnTheSameClassPath() throws Exception {
        ReleaseRun.Result result = ReleaseRun.run(extracted, Map.of(), extracted.resolve("bin/demo").toString(),
                "run", "app.Other", "x", "y");
        assertThat(result.status()).as(result.output()).isZero();
        assertThat(result.output()).isEqualTo("other x,y\n");
    }

    @Test
    void versionPrintsTheLabelAndConsoleExplainsAMissingJShell() throws Exception {
        ReleaseRun.Result version = ReleaseRun.run(extracted, Map.of(), extracted.resolve("bin/demo").toString(), "version");
        assertThat(version.output()).isEqualTo("abc123def456\n");
        ReleaseRun.Result console = ReleaseRun.run(extracted, Map.of(), extracted.resolve("bin/demo").toString(), "console");
        assertThat(console.status()).isEqualTo(1);
        assertThat(console.output()).contains("no JShell").contains("jdk.jshell").contains("release.jlink.add_modules");
        ReleaseRun.Result usage = ReleaseRun.run(extracted, Map.of(), extracted.resolve("bin/demo").toString(), "bogus");
        assertThat(usage.status()).isEqualTo(64);
        assertThat(usage.output()).contains("usage: demo start | run <main-class>");
    }

    @Test
    void launcherStartedThroughASymlinkRunsFromTheRealDirectory() throws Exception {
        Path current = dir.resolve("server/current");
        Files.createSymbolicLink(current, Path.of("releases/v1"));
        ReleaseRun.Result result = ReleaseRun.run(dir, Map.of(), current.resolve("bin/demo").toString(), "start");
        assertThat(result.status()).as(result.output()).isZero();
        assertThat(result.output()).contains("home=" + extracted.toRealPath().resolve("runtime"))
                .doesNotContain("current");
    }

    @Test
    void sigtermEndsTheJvmWithStatus143() throws Exception {
        assertThat(ReleaseRun.statusAfterSigterm(extracted, extracted.resolve("bin/demo"))).isEqualTo(143);
    }

    @Test
    void aJarWithoutMainClassNeedsReleaseMainClass() throws Exception {
        Path jar = TestJars.compileJar(dir.resolve("nomain/app.jar"), Map.of(), Map.of("app.Other", OTHER), List.of());
        ReleaseBuilder builder = new ReleaseBuilder(TestOutput.quiet());
        assertThatThrownBy(() -> builder.plan(spec(jar, List.of(), dir.resolve("nomain/out"), ReleaseConfig.Runtime.SYSTEM,
                Optional.empty())))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("has no Main-Class").hasMessageContaining("release.main_class");
        ReleasePlan plan = builder.plan(spec(jar, List.of(), dir.resolve("nomain/out"), ReleaseConfig.Runtime.SYSTEM,
                Optional.of("app.Other")));
        assertThat(plan.entryPoint()).isEqualTo("app.Other");
    }

    @Test
    void aRebuildWithTheSameModulesReusesTheLinkedRuntimeAndItsLayerIsTheSame() throws Exception {
        ReleaseSpec first = spec(dir.resolve("in/app-1.0.jar"), List.of(dir.resolve("in/greeting-1.0.jar")),
                dir.resolve("out"), ReleaseConfig.Runtime.JLINK, Optional.empty());
        ReleaseSpec next = labelled(first, "next");
        TestOutput output = TestOutput.quiet();
        ReleaseBuilder builder = new ReleaseBuilder(output);
        BuiltRelease rebuilt = builder.build(builder.plan(next));

        assertThat(output.lines).anyMatch(l -> l.startsWith("INFO Reusing the runtime linked before ("));
        assertThat(layer(rebuilt, LayerKind.RUNTIME).sha256()).isEqualTo(layer(release, LayerKind.RUNTIME).sha256());
        Path root = ReleaseRun.extract(rebuilt.tarball(), dir.resolve("server/releases/next"));
        ReleaseRun.Result result = ReleaseRun.run(root, Map.of(), root.resolve("bin/demo").toString(), "version");
        assertThat(result.status()).as(result.output()).isZero();
        assertThat(result.output()).contains("next");
    }

    @Test
    void anotherProjectNamingTheSameRuntimeCacheReusesTheImageInsteadOfLinking() throws Exception {
        ReleaseSpec first = spec(dir.resolve("in/app-1.0.jar"), List.of(dir.resolve("in/greeting-1.0.jar")),
                dir.resolve("out"), ReleaseConfig.Runtime.JLINK, Optional.empty());
        Path otherOutput = dir.resolve("other-project/target/xamal");
        ReleaseSpec other = new ReleaseSpec("other", "other", first.mainClass(), first.jvmOptions(), first.runtime(),
                first.addModules(), first.jmods(), first.console(), first.appJar(), first.dependencyJars(), otherOutput,
                first.runtimeCache(), first.version(), first.outputTimestamp());
        TestOutput output = TestOutput.quiet();
        ReleaseBuilder builder = new ReleaseBuilder(output);
        BuiltRelease built = builder.build(builder.plan(other));

        assertThat(output.lines).anyMatch(l -> l.startsWith("INFO Reusing the runtime linked before ("))
                .noneMatch(l -> l.startsWith("INFO Linking the runtime"));
        assertThat(layer(built, LayerKind.RUNTIME).sha256()).isEqualTo(layer(release, LayerKind.RUNTIME).sha256());
        assertThat(otherOutput.resolve("runtimes")).as("no cache of its own").doesNotExist();
        try (Stream<Path> entries = Files.list(first.runtimeCache())) {
            assertThat(entries.map(p -> p.getFileName().toString()).filter(name -> !name.equals("modules")).toList())
                    .as("one complete image, no partial copy").singleElement().asString().matches("[0-9a-f]{32}");
        }
    }

    @Test
    void aLayersOnlyRebuildReusesJdepsAndTheKeptLayersWithTheBytesOfAFreshBuild() throws Exception {
        ReleaseSpec fresh = spec(dir.resolve("in/app-1.0.jar"), List.of(dir.resolve("in/greeting-1.0.jar")),
                dir.resolve("out"), ReleaseConfig.Runtime.JLINK, Optional.empty());
        ReleaseSpec again = labelled(fresh, "again");
        TestOutput output = TestOutput.quiet();
        ReleaseBuilder builder = new ReleaseBuilder(output);
        BuiltRelease rebuilt = builder.build(builder.plan(again), false);

        assertThat(output.lines).anyMatch(l -> l.startsWith("DEBUG jdeps found before (jars unchanged) "))
                .anyMatch(l -> l.equals("DEBUG layer runtime is the same as one built before: reused"))
                .anyMatch(l -> l.equals("DEBUG layer dependencies is the same as one built before: reused"));
        for (LayerKind kind : List.of(LayerKind.RUNTIME, LayerKind.DEPENDENCIES)) {
            assertThat(Files.mismatch(layer(rebuilt, kind).file(), layer(release, kind).file()))
                    .as("kept %s layer against the fresh build's", kind).isEqualTo(-1L);
            assertThat(layer(rebuilt, kind).sha256()).isEqualTo(Sha256.of(layer(release, kind).file()));
        }
        assertThat(rebuilt.manifest().modules()).isEqualTo(release.manifest().modules());
        assertThat(rebuilt.hasTarball()).isFalse();
        assertThat(rebuilt.plan().tarball()).doesNotExist();
        assertThat(Files.readString(rebuilt.plan().checksums())).doesNotContain("demo-again.tar.gz")
                .contains("layers/demo-again-runtime.tar.gz");
        Path root = dir.resolve("server/releases/again");
        for (Layer layer : rebuilt.layers()) {
            ReleaseRun.extract(layer.file(), root);
        }
        ReleaseRun.Result result = ReleaseRun.run(root, Map.of(), root.resolve("bin/demo").toString(), "version");
        assertThat(result.status()).as(result.output()).isZero();
        assertThat(result.output()).contains("again");

        BuiltRelease sameId = builder.build(builder.plan(fresh), false);
        assertThat(sameId.hasTarball()).as("an earlier build's tarball of the release id is written again").isTrue();
        assertThat(sameId.tarballSha256()).as("the same bytes as the first build's").isEqualTo(release.tarballSha256());
        assertThat(Sha256.of(sameId.tarball())).isEqualTo(release.tarballSha256());
    }

    /** The same spec with another version label (same commit time, so the same entry time). */
    private static ReleaseSpec labelled(ReleaseSpec spec, String label) {
        return new ReleaseSpec(spec.service(), spec.name(), spec.mainClass(), spec.jvmOptions(), spec.runtime(),
                spec.addModules(), spec.jmods(), spec.console(), spec.appJar(), spec.dependencyJars(),
                spec.outputDirectory(), spec.runtimeCache(), new SourceVersion(label, Optional.empty(),
                        Optional.of(Instant.parse("2026-11-01T10:00:00Z")), false), spec.outputTimestamp());
    }

    private static Layer layer(BuiltRelease built, LayerKind kind) {
        return built.layers().stream().filter(l -> l.kind() == kind).findFirst().orElseThrow();
    }

    @Test
    void systemRuntimeHasNoRuntimeLayerAndUsesTheServersJava() throws Exception {
        Path jar = TestJars.compileJar(dir.resolve("sys/app.jar"), Map.of(), Map.of("app.Other", OTHER), List.of());
        ReleaseBuilder builder = new ReleaseBuilder(TestOutput.quiet());
        BuiltRelease built = builder.build(builder.plan(spec(jar, List.of(), dir.resolve("sys/out"), ReleaseConfig.Runtime.SYSTEM,
                Optional.of("app.Other"))));
        assertThat(built.layers()).extracting(Layer::kind).containsExactly(LayerKind.DEPENDENCIES, LayerKind.APPLICATION);
        Path root = ReleaseRun.extract(built.tarball(), dir.resolve("sys/x"));
        assertThat(root.resolve("runtime")).doesNotExist();
        String release = Files.readString(root.resolve("RELEASE"), StandardCharsets.UTF_8);
        assertThat(release).contains("platform=any/any").contains("runtime=system").contains("layer.runtime=none");
        ReleaseRun.Result result = ReleaseRun.run(root, Map.of("JAVA_HOME", System.getProperty("java.home")),
                root.resolve("bin/demo").toString(), "start", "q");
        assertThat(result.status()).as(result.output()).isZero();
        assertThat(result.output()).isEqualTo("other q\n");
    }
}
