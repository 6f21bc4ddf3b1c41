package dev.xamal.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.output.Redactor;
import dev.xamal.core.release.ReleaseBuilder;
import dev.xamal.core.release.ReleaseLayers;
import dev.xamal.core.release.SourceVersion;
import dev.xamal.core.secrets.SecretFiles;
import dev.xamal.core.secrets.Secrets;
import dev.xamal.core.secrets.SecretsLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Releases of the example app under any version label, built by core's release builder from the
 * jar the {@code examples} invoker run packaged (same inputs, same time: the runtime layer is
 * the same bytes for every label).
 */
final class HelloReleases {
    private static final Path EXAMPLE_TARGET = Path.of("target/examples/hello/target");
    /**
     * The runtime cache the invoker runs share ({@code it.runtime.cache} in the pom, passed by
     * failsafe): the example's image is linked and its jar scanned by jdeps at most once for all.
     */
    private static final Path RUNTIME_CACHE =
            Path.of(System.getProperty("xamal.runtimeCache", "target/it-runtimes")).toAbsolutePath();
    private static final Instant BUILD_TIME = Instant.parse("2026-01-01T00:00:00Z");

    private HelloReleases() {
    }

    static ReleaseLayers build(Path outputDirectory, XamalConfig config, String label) {
        ReleaseBuilder builder = new ReleaseBuilder(new RealHostApp.RecordingOutput());
        return ReleaseLayers.of(builder.build(builder.plan(ReleaseRequest.spec(config, outputDirectory, exampleJar(),
                List.of(), outputDirectory, RUNTIME_CACHE, new SourceVersion(label, Optional.empty(), Optional.empty(), false),
                Optional.of(BUILD_TIME)))));
    }

    static Secrets noSecrets(Path projectDir, XamalConfig config) {
        return new SecretsLoader(Map.of(), new Redactor()).load(SecretFiles.of(projectDir, config));
    }

    private static Path exampleJar() {
        if (!Files.isDirectory(EXAMPLE_TARGET)) {
            throw new AssertionError("no " + EXAMPLE_TARGET.toAbsolutePath() + ": the examples invoker run builds it "
                    + "(mvn verify -pl xamal-maven-plugin -am)");
        }
        try (Stream<Path> files = Files.list(EXAMPLE_TARGET)) {
            List<Path> jars = files.filter(p -> p.getFileName().toString().matches("hello-[^-].*(?<!-sources)\\.jar"))
                    .toList();
            assertThat(jars).as("the example's jar").hasSize(1);
            return jars.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
