package dev.xamal.core.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xamal.core.UsageException;
import dev.xamal.core.output.Output;
import dev.xamal.core.output.Redactor;
import dev.xamal.core.release.TestOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HookRunnerTest {
    @TempDir
    Path project;

    private final TestOutput output = new TestOutput();

    private final HookVariables variables = new HookVariables("hello", "abc123", List.of("web-1:22", "web-2:2202"),
            List.of("web", "worker"), Optional.of("staging"), "build", "", "Ann <ann@example.com>",
            Instant.parse("2026-11-26T06:00:00.123456Z"), false, Optional.empty());

    private Path hook(String name, String body) throws Exception {
        Path dir = Files.createDirectories(project.resolve(".xamal/hooks"));
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private HookRunner runner(boolean skip) {
        return new HookRunner(project, Path.of(".xamal/hooks"), skip, output);
    }

    @Test
    void hookGetsEveryVariableAndItsOutputIsPrefixedLineByLine() throws Exception {
        hook("pre-build", "env | grep '^XAMAL_' | sort\npwd\n");
        assertThat(runner(false).run(Hook.PRE_BUILD, variables)).isTrue();
        assertThat(output.lines).contains(
                "INFO Running hook pre-build",
                "INFO [pre-build] XAMAL_COMMAND=build",
                "INFO [pre-build] XAMAL_DESTINATION=staging",
                "INFO [pre-build] XAMAL_HOSTS=web-1:22,web-2:2202",
                "INFO [pre-build] XAMAL_LOCK=false",
                "INFO [pre-build] XAMAL_PERFORMER=Ann <ann@example.com>",
                "INFO [pre-build] XAMAL_RECORDED_AT=2026-11-26T06:00:00.123456Z",
                "INFO [pre-build] XAMAL_ROLES=web,worker",
                "INFO [pre-build] XAMAL_SERVICE=hello",
                "INFO [pre-build] XAMAL_SERVICE_VERSION=hello@abc123",
                "INFO [pre-build] XAMAL_SUBCOMMAND=",
                "INFO [pre-build] XAMAL_VERSION=abc123",
                "INFO [pre-build] " + project.toRealPath());
        assertThat(output.lines).noneMatch(l -> l.contains("XAMAL_RUNTIME"));
    }

    @Test
    void postDeployGetsTheRuntime() throws Exception {
        hook("post-deploy", "echo \"took $XAMAL_RUNTIME\"\n");
        runner(false).run(Hook.POST_DEPLOY, variables.withRuntime(Duration.ofMillis(42_700)));
        assertThat(output.lines).contains("INFO [post-deploy] took 42");
    }

    @Test
    void failingHookStopsWithItsStatusAndOutputTail() throws Exception {
        hook("pre-build", "i=0; while [ $i -lt 30 ]; do echo line$i; i=$((i+1)); done\necho oops >&2\nexit 3\n");
        assertThatThrownBy(() -> runner(false).run(Hook.PRE_BUILD, variables))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("hook pre-build")
                .hasMessageContaining("failed with exit status 3")
                .hasMessageContaining("oops")
                .hasMessageContaining("line29")
                .hasMessageNotContaining("line5\n");
    }

    @Test
    void missingHookDoesNothingAndSkipHooksSkipsAnExistingOne() throws Exception {
        assertThat(runner(false).run(Hook.POST_BUILD, variables)).isFalse();
        Path marker = project.resolve("ran");
        hook("post-build", "touch " + marker + "\n");
        assertThat(runner(true).run(Hook.POST_BUILD, variables)).isFalse();
        assertThat(marker).doesNotExist();
        assertThat(output.lines).contains("INFO Skipping hook post-build (xamal.skipHooks)");
        assertThat(runner(false).run(Hook.POST_BUILD, variables)).isTrue();
        assertThat(marker).exists();
    }

    @Test
    void nonExecutableHookIsReportedNotRun() throws Exception {
        Path file = hook("pre-build", "exit 1\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(runner(false).run(Hook.PRE_BUILD, variables)).isFalse();
        assertThat(output.lines).anyMatch(l -> l.startsWith("WARN") && l.contains("not executable") && l.contains("chmod +x"));
    }

    @Test
    void hookOutputPassesThroughTheRedactor() throws Exception {
        Redactor redactor = new Redactor();
        redactor.register("s3cr3t-value");
        hook("pre-build", "echo token=s3cr3t-value\n");
        new HookRunner(project, Path.of(".xamal/hooks"), false, Output.redacting(output, redactor))
                .run(Hook.PRE_BUILD, variables);
        assertThat(output.lines).contains("INFO [pre-build] token=[REDACTED]").noneMatch(l -> l.contains("s3cr3t"));
    }
}
