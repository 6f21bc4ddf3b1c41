package dev.xamal.hostkit.task;

import dev.xamal.core.UsageException;
import dev.xamal.core.config.HostKitConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code hostkit:} settings resolved against the project directory, before any HostKit task
 * starts: the tasks run in {@code host_kit_path}, so a path relative to the project would mean
 * something else there.
 *
 * @param hostKitPath the HostKit project the tasks run in
 * @param config      the HostKit host configuration
 * @param manifest    where the ETF manifest is written
 * @param planOut     where the plan is written
 * @param args        the extra arguments, one argv entry each
 */
public record HostKitPaths(Path hostKitPath, Path config, Path manifest, Path planOut, List<String> args) {

    public HostKitPaths {
        args = List.copyOf(args);
    }

    /**
     * @throws UsageException when {@code host_kit_path} or {@code config} is unset or missing
     */
    public static HostKitPaths resolve(HostKitConfig hostkit, Path projectDirectory) {
        Path base = projectDirectory.toAbsolutePath();
        Path hostKitPath = base.resolve(hostkit.hostKitPath().orElseThrow(() -> new UsageException(
                "hostkit.host_kit_path is not set in config/xamal.yml: set it to the HostKit project directory")))
                .normalize();
        Path config = base.resolve(hostkit.config().orElseThrow(() -> new UsageException(
                "hostkit.config is not set in config/xamal.yml: set it to the HostKit host configuration file")))
                .normalize();
        if (!Files.isDirectory(hostKitPath)) {
            throw new UsageException("hostkit.host_kit_path in config/xamal.yml is " + hostkit.hostKitPath().get()
                    + ", but " + hostKitPath + " is not a directory: point it at the HostKit project (a Mix project "
                    + "whose deps were fetched with mix deps.get)");
        }
        if (!Files.isRegularFile(config)) {
            throw new UsageException("hostkit.config in config/xamal.yml is " + hostkit.config().get() + ", but "
                    + config + " is not a file: point it at the HostKit host configuration (.exs)");
        }
        return new HostKitPaths(hostKitPath, config, base.resolve(hostkit.manifest()).normalize(),
                base.resolve(hostkit.planOut()).normalize(), hostkit.args());
    }

    /** Where a rollback writes the down plan: beside the plan, {@code plan.json} → {@code plan.down.json}. */
    public Path downPlanOut() {
        return besidePlan("down");
    }

    /** The copy of the last plan applied, which a rollback reverses: {@code plan.json} → {@code plan.applied.json}. */
    public Path appliedPlan() {
        return besidePlan("applied");
    }

    private Path besidePlan(String kind) {
        String name = planOut.getFileName().toString();
        String base = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return planOut.resolveSibling(base + "." + kind + ".json");
    }
}
