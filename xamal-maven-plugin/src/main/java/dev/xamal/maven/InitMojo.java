package dev.xamal.maven;

import dev.xamal.core.init.ProjectInit;
import java.nio.file.Path;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Creates the starting files of a project: a commented {@code config/xamal.yml},
 * {@code .xamal/secrets}, a sample for every hook under {@code .xamal/hooks/}, and the
 * {@code .xamal/secrets*} line in {@code .gitignore}. Never overwrites a file; it says which it
 * kept. The service name is taken from the project's artifactId (or the directory name).
 */
@Mojo(name = "init", requiresProject = false, threadSafe = true, aggregator = true)
public class InitMojo extends AbstractXamalMojo {
    static final String SAMPLES = "dev/xamal/sample";

    @Override
    protected void run() {
        Path dir = projectDir();
        boolean hasPom = project != null && project.getFile() != null;
        String name = hasPom ? project.getArtifactId() : String.valueOf(dir.getFileName());
        for (ProjectInit.Result result : ProjectInit.apply(dir, PackagedFiles.under(SAMPLES),
                ProjectInit.serviceName(name))) {
            output().info(result.message());
        }
    }
}
