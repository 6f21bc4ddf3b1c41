package dev.xamal.core.release;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A finished release.
 *
 * @param plan     what was built
 * @param union    the tarball {@code <service>-<version>.tar.gz} (the union of the layers), when it
 *                 was written: goals that only send layers do not write it
 * @param layers   the layers, runtime first
 * @param manifest the RELEASE file's content
 */
public record BuiltRelease(ReleasePlan plan, Optional<Layer> union, List<Layer> layers, ReleaseManifest manifest) {
    public BuiltRelease {
        layers = List.copyOf(layers);
    }

    /** Whether the tarball was written. */
    public boolean hasTarball() {
        return union.isPresent();
    }

    /** {@code <service>-<version>.tar.gz}; only for a build that wrote it. */
    public Path tarball() {
        return written().file();
    }

    /** The tarball's digest; only for a build that wrote it. */
    public String tarballSha256() {
        return written().sha256();
    }

    /** The tarball's size in bytes; only for a build that wrote it. */
    public long tarballSize() {
        return written().size();
    }

    private Layer written() {
        return union.orElseThrow(() -> new IllegalStateException("release " + plan.spec().releaseId()
                + " was built without its tarball"));
    }
}
