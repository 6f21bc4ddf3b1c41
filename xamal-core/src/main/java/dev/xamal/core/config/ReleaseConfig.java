package dev.xamal.core.config;

import dev.xamal.core.config.ReleaseConfig;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What is built and how it runs ({@code release:}).
 *
 * @param name            the release name (default: the service, lower-cased, every character
 *                        other than a letter or digit replaced by {@code _})
 * @param mainClass       the application's main class (default: the jar manifest's)
 * @param jvmOptions      options given to the JVM
 * @param runtime         {@code jlink} (default) or {@code system}
 * @param jlink           jlink settings
 * @param console         the command {@code xamal:console} runs (default: JShell)
 * @param migrate         the main class or launcher arguments {@code xamal:migrate} runs
 * @param maintenancePage an HTML file served while in maintenance
 * @param user            the system user running the app (default {@code ssh.user})
 */
public record ReleaseConfig(
        String name,
        Optional<String> mainClass,
        List<String> jvmOptions,
        Runtime runtime,
        JlinkConfig jlink,
        Optional<String> console,
        Optional<String> migrate,
        Optional<String> maintenancePage,
        String user) {

    public ReleaseConfig {
        jvmOptions = List.copyOf(jvmOptions);
    }

    /** The default release name for a service: {@code my-cool-app} becomes {@code my_cool_app}. */
    public static String defaultName(String service) {
        return service.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
    }

    /** {@code release.runtime}: which Java runs the app. */
    public enum Runtime implements ConfigChoice {
        /** A jlink runtime image travels inside the release. */
        JLINK,
        /** The server's own {@code java} runs the app. */
        SYSTEM;
    }
}
