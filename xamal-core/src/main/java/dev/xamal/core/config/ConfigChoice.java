package dev.xamal.core.config;

import java.util.Locale;

/** An enum whose constants are written in the configuration as their lower-case, dashed names. */
public interface ConfigChoice {
    /** The constant's name in Java. */
    String name();

    /** The value as written in the configuration: {@code ACCEPT_NEW} is {@code accept-new}. */
    default String yaml() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
