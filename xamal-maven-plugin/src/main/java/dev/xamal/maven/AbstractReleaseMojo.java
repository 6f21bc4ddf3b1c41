package dev.xamal.maven;

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
}
