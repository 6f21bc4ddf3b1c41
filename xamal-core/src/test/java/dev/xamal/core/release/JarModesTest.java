package dev.xamal.core.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarModesTest {
    @TempDir
    Path dir;

    /** A jar as Maven's jar plugin writes it, with the modes a given umask left on the files. */
    private Path jar(String name, int dirMode, int fileMode) throws Exception {
        Path file = dir.resolve(name);
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(Files.newOutputStream(file))) {
            for (String entryName : List.of("demo/", "demo/A.class", "run.sh")) {
                ZipArchiveEntry entry = new ZipArchiveEntry(entryName);
                entry.setLastModifiedTime(FileTime.from(Instant.parse("2026-11-26T00:00:00Z")));
                entry.setUnixMode(entryName.endsWith("/") ? 040000 | dirMode
                        : 0100000 | (entryName.endsWith(".sh") ? fileMode | 0100 : fileMode));
                out.putArchiveEntry(entry);
                if (!entry.isDirectory()) {
                    out.write(("content of " + entryName).getBytes(StandardCharsets.UTF_8));
                }
                out.closeArchiveEntry();
            }
        }
        return file;
    }

    @Test
    void jarsBuiltUnderDifferentUmasksBecomeTheSameBytes() throws Exception {
        Path wide = jar("wide.jar", 0755, 0644);
        Path narrow = jar("narrow.jar", 0700, 0600);
        assertThat(Sha256.of(wide)).isNotEqualTo(Sha256.of(narrow));
        JarModes.copyNormalised(wide, dir.resolve("wide-out.jar"));
        JarModes.copyNormalised(narrow, dir.resolve("narrow-out.jar"));
        assertThat(Sha256.of(dir.resolve("narrow-out.jar"))).isEqualTo(Sha256.of(dir.resolve("wide-out.jar")));
    }

    @Test
    void normalisedJarKeepsEntriesContentAndExecutableBit() throws Exception {
        Path narrow = jar("narrow.jar", 0700, 0600);
        Path out = dir.resolve("out.jar");
        JarModes.copyNormalised(narrow, out);
        List<String> seen = new ArrayList<>();
        try (ZipFile zip = ZipFile.builder().setPath(out).get()) {
            for (ZipArchiveEntry e : Collections.list(zip.getEntries())) {
                seen.add(e.getName() + " " + Integer.toOctalString(e.getUnixMode() & 07777));
                if (!e.isDirectory()) {
                    assertThat(new String(zip.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8))
                            .isEqualTo("content of " + e.getName());
                }
            }
        }
        assertThat(seen).containsExactly("demo/ 755", "demo/A.class 644", "run.sh 755");
    }

    @Test
    void jarWithoutUnixModesIsCopiedAsItIs() throws Exception {
        Path plain = TestJars.jar(dir.resolve("plain.jar"), java.util.Map.of(), java.util.Map.of("a.txt", new byte[] {1}));
        JarModes.copyNormalised(plain, dir.resolve("copy.jar"));
        assertThat(Files.readAllBytes(dir.resolve("copy.jar"))).isEqualTo(Files.readAllBytes(plain));
    }
}
