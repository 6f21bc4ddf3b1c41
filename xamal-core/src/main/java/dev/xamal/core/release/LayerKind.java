package dev.xamal.core.release;

import java.util.Locale;

/**
 * The three parts of a release, ordered from the one that changes least to the one that changes
 * with every commit, so uploads can skip the layers a host already holds.
 */
public enum LayerKind {
    /** {@code runtime/}: the jlink image. */
    RUNTIME,
    /** {@code lib/}: the third-party jars. */
    DEPENDENCIES,
    /** {@code lib/<app jar>}, {@code bin/<name>} and {@code RELEASE}. */
    APPLICATION;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
