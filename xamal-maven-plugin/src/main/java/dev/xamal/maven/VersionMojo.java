package dev.xamal.maven;

import dev.xamal.core.XamalVersion;
import org.apache.maven.plugins.annotations.Mojo;

/** Prints the version of xamal-maven-plugin. */
@Mojo(name = "version", requiresProject = false, threadSafe = true, aggregator = true)
public class VersionMojo extends AbstractXamalMojo {
    @Override
    protected void run() {
        output().info("xamal " + XamalVersion.current());
    }
}
