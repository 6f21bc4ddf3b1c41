package dev.xamal.core.orchestration;

import dev.xamal.core.config.Host;
import dev.xamal.core.config.Role;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.hooks.Hook;
import dev.xamal.core.hooks.HookRunner;
import dev.xamal.core.hooks.HookVariables;
import dev.xamal.core.hooks.Performer;
import dev.xamal.core.output.Output;
import dev.xamal.core.release.BuiltRelease;
import dev.xamal.core.release.Layer;
import dev.xamal.core.release.ReleaseBuilder;
import dev.xamal.core.release.ReleasePlan;
import dev.xamal.core.release.ReleaseSpec;
import dev.xamal.core.release.SourceVersion;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Building a release as every goal that builds does it: the {@code pre-build} hook, the build,
 * a line per layer and a summary, then the {@code post-build} hook.
 *
 * @param config     the loaded configuration
 * @param projectDir the project directory (hooks run there)
 * @param skipHooks  whether hooks are skipped
 * @param output     where progress goes
 */
public record ReleaseBuild(XamalConfig config, Path projectDir, boolean skipHooks, Output output) {

    /** Builds the release the spec describes from the given application jar, tarball included. */
    public BuiltRelease run(ReleaseSpec spec, SourceVersion sourceVersion, Path appJar) {
        return run(spec, sourceVersion, appJar, true);
    }

    /**
     * Builds the release the spec describes from the given application jar; the tarball only when
     * {@code tarball} is set (goals that send layers to hosts do not need it).
     */
    public BuiltRelease run(ReleaseSpec spec, SourceVersion sourceVersion, Path appJar, boolean tarball) {
        Instant started = Instant.now();
        HookRunner hooks = new HookRunner(projectDir, Path.of(config.hooksPath()), skipHooks, output);
        hooks.run(Hook.PRE_BUILD, hookVariables(sourceVersion.label(), started));

        output.info("Building release " + config.service() + "-" + sourceVersion.label()
                + (sourceVersion.dirty() ? " (uncommitted changes included)" : "") + " from " + appJar.getFileName());
        ReleaseBuilder builder = new ReleaseBuilder(output);
        ReleasePlan plan = builder.plan(spec);
        BuiltRelease release = builder.build(plan, tarball);
        for (Layer layer : release.layers()) {
            output.info(String.format(Locale.ROOT, "  layer %-12s %9s  sha256:%s", layer.kind().key(), size(layer.size()),
                    layer.sha256()));
        }
        double seconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;
        if (release.hasTarball()) {
            output.info(String.format(Locale.ROOT, "Release %s (%s, sha256:%s) built in %.1f s", release.tarball(),
                    size(release.tarballSize()), release.tarballSha256(), seconds));
        } else {
            output.info(String.format(Locale.ROOT, "Release %s built in %.1f s (layers only; mvn xamal:build writes "
                    + "the tarball)", spec.releaseId(), seconds));
        }
        hooks.run(Hook.POST_BUILD, hookVariables(sourceVersion.label(), Instant.now()));
        return release;
    }

    private HookVariables hookVariables(String label, Instant at) {
        return new HookVariables(config.service(), label, config.allHosts().stream().map(Host::id).toList(),
                config.roles().stream().map(Role::name).toList(), config.destination(), "build", "",
                Performer.describe(projectDir), at, false, Optional.empty());
    }

    static String size(long bytes) {
        if (bytes >= 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.1f kB", bytes / 1024.0);
    }
}
