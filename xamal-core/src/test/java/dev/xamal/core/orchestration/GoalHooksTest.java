package dev.xamal.core.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xamal.core.config.ConfigLoader;
import dev.xamal.core.config.Role;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.hooks.HookRunner;
import dev.xamal.core.release.TestOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hooks of a goal run: a boot group's hooks see that group's hosts; skipHooks skips them. */
class GoalHooksTest {
    @TempDir
    Path project;

    private final TestOutput output = new TestOutput();

    private XamalConfig config() throws Exception {
        Files.createDirectories(project.resolve("config"));
        Files.writeString(project.resolve("config/xamal.yml"), """
                service: shop
                servers:
                  web: [web1, "web2:2202"]
                  worker:
                    hosts: [jobs1]
                    cmd: run shop.Worker
                hooks_path: hooks
                """);
        Files.writeString(project.resolve("config/xamal.staging.yml"), "x-stage: {}\n");
        for (String name : List.of("pre-app-boot", "post-app-boot")) {
            Path hook = Files.createDirectories(project.resolve("hooks")).resolve(name);
            Files.writeString(hook, "#!/bin/sh\nenv | grep -E '^XAMAL_(HOSTS|ROLES|VERSION|COMMAND|SUBCOMMAND|DESTINATION)=' | sort\n");
            Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return ConfigLoader.load(project, ConfigLoader.DEFAULT_CONFIG_FILE, Optional.of("staging"), Map.of());
    }

    private GoalHooks hooks(XamalConfig config, boolean skip, String goal, List<Role> roles) {
        return new GoalHooks(new HookRunner(project, Path.of(config.hooksPath()), skip, output),
                new GoalHooks.Run(config.service(), "v7", config.allHosts(), roles.stream().map(Role::name).toList(),
                        config.destination(), goal, "tester"), () -> false);
    }

    @Test
    void aHookRunsBeforeTheBootsWhenPreDeployOrAnAppBootHookIsPresentAndNotSkipped() throws Exception {
        XamalConfig config = config();
        assertThat(hooks(config, false, "deploy", config.roles()).runBeforeBoot()).as("app-boot hooks").isTrue();
        assertThat(hooks(config, true, "deploy", config.roles()).runBeforeBoot()).as("skipHooks").isFalse();

        Path hooksDir = project.resolve("hooks");
        Files.move(hooksDir.resolve("pre-app-boot"), hooksDir.resolve("pre-app-boot.sample"));
        assertThat(hooks(config, false, "deploy", config.roles()).runBeforeBoot()).as("post-app-boot").isTrue();
        Files.move(hooksDir.resolve("post-app-boot"), hooksDir.resolve("post-app-boot.sample"));
        assertThat(hooks(config, false, "deploy", config.roles()).runBeforeBoot()).as("no hook").isFalse();
        Files.writeString(hooksDir.resolve("post-deploy"), "#!/bin/sh\n");
        Files.writeString(hooksDir.resolve("pre-caddy-reload"), "#!/bin/sh\n");
        assertThat(hooks(config, false, "deploy", config.roles()).runBeforeBoot()).as("hooks after the boots").isFalse();
        Files.writeString(hooksDir.resolve("pre-deploy"), "#!/bin/sh\n");
        assertThat(hooks(config, false, "deploy", config.roles()).runBeforeBoot()).as("pre-deploy").isTrue();
        assertThat(DeployHooks.NONE.runBeforeBoot()).isFalse();
    }

    @Test
    void aGroupsHookSeesThatGroupsHostsAndRolesAndTheGoalAsCommandAndSubcommand() throws Exception {
        XamalConfig config = config();
        hooks(config, false, "app-boot", config.roles())
                .preAppBoot(config.allHosts().subList(1, 3));
        assertThat(output.lines).containsSubsequence(
                "INFO [pre-app-boot] XAMAL_COMMAND=app",
                "INFO [pre-app-boot] XAMAL_DESTINATION=staging",
                "INFO [pre-app-boot] XAMAL_HOSTS=web2:2202,jobs1",
                "INFO [pre-app-boot] XAMAL_ROLES=web,worker",
                "INFO [pre-app-boot] XAMAL_SUBCOMMAND=boot",
                "INFO [pre-app-boot] XAMAL_VERSION=v7");
    }

    @Test
    void aDeployIsTheCommandWithoutSubcommandAndNoneRunsNothing() throws Exception {
        XamalConfig config = config();
        hooks(config, false, "deploy", List.of(config.roles().get(0)))
                .preAppBoot(List.of(config.allHosts().get(0)));
        assertThat(output.lines).contains("INFO [pre-app-boot] XAMAL_COMMAND=deploy", "INFO [pre-app-boot] XAMAL_SUBCOMMAND=",
                "INFO [pre-app-boot] XAMAL_HOSTS=web1", "INFO [pre-app-boot] XAMAL_ROLES=web");
        output.lines.clear();
        DeployHooks.NONE.preAppBoot(config.allHosts());
        assertThat(output.lines).isEmpty();
    }

    @Test
    void skipHooksSkipsThem() throws Exception {
        XamalConfig config = config();
        hooks(config, true, "deploy", config.roles())
                .postAppBoot(config.allHosts());
        assertThat(output.lines).containsExactly("INFO Skipping hook post-app-boot (xamal.skipHooks)");
    }
}
