package dev.xamal.core.release;

import dev.xamal.core.EnvironmentException;
import dev.xamal.core.UsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a host needs of a built release: its RELEASE manifest and its layer files, runtime first.
 *
 * @param manifest the RELEASE file's content
 * @param layers   the layers, in extraction order
 */
public record ReleaseLayers(ReleaseManifest manifest, List<Layer> layers) {
    public ReleaseLayers {
        layers = List.copyOf(layers);
    }

    /** The layers of a release built in this run. */
    public static ReleaseLayers of(BuiltRelease release) {
        return new ReleaseLayers(release.manifest(), release.layers());
    }

    /**
     * A release an earlier {@code build} left in {@code outputDirectory}: its staged RELEASE file
     * and its layer files. The runtime and dependency layers' digests are the ones RELEASE records
     * for them (hashing tens of megabytes again on every deploy would only repeat the build's
     * work; a file changed since fails the digest check on any host it is uploaded to); the
     * application layer, which holds RELEASE and so is not recorded in it, is hashed.
     *
     * @throws UsageException when that release was not built there
     */
    public static ReleaseLayers read(Path outputDirectory, String service, String version) {
        String id = service + "-" + version;
        Path releaseFile = outputDirectory.resolve(id).resolve(ReleaseManifest.FILE_NAME);
        if (!Files.isRegularFile(releaseFile)) {
            throw new UsageException("release " + id + " was not built (no " + releaseFile + "): run mvn xamal:build"
                    + " first, or give the version that was built with -Dxamal.version");
        }
        ReleaseManifest manifest;
        try {
            manifest = ReleaseManifest.parse(Files.readString(releaseFile, StandardCharsets.UTF_8), releaseFile.toString());
        } catch (IOException e) {
            throw new EnvironmentException("could not read " + releaseFile + ": " + e.getMessage(), e);
        }
        List<Layer> layers = new ArrayList<>();
        for (LayerKind kind : LayerKind.values()) {
            if (!manifest.layers().containsKey(kind)) {
                continue;
            }
            Path file = outputDirectory.resolve("layers").resolve(id + "-" + kind.key() + ".tar.gz");
            if (!Files.isRegularFile(file)) {
                throw new UsageException("release " + id + " is incomplete: " + file + " is missing; run mvn xamal:build");
            }
            try {
                String digest = kind == LayerKind.APPLICATION ? Sha256.of(file) : manifest.layers().get(kind);
                layers.add(new Layer(kind, file, digest, Files.size(file)));
            } catch (IOException e) {
                throw new EnvironmentException("could not read " + file + ": " + e.getMessage(), e);
            }
        }
        return new ReleaseLayers(manifest, layers);
    }
}
