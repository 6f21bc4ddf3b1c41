package dev.xamal.core.config;

import java.util.List;
import java.util.Optional;

/**
 * The HostKit backend ({@code hostkit:}). Paths are relative to the project directory.
 *
 * @param manifest    where the ETF release manifest is written
 * @param hostKitPath the project directory HostKit's tasks run in
 * @param config      the HostKit host configuration file
 * @param planOut     where the JSON plan is written
 * @param args        extra arguments given to every HostKit task
 */
public record HostKitConfig(
        String manifest, Optional<String> hostKitPath, Optional<String> config, String planOut, List<String> args) {

    public static final String DEFAULT_PLAN_OUT = "target/xamal/hostkit/plan.json";

    public HostKitConfig {
        args = List.copyOf(args);
    }

    /**
     * The default manifest path for a service: beside the release tarball, where HostKit's clean
     * task looks for the tarballs and their sidecars.
     */
    public static String defaultManifest(String service) {
        return "target/xamal/" + service + "-hostkit.etf";
    }
}
