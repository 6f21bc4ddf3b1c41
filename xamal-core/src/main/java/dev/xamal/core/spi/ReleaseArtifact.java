package dev.xamal.core.spi;

import java.nio.file.Path;

/**
 * A built release as a backend receives it.
 *
 * @param service the service name
 * @param name    the launcher's name: the tarball holds {@code bin/<name>}
 * @param version the version label
 * @param tarball the release tarball ({@code <service>-<version>.tar.gz}), an absolute path
 * @param sha256  the tarball's SHA-256, lower-case hex
 * @param size    the tarball's size in bytes
 */
public record ReleaseArtifact(String service, String name, String version, Path tarball, String sha256, long size) {
    public ReleaseArtifact {
        if (!tarball.isAbsolute()) {
            throw new IllegalArgumentException("the tarball must be an absolute path: " + tarball);
        }
    }
}
