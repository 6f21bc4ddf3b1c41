package dev.xamal.maven;

import dev.xamal.core.config.XamalConfig;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Builds the release, writes its HostKit manifest and runs HostKit's plan in
 * {@code hostkit.host_kit_path} ({@code mix host_kit.plan <args> --out <plan_out> <config>}),
 * streaming its output, then summarises the plan file. Review it, then run
 * {@code xamal:hostkit-apply}.
 */
@Mojo(name = "hostkit-plan", aggregator = true, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.RUNTIME)
public class HostKitPlanMojo extends AbstractHostKitMojo {
    @Override
    protected void run() {
        XamalConfig config = loadHostKitConfig();
        backend(config).plan(releases().builtArtifact(config));
    }
}
