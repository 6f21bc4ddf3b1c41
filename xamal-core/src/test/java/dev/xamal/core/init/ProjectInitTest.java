package dev.xamal.core.init;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xamal.core.config.ConfigLoader;
import dev.xamal.core.config.XamalConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ProjectInit} with the repository's real samples (the ones the plugin ships). */
class ProjectInitTest {
    private static final Path SAMPLES = Path.of("..", ".xamal-sample");
    private static final List<String> HOOKS = List.of("pre-connect", "pre-build", "post-build", "pre-deploy",
            "post-deploy", "pre-app-boot", "post-app-boot", "pre-caddy-reload", "post-caddy-reload");

    @TempDir
    Path project;

    private static Map<String, String> samples() throws IOException {
        Map<String, String> samples = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SAMPLES)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                samples.put(SAMPLES.relativize(file).toString().replace('\\', '/'), Files.readString(file));
            }
        }
        return samples;
    }

    @Test
    void writesConfigSecretsHooksAndGitignore() throws Exception {
        List<ProjectInit.Result> results = ProjectInit.apply(project, samples(), "shop");

        assertThat(results).extracting(ProjectInit.Result::outcome).doesNotContain(ProjectInit.Outcome.KEPT);
        assertThat(results).extracting(ProjectInit.Result::message).contains("Created config/xamal.yml",
                "Created .xamal/secrets", "Created .gitignore ignoring .xamal/secrets*");
        for (String hook : HOOKS) {
            Path sample = project.resolve(".xamal/hooks/" + hook + ".sample");
            assertThat(sample).exists().content().contains("XAMAL_SERVICE_VERSION").contains("XAMAL_LOCK");
            assertThat(Files.getPosixFilePermissions(sample)).isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        assertThat(project.resolve(".xamal/hooks/post-deploy.sample")).content().contains("XAMAL_RUNTIME");
        assertThat(Files.getPosixFilePermissions(project.resolve(".xamal/secrets")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(project.resolve(".gitignore")).hasContent(".xamal/secrets*");
    }

    @Test
    void theWrittenConfigIsValidAndNamesTheService() throws Exception {
        ProjectInit.apply(project, samples(), "shop");

        XamalConfig config = ConfigLoader.load(project, "config/xamal.yml", Optional.empty(), Map.of());

        assertThat(config.service()).isEqualTo("shop");
        assertThat(config.ssh().user()).isEqualTo("deploy");
        assertThat(config.caddy().host()).contains("app.example.com");
    }

    @Test
    void secondRunKeepsEveryFileAndSaysSo() throws Exception {
        ProjectInit.apply(project, samples(), "shop");
        Files.writeString(project.resolve("config/xamal.yml"), "service: mine\n");

        List<ProjectInit.Result> second = ProjectInit.apply(project, samples(), "other");

        assertThat(second).extracting(ProjectInit.Result::outcome).containsOnly(ProjectInit.Outcome.KEPT);
        assertThat(second).extracting(ProjectInit.Result::message)
                .contains("Kept config/xamal.yml: it already exists (remove it to get a fresh one)",
                        "Kept .gitignore: it already ignores .xamal/secrets*");
        assertThat(project.resolve("config/xamal.yml")).hasContent("service: mine");
    }

    @Test
    void existingGitignoreGetsTheLineAppended() throws Exception {
        Files.writeString(project.resolve(".gitignore"), "target/");

        ProjectInit.apply(project, samples(), "shop");

        assertThat(project.resolve(".gitignore")).hasContent("target/\n.xamal/secrets*");
    }

    @Test
    void serviceNameIsDerivedFromTheProjectName() {
        assertThat(ProjectInit.serviceName("My.Cool App")).isEqualTo("my-cool-app");
        assertThat(ProjectInit.serviceName("shop_api")).isEqualTo("shop_api");
        assertThat(ProjectInit.serviceName("...")).isEqualTo("my-app");
    }
}
