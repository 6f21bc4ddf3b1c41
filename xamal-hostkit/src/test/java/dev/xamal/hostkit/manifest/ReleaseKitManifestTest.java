package dev.xamal.hostkit.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xamal.core.release.Sha256;
import dev.xamal.core.UsageException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseKitManifestTest {
    @TempDir
    Path dir;

    @Test
    void jsonRendersTheSameTermWithKeysInTermOrder() {
        String json = ReleaseKitManifest.json(ManifestErlangDecodeTest.orders());

        assertThat(json).isEqualTo("""
                {
                  "__struct__" : "Elixir.ReleaseKit.Manifest",
                  "app" : "orders",
                  "env" : {
                    "clear" : {
                      "GREETING" : "grüße, 世界",
                      "JAVA_OPTS" : "-XX:MaxRAMPercentage=75",
                      "PORT" : "8080"
                    },
                    "secret" : [
                      "DATABASE_URL",
                      "API_TOKEN"
                    ]
                  },
                  "format" : "beam_release_artifact",
                  "format_version" : 2,
                  "health_check" : {
                    "path" : "/health",
                    "port" : 8080,
                    "timeout" : 60,
                    "url" : "http://127.0.0.1:8080/health"
                  },
                  "mix_env" : "prod",
                  "release" : "orders",
                  "runtime" : {
                    "command" : [
                      "bin/orders",
                      "start"
                    ]
                  },
                  "tarball" : "/srv/build/orders/target/xamal/orders-20260801-1a2b3c4.tar.gz",
                  "tool" : "release_kit",
                  "version" : "20260801-1a2b3c4"
                }
                """);
    }

    @Test
    void writesManifestJsonAndSidecarAndTheSameSpecGivesTheSameBytes() throws Exception {
        Path tarball = dir.resolve("out/orders-v1.tar.gz");
        ManifestSpec spec = new ManifestSpec("orders", "orders", "v1", tarball, "0123456789abcdef".repeat(4), 4000,
                "/up", 30, Map.of("PORT", "4000"), List.of());
        Path manifest = dir.resolve("out/orders-hostkit.etf");

        ManifestFiles.Written written = ManifestFiles.write(spec, manifest);
        byte[] first = Files.readAllBytes(manifest);
        ManifestFiles.write(spec, manifest);

        assertThat(written.json()).isEqualTo(dir.resolve("out/orders-hostkit.json"));
        assertThat(written.sidecar()).isEqualTo(dir.resolve("out/orders-v1.tar.gz.sha256"));
        assertThat(Files.readString(written.sidecar())).isEqualTo("0123456789abcdef".repeat(4) + "  orders-v1.tar.gz\n");
        assertThat(Files.readString(written.json(), StandardCharsets.UTF_8)).isEqualTo(ReleaseKitManifest.json(spec));
        assertThat(first).isEqualTo(ReleaseKitManifest.etf(spec)).isEqualTo(Files.readAllBytes(manifest));
        assertThat(written.manifestSha256()).isEqualTo(Sha256.of(manifest));
        try (var files = Files.list(dir.resolve("out"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("orders-hostkit.etf", "orders-hostkit.json", "orders-v1.tar.gz.sha256");
        }
    }

    @Test
    void secretsAreAListOfNames() {
        ManifestSpec spec = new ManifestSpec("orders", "orders", "v1", Path.of("/a/orders-v1.tar.gz"), "b".repeat(64),
                4000, "/up", 30, Map.of(), List.of("DATABASE_URL"));

        assertThat(ReleaseKitManifest.json(spec)).contains("\"secret\" : [\n      \"DATABASE_URL\"\n    ]");
    }

    @Test
    void badValuesSayWhatToChange() {
        assertThatThrownBy(() -> new ManifestSpec("orders", "orders", "v 1", Path.of("/a/o-v1.tar.gz"), "b".repeat(64),
                4000, "/up", 30, Map.of(), List.of())).isInstanceOf(UsageException.class)
                .hasMessageContaining("-Dxamal.version");
        assertThatThrownBy(() -> new ManifestSpec("orders", "orders", "v1", Path.of("/a/o-v1.tar.gz"), "b".repeat(64),
                70000, "/up", 30, Map.of(), List.of())).isInstanceOf(UsageException.class)
                .hasMessageContaining("caddy.app_port");
        assertThatThrownBy(() -> new ManifestSpec("orders", "orders", "v1", Path.of("/a/o-v1.tar.gz"), "b".repeat(64),
                4000, "up", 30, Map.of(), List.of())).isInstanceOf(UsageException.class)
                .hasMessageContaining("health_check.path");
        assertThatThrownBy(() -> new ManifestSpec("orders", "orders", "v1", Path.of("rel/o-v1.tar.gz"), "b".repeat(64),
                4000, "/up", 30, Map.of(), List.of())).hasMessageContaining("absolute");
    }
}
