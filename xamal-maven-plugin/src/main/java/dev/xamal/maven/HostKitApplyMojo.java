package dev.xamal.maven;

import org.apache.maven.plugins.annotations.Mojo;

/**
 * Applies the plan {@code xamal:hostkit-plan} wrote ({@code mix host_kit.apply <args> --plan
 * <plan_out> --confirm <config>} in {@code hostkit.host_kit_path}). Refuses a plan made from
 * another manifest than the current one, or changed after it was made.
 */
@Mojo(name = "hostkit-apply", aggregator = true, threadSafe = true)
public class HostKitApplyMojo extends AbstractHostKitMojo {
    @Override
    protected void run() {
        backend(loadHostKitConfig()).apply();
    }
}
