package dev.xamal.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Builds the release: {@code target/xamal/<service>-<version>.tar.gz} and its three layers
 * (runtime, dependencies, application), with the {@code pre-build} and {@code post-build} hooks
 * around it.
 *
 * <p>Build from source: with the plugin declared {@code <extensions>true</extensions>}, a bare
 * {@code mvn xamal:build} runs the {@code package} phase first; {@code mvn package xamal:build}
 * (or any later phase) runs as typed. Either way the application is compiled, tested and
 * packaged once. Bound to a phase after {@code package}, the goal builds the release once per
 * run; a second execution of the same release in the same run reuses the first.
 */
@Mojo(name = "build", aggregator = true, threadSafe = true, requiresDependencyResolution = ResolutionScope.RUNTIME)
public class BuildMojo extends AbstractReleaseMojo {
    @Override
    protected void run() {
        releases().buildRelease(loadConfig());
    }
}
