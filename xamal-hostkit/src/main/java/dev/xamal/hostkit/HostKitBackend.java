package dev.xamal.hostkit;

import dev.xamal.core.EnvironmentException;
import dev.xamal.core.UsageException;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.output.Output;
import dev.xamal.core.spi.DeployBackend;
import dev.xamal.core.spi.ReleaseArtifact;
import dev.xamal.hostkit.manifest.ManifestFiles;
import dev.xamal.hostkit.manifest.ManifestSpec;
import dev.xamal.hostkit.task.HostKitCommand;
import dev.xamal.hostkit.task.HostKitPaths;
import dev.xamal.hostkit.task.HostKitProcess;
import dev.xamal.hostkit.task.PlanStamp;
import dev.xamal.hostkit.task.PlanSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;

/**
 * {@code backend: hostkit}: xamal writes the release manifest, HostKit plans, applies and rolls
 * back. A deploy is a plan followed by its apply; a rollback is HostKit's down plan of the last
 * plan applied, then its apply.
 */
public final class HostKitBackend implements DeployBackend {
    private final XamalConfig config;
    private final Path projectDirectory;
    private final Map<String, String> environment;
    private final Output output;

    /**
     * @param config           the loaded configuration
     * @param projectDirectory where relative {@code hostkit:} paths start
     * @param environment      the environment HostKit's tasks get (the build's own, normally)
     * @param output           where progress and HostKit's output go
     */
    public HostKitBackend(XamalConfig config, Path projectDirectory, Map<String, String> environment, Output output) {
        this.config = config;
        this.projectDirectory = projectDirectory;
        this.environment = Map.copyOf(environment);
        this.output = output;
    }

    /** Writes the manifest, its JSON rendering and the tarball's sidecar; starts no HostKit task. */
    public ManifestFiles.Written writeManifest(ReleaseArtifact release) {
        ManifestSpec spec = ManifestSpec.of(config, release);
        if (!spec.secretNames().isEmpty()) {
            output.warn("env.secret names " + spec.secretNames() + " go into the HostKit manifest as names only; HostKit "
                    + "cannot write their values, so its env file must already hold them (see mvn xamal:docs "
                    + "-Dxamal.topic=hostkit)");
        }
        Path manifest = projectDirectory.toAbsolutePath().resolve(config.hostkit().manifest()).normalize();
        ManifestFiles.Written written = ManifestFiles.write(spec, manifest);
        output.info("HostKit manifest " + written.manifest() + " (sha256:" + written.manifestSha256() + ")");
        output.info("  release " + spec.release() + " " + spec.version() + ", tarball " + spec.tarball());
        output.info("  JSON " + written.json() + ", sidecar " + written.sidecar());
        return written;
    }

    /** Writes the manifest and runs HostKit's plan; records what the plan was made from. */
    public PlanSummary plan(ReleaseArtifact release) {
        HostKitPaths paths = paths();
        writeManifest(release);
        HostKitProcess process = process(paths);
        deleteStale(PlanStamp.path(paths.planOut()));
        deleteStale(paths.planOut());
        process.run(HostKitCommand.plan(process.mix(), paths));
        requireWritten(paths.planOut(), "host_kit.plan");
        PlanStamp.record(paths.planOut(), paths.manifest());
        PlanSummary summary = PlanSummary.read(paths.planOut());
        report(summary, "Plan " + paths.planOut());
        return summary;
    }

    /** Applies the reviewed plan, refusing one made from another manifest or changed since. */
    public void apply() {
        HostKitPaths paths = paths();
        PlanStamp.verify(paths.planOut(), paths.manifest());
        HostKitProcess process = process(paths);
        process.run(HostKitCommand.apply(process.mix(), paths, paths.planOut()));
        try {
            Files.copy(paths.planOut(), paths.appliedPlan(), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new EnvironmentException("HostKit applied " + paths.planOut() + ", but xamal could not keep a copy "
                    + "for rollback at " + paths.appliedPlan() + ": " + e.getMessage(), e);
        }
        output.info("Applied " + paths.planOut());
    }

    @Override
    public void deploy(ReleaseArtifact release) {
        plan(release);
        apply();
    }

    /** Derives HostKit's down plan from the last plan applied and applies it. */
    @Override
    public void rollback(Optional<String> version) {
        if (version.isPresent()) {
            throw new UsageException("backend: hostkit rolls back the last plan applied, not to a chosen version: run "
                    + "xamal:rollback without -Dxamal.version (it was " + version.get() + ")");
        }
        HostKitPaths paths = paths();
        if (!Files.isRegularFile(paths.appliedPlan())) {
            throw new UsageException("nothing to roll back: no plan was applied from here (" + paths.appliedPlan()
                    + " is missing); xamal:hostkit-apply or xamal:deploy keeps the last plan applied there");
        }
        HostKitProcess process = process(paths);
        deleteStale(paths.downPlanOut());
        process.run(HostKitCommand.down(process.mix(), paths));
        requireWritten(paths.downPlanOut(), "host_kit.down");
        report(PlanSummary.read(paths.downPlanOut()), "Down plan " + paths.downPlanOut());
        process.run(HostKitCommand.apply(process.mix(), paths, paths.downPlanOut()));
        output.info("Rolled back with " + paths.downPlanOut());
    }

    private HostKitPaths paths() {
        return HostKitPaths.resolve(config.hostkit(), projectDirectory);
    }

    private HostKitProcess process(HostKitPaths paths) {
        return new HostKitProcess(paths.hostKitPath(), environment, output);
    }

    private void report(PlanSummary summary, String what) {
        output.info(what + ": " + summary.headline().substring("Plan: ".length()));
        summary.changes().forEach(change -> output.info("  " + change.line()));
        summary.warnings().forEach(warning -> output.warn("HostKit: " + warning));
        summary.errors().forEach(error -> output.error("HostKit: " + error));
        if (summary.nothingToDo()) {
            output.info("Nothing to change");
        }
    }

    private static void requireWritten(Path file, String task) {
        if (!Files.isRegularFile(file)) {
            throw new EnvironmentException("mix " + task + " exited 0 but wrote no plan at " + file
                    + ": check that host_kit_path holds a HostKit version that supports --out");
        }
    }

    private static void deleteStale(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new EnvironmentException("could not remove the old " + file + ": " + e.getMessage(), e);
        }
    }
}
