package dev.xamal.maven;

import dev.xamal.core.UsageException;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.orchestration.ReleaseBuild;
import dev.xamal.core.release.BuiltRelease;
import dev.xamal.core.release.ReleaseSpec;
import dev.xamal.core.release.SourceVersion;
import dev.xamal.core.spi.ReleaseArtifact;
import dev.xamal.core.release.VersionLabel;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/** What the goals that build or describe a release share: config, module, version label, spec. */
abstract class AbstractReleaseMojo extends AbstractXamalMojo {
    /** Where the first build of a run records the release it built, on the released project. */
    static final String BUILT_CONTEXT_KEY = "dev.xamal.release.built";

    /**
     * The artifactId of the module whose jar is released. Default: the project the goal runs in
     * when it builds a jar, else the reactor's only jar module.
     */
    @Parameter(property = "xamal.module")
    protected String module;

    protected final MavenProject appProject() {
        return ReleaseRequest.appProject(session, project, Optional.ofNullable(module).filter(m -> !m.isBlank()));
    }

    protected final SourceVersion sourceVersion() {
        return VersionLabel.resolve(projectDir(), Optional.ofNullable(version).filter(v -> !v.isBlank()));
    }

    /** {@code target/xamal} of the project the goal runs in. */
    protected final Path outputDirectory() {
        return Path.of(project.getBuild().getDirectory(), "xamal");
    }

    protected final ReleaseSpec spec(XamalConfig config, MavenProject app, Path appJar, SourceVersion sourceVersion) {
        return ReleaseRequest.spec(config, projectDir(), appJar, ReleaseRequest.dependencyJars(app),
                outputDirectory(), sourceVersion, ReleaseRequest.outputTimestamp(app));
    }

    /**
     * Builds the release of {@link #appProject()} with the {@code pre-build} and {@code post-build}
     * hooks around it, once per run: a later call in the same run for the same version gets the
     * release the first one built.
     */
    protected final BuiltRelease buildRelease(XamalConfig config) {
        MavenProject app = appProject();
        String goal = mojoExecution == null ? "build" : mojoExecution.getGoal();
        Path jar = ReleaseRequest.packagedJar(app).orElseThrow(() -> new UsageException(app.getArtifactId()
                + " was not packaged in this Maven run, so there is no jar to release: run `mvn package xamal:" + goal
                + "`, or declare the plugin with <extensions>true</extensions> so `mvn xamal:" + goal
                + "` packages first (see mvn xamal:docs -Dxamal.topic=release)"));
        SourceVersion sourceVersion = sourceVersion();
        Object built = app.getContextValue(BUILT_CONTEXT_KEY);
        if (built instanceof BuiltRelease earlier && earlier.manifest().version().equals(sourceVersion.label())) {
            output().info("Release " + earlier.tarball().getFileName() + " was already built in this run");
            return earlier;
        }
        BuiltRelease release = new ReleaseBuild(config, projectDir(), skipHooks, output())
                .run(spec(config, app, jar, sourceVersion), sourceVersion, jar);
        app.setContextValue(BUILT_CONTEXT_KEY, release);
        return release;
    }

    /** Builds the release as {@code xamal:build} does (once per run) and describes it for a backend. */
    protected final ReleaseArtifact builtArtifact(XamalConfig config) {
        BuiltRelease release = buildRelease(config);
        return new ReleaseArtifact(config.service(), release.plan().spec().name(), release.manifest().version(),
                release.tarball().toAbsolutePath(), release.tarballSha256(), release.tarballSize());
    }
}
