package dev.xamal.maven;

import dev.xamal.core.UsageException;
import dev.xamal.core.config.Host;
import dev.xamal.core.config.Role;
import dev.xamal.core.hooks.Hook;
import dev.xamal.core.hooks.HookRunner;
import dev.xamal.core.hooks.HookVariables;
import dev.xamal.core.hooks.Performer;
import dev.xamal.core.release.BuiltRelease;
import dev.xamal.core.release.Layer;
import dev.xamal.core.release.ReleaseBuilder;
import dev.xamal.core.release.ReleasePlan;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.release.ReleaseSpec;
import dev.xamal.core.release.SourceVersion;
import dev.xamal.core.release.VersionLabel;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/** What the goals that build or describe a release share: config, module, version label, spec. */
abstract class AbstractReleaseMojo extends AbstractXamalMojo {

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
     * Builds the release of this run with the {@code pre-build} and {@code post-build} hooks
     * around it, or returns the one an earlier goal of the same run built for the same version
     * (build once: a deploy after {@code xamal:build} reuses its release).
     */
    protected final BuiltRelease buildRelease(XamalConfig config) {
        Instant started = Instant.now();
        MavenProject app = appProject();
        Path jar = ReleaseRequest.packagedJar(app).orElseThrow(() -> new UsageException(app.getArtifactId()
                + " was not packaged in this Maven run, so there is no jar to release: run `mvn package xamal:build`, "
                + "or declare the plugin with <extensions>true</extensions> so `mvn xamal:build` packages first "
                + "(see mvn xamal:docs -Dxamal.topic=release)"));
        SourceVersion sourceVersion = sourceVersion();
        Object built = app.getContextValue(BuildMojo.BUILT_CONTEXT_KEY);
        if (built instanceof BuiltRelease earlier && earlier.manifest().version().equals(sourceVersion.label())) {
            output().info("Release " + earlier.tarball().getFileName() + " was already built in this run");
            return earlier;
        }
        HookRunner hooks = new HookRunner(projectDir(), Path.of(config.hooksPath()), skipHooks, output());
        HookVariables variables = hookVariables(config, sourceVersion.label(), started);
        hooks.run(Hook.PRE_BUILD, variables);

        output().info("Building release " + config.service() + "-" + sourceVersion.label()
                + (sourceVersion.dirty() ? " (uncommitted changes included)" : "") + " from " + jar.getFileName());
        ReleaseBuilder builder = new ReleaseBuilder(output());
        ReleasePlan plan = builder.plan(spec(config, app, jar, sourceVersion));
        BuiltRelease release = builder.build(plan);
        for (Layer layer : release.layers()) {
            output().info(String.format(Locale.ROOT, "  layer %-12s %9s  sha256:%s", layer.kind().key(), BuildMojo.size(layer.size()),
                    layer.sha256()));
        }
        output().info(String.format(Locale.ROOT, "Release %s (%s, sha256:%s) built in %.1f s", release.tarball(),
                BuildMojo.size(release.tarballSize()), release.tarballSha256(),
                Duration.between(started, Instant.now()).toMillis() / 1000.0));
        app.setContextValue(BuildMojo.BUILT_CONTEXT_KEY, release);
        hooks.run(Hook.POST_BUILD, hookVariables(config, sourceVersion.label(), Instant.now()));
        return release;
    }

    private HookVariables hookVariables(XamalConfig config, String label, Instant at) {
        return new HookVariables(config.service(), label, config.allHosts().stream().map(Host::id).toList(),
                config.roles().stream().map(Role::name).toList(), config.destination(), "build", "",
                Performer.describe(projectDir()), at, false, Optional.empty());
    }

}
