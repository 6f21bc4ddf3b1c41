package dev.xamal.core.config;

import java.util.Map;
import java.util.Optional;

/**
 * Which file a merged key came from: the destination overlay when it sets the key (or replaces a
 * list or scalar above it), otherwise the base file.
 */
final class ConfigSources {
    private final String baseFile;
    private final Optional<String> overlayFile;
    private final Map<String, Object> overlay;

    ConfigSources(String baseFile, Optional<String> overlayFile, Map<String, Object> overlay) {
        this.baseFile = baseFile;
        this.overlayFile = overlayFile;
        this.overlay = overlay;
    }

    String baseFile() {
        return baseFile;
    }

    /** The file whose text sets the value at {@code path}. */
    String fileFor(KeyPath path) {
        if (overlayFile.isEmpty() || path.segments().isEmpty()) {
            return baseFile;
        }
        Object current = overlay;
        for (Object segment : path.segments()) {
            if (!(current instanceof Map<?, ?> map)) {
                return overlayFile.get();
            }
            if (!map.containsKey(segment)) {
                return baseFile;
            }
            current = map.get(segment);
        }
        return overlayFile.get();
    }

    /** Builds the error for a problem at {@code path}. */
    ConfigException error(KeyPath path, String problem) {
        return new ConfigException(fileFor(path), path.toString(), problem);
    }
}
