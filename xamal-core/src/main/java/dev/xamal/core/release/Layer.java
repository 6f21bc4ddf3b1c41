package dev.xamal.core.release;

import java.nio.file.Path;

/**
 * One built layer.
 *
 * @param kind   which layer
 * @param file   its {@code .tar.gz}
 * @param sha256 the digest of that file
 * @param size   its size in bytes
 */
public record Layer(LayerKind kind, Path file, String sha256, long size) {
}
