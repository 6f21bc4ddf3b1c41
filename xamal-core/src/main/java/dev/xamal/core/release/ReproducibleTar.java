package dev.xamal.core.release;

import dev.xamal.core.EnvironmentException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes part of a staging directory as a gzipped tar whose bytes depend only on the content:
 * entries sorted by path, every parent directory written explicitly, one fixed modification time,
 * owner and group {@code 0/root}, modes {@code 0755} for directories and executables and
 * {@code 0644} for everything else, symbolic links kept as links. The JDK's gzip writer puts no
 * time or name in its header, so the compressed bytes are stable too.
 */
public final class ReproducibleTar {
    private static final int DIRECTORY_MODE = 040755;
    private static final int EXECUTABLE_MODE = 0100755;
    private static final int FILE_MODE = 0100644;
    private static final int LINK_MODE = 0120777;
    /** Bump when what {@link #write} produces changes for the same content, so kept tars are not reused. */
    private static final String FORMAT_REVISION = "reproducible-tar-1";

    private final Path root;
    private final Instant mtime;

    /**
     * @param root  the staging directory; entry names are paths relative to it
     * @param mtime the modification time every entry gets
     */
    public ReproducibleTar(Path root, Instant mtime) {
        this.root = root;
        this.mtime = mtime;
    }

    /**
     * Writes the given paths (relative to the root; directories with everything below them) and
     * their parent directories to {@code out}, gzipped.
     */
    public void write(List<String> paths, OutputStream out) {
        TreeMap<String, Path> entries = collect(paths);
        try (GZIPOutputStream gzip = new GZIPOutputStream(new NonClosing(out), 64 * 1024);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip, "UTF-8")) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (var e : entries.entrySet()) {
                writeEntry(tar, e.getKey(), e.getValue());
            }
            tar.finish();
        } catch (IOException e) {
            throw new EnvironmentException("could not write a tar of " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * A digest of everything the bytes {@link #write} produces for these paths depend on: each
     * entry's name, type, mode, size, link target and content digest, the modification time, and
     * the writer (this format's revision and the JDK whose gzip compresses). Equal keys mean equal
     * bytes, so a kept tar of the same key can stand in for writing it again.
     */
    public String contentKey(List<String> paths) {
        MessageDigest key = Sha256.digest();
        update(key, FORMAT_REVISION + "\n" + Runtime.version() + "\n"
                + TarArchiveOutputStream.class.getPackage().getImplementationVersion() + "\n" + mtime + "\n");
        try {
            for (var e : collect(paths).entrySet()) {
                Path path = e.getValue();
                update(key, e.getKey() + "\0");
                if (Files.isSymbolicLink(path)) {
                    update(key, "link\0" + Files.readSymbolicLink(path).toString().replace('\\', '/') + "\n");
                } else if (isDirectory(path)) {
                    update(key, "dir\n");
                } else {
                    update(key, (isExecutable(path) ? "exec\0" : "file\0") + Files.size(path) + "\0"
                            + Sha256.of(path) + "\n");
                }
            }
        } catch (IOException e) {
            throw new EnvironmentException("could not read " + root + ": " + e.getMessage(), e);
        }
        return Sha256.hex(key);
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The entry names {@link #write} would produce, in order (directories end in {@code /}). */
    public List<String> entryNames(List<String> paths) {
        List<String> names = new ArrayList<>();
        collect(paths).forEach((name, path) -> names.add(isDirectory(path) ? name + "/" : name));
        return names;
    }

    private TreeMap<String, Path> collect(List<String> paths) {
        TreeMap<String, Path> entries = new TreeMap<>();
        for (String relative : paths) {
            Path start = root.resolve(relative);
            if (!Files.exists(start, LinkOption.NOFOLLOW_LINKS)) {
                throw new EnvironmentException("release staging is missing " + start);
            }
            for (Path parent = root.relativize(start).getParent(); parent != null; parent = parent.getParent()) {
                entries.put(name(root.resolve(parent)), root.resolve(parent));
            }
            if (isDirectory(start)) {
                try (Stream<Path> walk = Files.walk(start)) {
                    walk.forEach(p -> entries.put(name(p), p));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else {
                entries.put(name(start), start);
            }
        }
        return entries;
    }

    private String name(Path path) {
        return root.relativize(path).toString().replace('\\', '/');
    }

    private static boolean isDirectory(Path path) {
        return Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
    }

    private void writeEntry(TarArchiveOutputStream tar, String name, Path path) throws IOException {
        TarArchiveEntry entry;
        boolean regular = false;
        if (Files.isSymbolicLink(path)) {
            entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
            entry.setLinkName(Files.readSymbolicLink(path).toString().replace('\\', '/'));
            entry.setMode(LINK_MODE);
        } else if (isDirectory(path)) {
            entry = new TarArchiveEntry(name + "/");
            entry.setMode(DIRECTORY_MODE);
        } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            entry = new TarArchiveEntry(name);
            entry.setMode(isExecutable(path) ? EXECUTABLE_MODE : FILE_MODE);
            entry.setSize(Files.size(path));
            regular = true;
        } else {
            throw new EnvironmentException("release staging holds " + path + ", which is neither a file, "
                    + "a directory nor a symbolic link");
        }
        entry.setModTime(FileTime.from(mtime));
        entry.setUserId(0);
        entry.setGroupId(0);
        entry.setUserName("root");
        entry.setGroupName("root");
        tar.putArchiveEntry(entry);
        if (regular) {
            Files.copy(path, tar);
        }
        tar.closeArchiveEntry();
    }

    private static boolean isExecutable(Path path) throws IOException {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
            return permissions.contains(PosixFilePermission.OWNER_EXECUTE);
        } catch (UnsupportedOperationException e) {
            return Files.isExecutable(path);
        }
    }

    /** Lets the gzip stream finish without closing the caller's stream. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
