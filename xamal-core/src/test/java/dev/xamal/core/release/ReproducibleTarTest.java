package dev.xamal.core.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReproducibleTarTest {
    static final Instant TIME = Instant.parse("2026-11-01T10:00:00Z");

    @TempDir
    Path dir;

    /** The same tree, made at another path with other times and permission bits (another umask). */
    private Path tree(String name, String fileMode, String dirMode, Instant touched) throws Exception {
        Path root = dir.resolve(name);
        Files.createDirectories(root.resolve("lib/sub"));
        Files.createDirectories(root.resolve("bin"));
        Files.writeString(root.resolve("lib/b.jar"), "bbb");
        Files.writeString(root.resolve("lib/a.jar"), "aaa");
        Files.writeString(root.resolve("lib/sub/c.txt"), "ccc");
        Files.createSymbolicLink(root.resolve("lib/link.txt"), Path.of("sub/c.txt"));
        Files.writeString(root.resolve("bin/run"), "#!/bin/sh\n");
        Files.writeString(root.resolve("RELEASE"), "version=1\n");
        try (var walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                if (Files.isSymbolicLink(p)) {
                    continue;
                }
                Files.setLastModifiedTime(p, FileTime.from(touched));
                boolean exec = p.endsWith("run");
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                        Files.isDirectory(p) ? dirMode : exec ? fileMode.substring(0, 2) + "x" + fileMode.substring(3) : fileMode));
            }
        }
        return root;
    }

    private static byte[] tar(Path root, List<String> paths) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ReproducibleTar(root, TIME).write(paths, out);
        return out.toByteArray();
    }

    @Test
    void sameContentGivesTheSameBytesWhateverThePathTimesAndPermissions() throws Exception {
        Path a = tree("one", "rw-r--r--", "rwxr-xr-x", Instant.parse("2020-01-01T00:00:00Z"));
        Path b = tree("second/place", "rw-------", "rwx------", Instant.parse("2025-06-06T06:06:06Z"));
        List<String> all = List.of("bin", "lib", "RELEASE");
        assertThat(Sha256.of(tar(a, all))).isEqualTo(Sha256.of(tar(b, all)));
    }

    @Test
    void differentContentGivesDifferentBytes() throws Exception {
        Path a = tree("one", "rw-r--r--", "rwxr-xr-x", TIME);
        byte[] before = tar(a, List.of("lib"));
        Files.writeString(a.resolve("lib/a.jar"), "AAA");
        assertThat(Sha256.of(tar(a, List.of("lib")))).isNotEqualTo(Sha256.of(before));
    }

    @Test
    void entriesAreSortedWithParentsFixedOwnersTimeAndNormalisedModes() throws Exception {
        Path a = tree("one", "rw-rw-rw-", "rwxrwxrwx", Instant.parse("2020-01-01T00:00:00Z"));
        List<TarArchiveEntry> entries = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(tar(a, List.of("lib/sub/c.txt", "bin", "lib/a.jar", "lib/link.txt"))));
             TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                entries.add(e);
            }
        }
        assertThat(entries).extracting(TarArchiveEntry::getName)
                .containsExactly("bin/", "bin/run", "lib/", "lib/a.jar", "lib/link.txt", "lib/sub/", "lib/sub/c.txt");
        for (TarArchiveEntry e : entries) {
            assertThat(e.getModTime().toInstant()).isEqualTo(TIME);
            assertThat(e.getLongUserId()).isZero();
            assertThat(e.getLongGroupId()).isZero();
            assertThat(e.getUserName()).isEqualTo("root");
        }
        assertThat(entries.get(0).getMode() & 07777).isEqualTo(0755);
        assertThat(entries.get(1).getMode() & 07777).as("executable").isEqualTo(0755);
        assertThat(entries.get(3).getMode() & 07777).as("plain file").isEqualTo(0644);
        assertThat(entries.get(4).isSymbolicLink()).isTrue();
        assertThat(entries.get(4).getLinkName()).isEqualTo("sub/c.txt");
        assertThat(entries.get(4).getSize()).isZero();
    }

    @Test
    void theContentKeyFollowsWhatTheBytesDependOnAndNothingElse() throws Exception {
        Path a = tree("one", "rw-r--r--", "rwxr-xr-x", Instant.parse("2020-01-01T00:00:00Z"));
        Path b = tree("second/place", "rw-------", "rwx------", Instant.parse("2025-06-06T06:06:06Z"));
        List<String> all = List.of("bin", "lib", "RELEASE");
        String key = new ReproducibleTar(a, TIME).contentKey(all);
        assertThat(new ReproducibleTar(b, TIME).contentKey(all)).as("same content elsewhere").isEqualTo(key);
        assertThat(new ReproducibleTar(a, TIME.plusSeconds(1)).contentKey(all)).as("another entry time").isNotEqualTo(key);
        assertThat(new ReproducibleTar(a, TIME).contentKey(List.of("bin", "lib"))).as("fewer paths").isNotEqualTo(key);
        Files.setPosixFilePermissions(b.resolve("lib/a.jar"), PosixFilePermissions.fromString("rwx------"));
        assertThat(new ReproducibleTar(b, TIME).contentKey(all)).as("a file made executable").isNotEqualTo(key);
        Files.writeString(a.resolve("lib/a.jar"), "AAA");
        assertThat(new ReproducibleTar(a, TIME).contentKey(all)).as("same size, other content").isNotEqualTo(key);
        Files.delete(a.resolve("lib/link.txt"));
        Files.createSymbolicLink(a.resolve("lib/link.txt"), Path.of("a.jar"));
        Files.writeString(a.resolve("lib/a.jar"), "aaa");
        assertThat(new ReproducibleTar(a, TIME).contentKey(all)).as("a link's target").isNotEqualTo(key);
    }

    @Test
    void entryNamesListsWhatWriteWrites() throws Exception {
        Path a = tree("one", "rw-r--r--", "rwxr-xr-x", TIME);
        assertThat(new ReproducibleTar(a, TIME).entryNames(List.of("RELEASE", "lib/sub")))
                .containsExactly("RELEASE", "lib/", "lib/sub/", "lib/sub/c.txt");
    }
}
