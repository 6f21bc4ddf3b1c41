package dev.xamal.core.config;

import java.util.List;
import java.util.Optional;

/**
 * {@code release.jlink}: tuning of the jlink runtime image.
 *
 * @param addModules modules added to those jdeps finds (for reflection and service loading)
 * @param jmods      a jmods directory of the target platform's JDK, when it differs from the
 *                   building one
 */
public record JlinkConfig(List<String> addModules, Optional<String> jmods) {

    public JlinkConfig {
        addModules = List.copyOf(addModules);
    }
}
