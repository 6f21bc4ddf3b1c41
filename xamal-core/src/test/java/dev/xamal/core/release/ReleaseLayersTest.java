package dev.xamal.core.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xamal.core.UsageException;
import dev.xamal.core.config.ReleaseConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a release an earlier build left in the output directory (what -Dxamal.skipBuild deploys). */
class ReleaseLayersTest {
    @TempDir
    Path output;

    @Test
    void theRuntimeAndDependencyDigestsComeFromReleaseAndOnlyTheApplicationLayerIsHashed() throws Exception {
        String runtimeDigest = "a".repeat(64);
        String dependenciesDigest = "b".repeat(64);
        ReleaseManifest manifest = new ReleaseManifest("shop", "v1", Optional.empty(), Optional.empty(), false,
                new Platform("linux", "x86_64", 17), ReleaseConfig.Runtime.JLINK, List.of("java.base"),
                Map.of(LayerKind.RUNTIME, runtimeDigest, LayerKind.DEPENDENCIES, dependenciesDigest,
                        LayerKind.APPLICATION, "c".repeat(64)));
        Files.createDirectories(output.resolve("shop-v1"));
        Files.writeString(output.resolve("shop-v1/RELEASE"), manifest.render());
        Path layers = Files.createDirectories(output.resolve("layers"));
        Files.writeString(layers.resolve("shop-v1-runtime.tar.gz"), "runtime bytes");
        Files.writeString(layers.resolve("shop-v1-dependencies.tar.gz"), "dependency bytes");
        Path application = Files.writeString(layers.resolve("shop-v1-application.tar.gz"), "application bytes");

        ReleaseLayers read = ReleaseLayers.read(output, "shop", "v1");

        assertThat(read.manifest()).isEqualTo(manifest);
        assertThat(read.layers()).extracting(Layer::kind)
                .containsExactly(LayerKind.RUNTIME, LayerKind.DEPENDENCIES, LayerKind.APPLICATION);
        assertThat(read.layers().get(0).sha256()).as("as RELEASE records it, not hashed again").isEqualTo(runtimeDigest);
        assertThat(read.layers().get(1).sha256()).isEqualTo(dependenciesDigest);
        assertThat(read.layers().get(2).sha256()).as("hashed: RELEASE cannot record the layer that holds it")
                .isEqualTo(Sha256.of(application))
                .isEqualTo(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest("application bytes".getBytes(StandardCharsets.UTF_8))));
        assertThat(read.layers()).extracting(Layer::size).containsExactly(13L, 16L, 17L);
    }

    @Test
    void aReleaseNeverBuiltOrMissingALayerIsRefusedSayingWhatToRun() throws Exception {
        assertThatThrownBy(() -> ReleaseLayers.read(output, "shop", "v9")).isInstanceOf(UsageException.class)
                .hasMessageContaining("release shop-v9 was not built").hasMessageContaining("mvn xamal:build");
        ReleaseManifest manifest = new ReleaseManifest("shop", "v2", Optional.empty(), Optional.empty(), false,
                new Platform("linux", "x86_64", 17), ReleaseConfig.Runtime.JLINK, List.of("java.base"),
                Map.of(LayerKind.RUNTIME, "a".repeat(64)));
        Files.createDirectories(output.resolve("shop-v2"));
        Files.writeString(output.resolve("shop-v2/RELEASE"), manifest.render());
        assertThatThrownBy(() -> ReleaseLayers.read(output, "shop", "v2")).isInstanceOf(UsageException.class)
                .hasMessageContaining("release shop-v2 is incomplete")
                .hasMessageContaining(output.resolve("layers/shop-v2-runtime.tar.gz").toString());
    }
}
