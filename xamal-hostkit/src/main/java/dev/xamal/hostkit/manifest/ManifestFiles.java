package dev.xamal.hostkit.manifest;

import dev.xamal.core.EnvironmentException;
import dev.xamal.core.release.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a release's HostKit files: the ETF manifest where {@code hostkit.manifest} says, its
 * JSON rendering beside it ({@code .etf} replaced by {@code .json}) and the tarball's
 * {@code <tarball>.sha256} sidecar in {@code sha256sum} form. Each file is written to a temporary
 * file first and moved into place, so a reader never sees half a manifest.
 */
public final class ManifestFiles {
    private ManifestFiles() {
    }

    /**
     * The files written.
     *
     * @param manifest       the ETF manifest
     * @param json           its JSON rendering
     * @param sidecar        {@code <tarball>.sha256}
     * @param manifestSha256 the SHA-256 of the manifest's bytes
     */
    public record Written(Path manifest, Path json, Path sidecar, String manifestSha256) {
    }

    public static Written write(ManifestSpec spec, Path manifest) {
        byte[] etf = ReleaseKitManifest.etf(spec);
        Path json = jsonPath(manifest);
        Path sidecar = sidecarPath(spec.tarball());
        writeAtomically(manifest, etf);
        writeAtomically(json, ReleaseKitManifest.json(spec).getBytes(StandardCharsets.UTF_8));
        writeAtomically(sidecar, (spec.tarballSha256() + "  " + spec.tarball().getFileName() + "\n")
                .getBytes(StandardCharsets.UTF_8));
        return new Written(manifest, json, sidecar, Sha256.of(etf));
    }

    /** {@code x.etf} → {@code x.json}; any other name gets {@code .json} appended. */
    public static Path jsonPath(Path manifest) {
        String name = manifest.getFileName().toString();
        String base = name.endsWith(".etf") ? name.substring(0, name.length() - 4) : name;
        return manifest.resolveSibling(base + ".json");
    }

    /** {@code <tarball>.sha256}, where HostKit's clean task looks for it. */
    public static Path sidecarPath(Path tarball) {
        return tarball.resolveSibling(tarball.getFileName() + ".sha256");
    }

    static void writeAtomically(Path file, byte[] bytes) {
        Path absolute = file.toAbsolutePath();
        try {
            Files.createDirectories(absolute.getParent());
            Path temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
            try {
                Files.write(temp, bytes);
                try {
                    Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new EnvironmentException("could not write " + absolute + ": " + e.getMessage(), e);
        }
    }
}
