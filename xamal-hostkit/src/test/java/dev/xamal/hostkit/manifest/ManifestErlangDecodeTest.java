package dev.xamal.hostkit.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xamal.hostkit.etf.Atom;
import dev.xamal.hostkit.etf.EtfEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manifest read by a real Erlang VM the way HostKit reads it: {@code binary_to_term/2} with
 * {@code [safe]} after creating only the atoms HostKit knows, compared with a term written by
 * hand in Erlang syntax ({@code orders.expected.term}), not produced by our encoder.
 */
class ManifestErlangDecodeTest {
    @TempDir
    Path dir;

    static ManifestSpec orders() {
        Map<String, String> clear = new LinkedHashMap<>();
        clear.put("PORT", "8080");
        clear.put("JAVA_OPTS", "-XX:MaxRAMPercentage=75");
        clear.put("GREETING", "grüße, 世界");
        return new ManifestSpec("orders", "orders", "20260801-1a2b3c4",
                Path.of("/srv/build/orders/target/xamal/orders-20260801-1a2b3c4.tar.gz"),
                "a".repeat(64), 8080, "/health", 60, clear, List.of("DATABASE_URL", "API_TOKEN"));
    }

    @Test
    void erlangDecodesTheManifestSafelyToTheHandWrittenTermAndEncodesItToTheSameBytes() throws Exception {
        Path etf = dir.resolve("orders-hostkit.etf");
        Files.write(etf, ReleaseKitManifest.etf(orders()));

        Escript.Result result = Escript.run(resource("check_manifest.escript"), etf.toString(),
                resource("orders.expected.term").toString());

        assertThat(result.status()).as(result.output()).isZero();
        assertThat(result.output()).contains("'Elixir.ReleaseKit.Manifest'").contains("beam_release_artifact");
    }

    @Test
    void theCheckFailsOnAnAtomHostKitDoesNotKnow() throws Exception {
        Set<Atom> atoms = new HashSet<>(ReleaseKitManifest.ATOMS);
        atoms.add(Atom.of("java_version"));
        Map<Object, Object> term = new LinkedHashMap<>(ReleaseKitManifest.term(orders()));
        term.put(Atom.of("java_version"), "17");
        Path etf = dir.resolve("stray-atom.etf");
        Files.write(etf, new EtfEncoder(atoms).encode(term));

        Escript.Result result = Escript.run(resource("check_manifest.escript"), etf.toString(),
                resource("orders.expected.term").toString());

        assertThat(result.status()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).contains("an atom HostKit does not know");
    }

    @Test
    void theCheckFailsOnADifferentValue() throws Exception {
        ManifestSpec o = orders();
        ManifestSpec other = new ManifestSpec(o.app(), o.release(), "20260801-ffffff0", o.tarball(), o.tarballSha256(),
                o.port(), o.healthPath(), o.healthTimeout(), o.envClear(), o.secretNames());
        Path etf = dir.resolve("other.etf");
        Files.write(etf, ReleaseKitManifest.etf(other));

        Escript.Result result = Escript.run(resource("check_manifest.escript"), etf.toString(),
                resource("orders.expected.term").toString());

        assertThat(result.status()).as(result.output()).isEqualTo(2);
    }

    private Path resource(String name) throws IOException, URISyntaxException {
        Path copy = dir.resolve(name);
        if (!Files.exists(copy)) {
            try (InputStream in = getClass().getResourceAsStream(name)) {
                Files.copy(in, copy);
            }
        }
        return copy;
    }
}
