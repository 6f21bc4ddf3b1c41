package dev.xamal.core.release;

import dev.xamal.core.EnvironmentException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Copies a jar into the release with its entries' Unix permissions normalised (directories
 * {@code 0755}, files {@code 0644}, {@code 0755} when executable), because Maven's jar plugin
 * records the permissions the build's umask gave the class files. The entries' compressed bytes,
 * names, times and order are copied unchanged; a jar that records no Unix permissions is copied
 * as it is.
 */
final class JarModes {
    private JarModes() {
    }

    static void copyNormalised(Path source, Path target) {
        try {
            if (!recordsUnixModes(source)) {
                Files.copy(source, target);
                return;
            }
            try (ZipFile zip = ZipFile.builder().setPath(source).get();
                 ZipArchiveOutputStream out = new ZipArchiveOutputStream(Files.newOutputStream(target))) {
                out.setUseZip64(Zip64Mode.AsNeeded);
                for (Enumeration<ZipArchiveEntry> e = zip.getEntries(); e.hasMoreElements(); ) {
                    ZipArchiveEntry entry = e.nextElement();
                    ZipArchiveEntry copy = new ZipArchiveEntry(entry);
                    if (entry.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX && !entry.isUnixSymlink()) {
                        copy.setUnixMode(normalised(entry));
                    }
                    try (InputStream raw = zip.getRawInputStream(entry)) {
                        out.addRawArchiveEntry(copy, raw);
                    }
                }
            }
        } catch (IOException e) {
            throw new EnvironmentException("could not copy " + source + " into the release: " + e.getMessage(), e);
        }
    }

    private static boolean recordsUnixModes(Path jar) throws IOException {
        try (ZipFile zip = ZipFile.builder().setPath(jar).get()) {
            for (Enumeration<ZipArchiveEntry> e = zip.getEntries(); e.hasMoreElements(); ) {
                if (e.nextElement().getPlatform() == ZipArchiveEntry.PLATFORM_UNIX) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int normalised(ZipArchiveEntry entry) {
        if (entry.isDirectory()) {
            return UnixStat.DIR_FLAG | 0755;
        }
        boolean executable = (entry.getUnixMode() & 0100) != 0;
        return UnixStat.FILE_FLAG | (executable ? 0755 : 0644);
    }
}
