package dev.xamal.maven;

import java.io.File;
import org.apache.maven.plugins.annotations.Parameter;

/** What the goals that build or describe a release share: the module parameter and the {@link ReleaseSource}. */
abstract class AbstractReleaseMojo extends AbstractXamalMojo {
    /**
     * The artifactId of the module whose jar is released. Default: the project the goal runs in
     * when it builds a jar, else the reactor's only jar module.
     */
    @Parameter(property = "xamal.module")
    protected String module;

    /**
     * A directory where linked runtime images and the modules jdeps found are kept and reused by
     * every project that names it (safe for builds running at the same time). Default:
     * {@code target/xamal/runtimes} of the project, which {@code mvn clean} removes.
     */
    @Parameter(property = "xamal.runtimeCache")
    protected File runtimeCache;

    /** This run's release: module, version label, output directory and the build. */
    protected final ReleaseSource releases() {
        return new ReleaseSource(this, module, runtimeCache);
    }
}
