package dev.xamal.core.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xamal.core.config.ConfigLoader;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.hooks.Hook;
import dev.xamal.core.release.TestOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployHooksTest {
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
        Path hook = Files.createDirectories(project.resolve("hooks")).resolve("pre-app-boot");
        Files.writeString(hook, "#!/bin/sh\nenv | grep -E '^XAMAL_(HOSTS|ROLES|VERSION|COMMAND|SUBCOMMAND|DESTINATION)=' | sort\n");
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
        return ConfigLoader.load(project, ConfigLoader.DEFAULT_CONFIG_FILE, Optional.of("staging"), Map.of());
    }

    @Test
    void aGroupsHookSeesThatGroupsHostsAndRolesAndTheGoalAsCommandAndSubcommand() throws Exception {
        XamalConfig config = config();
        DeployHooks.of(project, false, "app-boot").run(Hook.PRE_APP_BOOT, config, output, "v7",
                config.allHosts().subList(1, 3), config.roles());
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
        DeployHooks.of(project, false, "deploy").run(Hook.PRE_APP_BOOT, config, output, "v7",
                List.of(config.allHosts().get(0)), List.of(config.roles().get(0)));
        assertThat(output.lines).contains("INFO [pre-app-boot] XAMAL_COMMAND=deploy", "INFO [pre-app-boot] XAMAL_SUBCOMMAND=",
                "INFO [pre-app-boot] XAMAL_HOSTS=web1");
        output.lines.clear();
        DeployHooks.none().run(Hook.PRE_APP_BOOT, config, output, "v7", config.allHosts(), config.roles());
        assertThat(output.lines).isEmpty();
    }

    @Test
    void skipHooksSkipsThem() throws Exception {
        XamalConfig config = config();
        DeployHooks.of(project, true, "deploy").run(Hook.PRE_APP_BOOT, config, output, "v7", config.allHosts(),
                config.roles());
        assertThat(output.lines).containsExactly("INFO Skipping hook pre-app-boot (xamal.skipHooks)");
    }
}
