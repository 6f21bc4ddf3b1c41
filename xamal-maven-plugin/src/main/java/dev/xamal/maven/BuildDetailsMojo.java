package dev.xamal.maven;

import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.release.LayerKind;
import dev.xamal.core.release.ReleaseBuilder;
import dev.xamal.core.release.ReleasePlan;
import dev.xamal.core.release.SourceVersion;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * Prints what {@code xamal:build} would build: service, version label, entry point, runtime and
 * modules, jars and output paths. Builds nothing; the modules are known once the jar exists.
 */
@Mojo(name = "build-details", aggregator = true, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.RUNTIME)
public class BuildDetailsMojo extends AbstractReleaseMojo {
    @Override
    protected void run() {
        XamalConfig config = loadConfig();
        MavenProject app = releases().appProject();
        SourceVersion sourceVersion = releases().sourceVersion();
        Optional<Path> jar = ReleaseRequest.packagedJar(app)
                .or(() -> Optional.of(ReleaseRequest.expectedJar(app)).filter(p -> p.toFile().isFile()));
        output().info("Service:      " + config.service());
        output().info("Version:      " + sourceVersion.label() + (sourceVersion.dirty() ? " (dirty)" : "")
                + sourceVersion.commit().map(c -> ", commit " + c).orElse(""));
        output().info("Module:       " + app.getArtifactId());
        output().info("Runtime:      " + config.release().runtime().yaml());
        if (jar.isEmpty()) {
            output().info("App jar:      " + ReleaseRequest.expectedJar(app) + " (not built yet; entry point and "
                    + "modules are known after `mvn package`)");
            return;
        }
        ReleasePlan plan = new ReleaseBuilder(output()).plan(releases().spec(config, app, jar.get(), sourceVersion));
        output().info("Entry point:  " + plan.entryPoint());
        output().info("Launcher:     bin/" + plan.spec().name());
        output().info("Modules:      " + (plan.modules().isEmpty() ? "(the server's java)" : String.join(",", plan.modules())));
        output().info("Platform:     " + plan.platform().osArch() + ", Java " + plan.platform().javaFeature());
        plan.libraries().forEach(l -> output().info("Jar:          " + l.releasePath() + " <- " + l.source()));
        output().info("Tarball:      " + plan.tarball());
        for (LayerKind kind : plan.layerKinds()) {
            output().info("Layer:        " + plan.layerFile(kind));
        }
    }
}
