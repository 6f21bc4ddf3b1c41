package dev.xamal.maven;

import dev.xamal.core.UsageException;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.orchestration.ReleaseBuild;
import dev.xamal.core.release.BuiltRelease;
import dev.xamal.core.release.ReleaseSpec;
import dev.xamal.core.release.SourceVersion;
import dev.xamal.core.release.VersionLabel;
import dev.xamal.core.spi.ReleaseArtifact;
import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * The release of one goal run: which module's jar, which version label, where it goes, and the
 * build itself (once per run, with the build hooks). Goals that build ({@code build},
 * {@code hostkit-*}) and goals that deploy share it.
 */
final class ReleaseSource {
    /** Where the first build of a run records the release it built, on the released project. */
    static final String BUILT_CONTEXT_KEY = "dev.xamal.release.built";

    private final AbstractXamalMojo goal;
    private final String module;
    private final File runtimeCache;

    /**
     * @param module       {@code xamal.module}: the artifactId whose jar is released (blank: found)
     * @param runtimeCache {@code xamal.runtimeCache}: where linked runtimes are kept (null: in the output directory)
     */
    ReleaseSource(AbstractXamalMojo goal, String module, File runtimeCache) {
        this.goal = goal;
        this.module = module;
        this.runtimeCache = runtimeCache;
    }

    MavenProject appProject() {
        return ReleaseRequest.appProject(goal.session, goal.project, Optional.ofNullable(module).filter(m -> !m.isBlank()));
    }

    SourceVersion sourceVersion() {
        return VersionLabel.resolve(goal.projectDir(), requestedLabel());
    }

    /** This run's version label; git is asked only when {@code xamal.version} is not given. */
    String label() {
        return VersionLabel.label(goal.projectDir(), requestedLabel());
    }

    private Optional<String> requestedLabel() {
        return Optional.ofNullable(goal.version).filter(v -> !v.isBlank());
    }

    /** {@code target/xamal} of the project the goal runs in. */
    Path outputDirectory() {
        return Path.of(goal.project.getBuild().getDirectory(), "xamal");
    }

    /** {@code xamal.runtimeCache}, else {@code target/xamal/runtimes}. */
    Path runtimeCache() {
        return runtimeCache == null ? ReleaseSpec.defaultRuntimeCache(outputDirectory())
                : goal.projectDir().resolve(runtimeCache.toPath()).toAbsolutePath().normalize();
    }

    ReleaseSpec spec(XamalConfig config, MavenProject app, Path appJar, SourceVersion sourceVersion) {
        return ReleaseRequest.spec(config, goal.projectDir(), appJar, ReleaseRequest.dependencyJars(app),
                outputDirectory(), runtimeCache(), sourceVersion, ReleaseRequest.outputTimestamp(app));
    }

    /**
     * Builds the release of {@link #appProject()} with the {@code pre-build} and {@code post-build}
     * hooks around it, once per run: a later call in the same run for the same version gets the
     * release the first one built.
     */
    BuiltRelease buildRelease(XamalConfig config) {
        return buildRelease(config, true);
    }

    /**
     * As {@link #buildRelease(XamalConfig)}; the tarball only when {@code tarball} is set (goals
     * that send layers to hosts leave it out). An earlier build of the run without the tarball is
     * built again for a caller that needs it.
     */
    BuiltRelease buildRelease(XamalConfig config, boolean tarball) {
        MavenProject app = appProject();
        String goalName = goal.mojoExecution == null ? "build" : goal.mojoExecution.getGoal();
        Path jar = ReleaseRequest.packagedJar(app).orElseThrow(() -> new UsageException(app.getArtifactId()
                + " was not packaged in this Maven run, so there is no jar to release: run `mvn package xamal:" + goalName
                + "`, or declare the plugin with <extensions>true</extensions> so `mvn xamal:" + goalName
                + "` packages first (see mvn xamal:docs -Dxamal.topic=release)"));
        SourceVersion sourceVersion = sourceVersion();
        Object built = app.getContextValue(BUILT_CONTEXT_KEY);
        if (built instanceof BuiltRelease earlier && earlier.manifest().version().equals(sourceVersion.label())
                && (earlier.hasTarball() || !tarball)) {
            goal.output().info("Release " + (earlier.hasTarball() ? earlier.tarball().getFileName().toString()
                    : earlier.plan().spec().releaseId()) + " was already built in this run");
            return earlier;
        }
        BuiltRelease release = new ReleaseBuild(config, goal.projectDir(), goal.skipHooks, goal.output())
                .run(spec(config, app, jar, sourceVersion), sourceVersion, jar, tarball);
        app.setContextValue(BUILT_CONTEXT_KEY, release);
        return release;
    }

    /** Builds the release as {@code xamal:build} does (once per run) and describes it for a backend. */
    ReleaseArtifact builtArtifact(XamalConfig config) {
        BuiltRelease release = buildRelease(config);
        return new ReleaseArtifact(config.service(), release.plan().spec().name(), release.manifest().version(),
                release.tarball().toAbsolutePath(), release.tarballSha256(), release.tarballSize());
    }
}
