package dev.xamal.maven;

import dev.xamal.core.init.KamalImport;
import dev.xamal.core.init.ProjectInit;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Creates the starting files of a project: a commented {@code config/xamal.yml},
 * {@code .xamal/secrets}, a sample for every hook under {@code .xamal/hooks/}, and the
 * {@code .xamal/secrets*} line in {@code .gitignore}. Never overwrites a file; it says which it
 * kept. The service name is taken from the project's artifactId (or the directory name).
 * With {@code -Dxamal.kamalConfig=config/deploy.yml} the configuration is converted from Kamal's
 * instead (destination files too), listing each key that was not carried over and why.
 */
@Mojo(name = "init", requiresProject = false, threadSafe = true, aggregator = true)
public class InitMojo extends AbstractXamalMojo {
    static final String SAMPLES = "dev/xamal/sample";

    /**
     * A Kamal configuration to convert, e.g. {@code config/deploy.yml}: it becomes
     * {@code config/xamal.yml} and each {@code deploy.<destination>.yml} beside it becomes
     * {@code config/xamal.<destination>.yml}, instead of the sample configuration.
     */
    @Parameter(property = "xamal.kamalConfig")
    protected String kamalConfig;

    @Override
    protected void run() {
        Path dir = projectDir();
        boolean hasPom = project != null && project.getFile() != null;
        String name = hasPom ? project.getArtifactId() : String.valueOf(dir.getFileName());
        Map<String, String> samples = new LinkedHashMap<>(PackagedFiles.under(SAMPLES));
        if (kamalConfig != null && !kamalConfig.isBlank()) {
            for (KamalImport.Converted converted : KamalImport.apply(dir, kamalConfig.strip())) {
                converted.lines().forEach(output()::info);
            }
            samples.remove(KamalImport.TARGET);
        }
        for (ProjectInit.Result result : ProjectInit.apply(dir, samples, ProjectInit.serviceName(name))) {
            output().info(result.message());
        }
    }
}
