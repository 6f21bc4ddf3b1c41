package dev.xamal.core.release;

import dev.xamal.core.UsageException;
import java.util.Locale;

/** Where a release's {@code java} comes from ({@code release.runtime}). */
public enum RuntimeKind {
    /** A jlink image inside the release ({@code runtime/}): the server needs no JDK. */
    JLINK,
    /** The server's own {@code java} ({@code $JAVA_HOME/bin/java}, else {@code java} on the PATH). */
    SYSTEM;

    /** The config value: {@code jlink} or {@code system}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RuntimeKind parse(String value, String where) {
        for (RuntimeKind kind : values()) {
            if (kind.key().equals(value)) {
                return kind;
            }
        }
        throw new UsageException(where + ": release.runtime is '" + value + "'; use jlink or system");
    }
}
