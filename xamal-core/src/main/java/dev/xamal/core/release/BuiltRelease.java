package dev.xamal.core.release;

import java.nio.file.Path;
import java.util.List;

/**
 * A finished release.
 *
 * @param plan          what was built
 * @param tarball       {@code <service>-<version>.tar.gz}
 * @param tarballSha256 its digest
 * @param tarballSize   its size in bytes
 * @param layers        the layers, runtime first
 * @param manifest      the RELEASE file's content
 */
public record BuiltRelease(ReleasePlan plan, Path tarball, String tarballSha256, long tarballSize,
                           List<Layer> layers, ReleaseManifest manifest) {
    public BuiltRelease {
        layers = List.copyOf(layers);
    }
}
