package dev.xamal.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Errors about files rather than keys: missing files, destinations, sizes, and overlay blame. */
class ConfigFileErrorsTest {
    private static final String VALID = "service: app\nservers:\n  - h1.example.com\n";

    @TempDir
    Path dir;

    private ConfigException failure(ConfigFiles files, Optional<String> destination) {
        return catchThrowableOfType(ConfigException.class, () -> files.load(destination, Map.of()));
    }

    @Test
    void missingConfigFileSaysToRunInit() {
        ConfigException e = failure(new ConfigFiles(dir), Optional.empty());

        assertThat(e.getMessage()).isEqualTo("config/xamal.yml: configuration file not found; run mvn xamal:init"
                + " to create one or point -Dxamal.configFile at yours");
    }

    @Test
    void missingDestinationFileIsAnError() {
        ConfigException e = failure(new ConfigFiles(dir).base(VALID), Optional.of("staging"));

        assertThat(e.file()).isEqualTo("config/xamal.staging.yml");
        assertThat(e.getMessage()).contains("destination file not found for destination 'staging'");
    }

    @Test
    void destinationNameMustBeSimple() {
        ConfigException e = failure(new ConfigFiles(dir).base(VALID), Optional.of("../etc"));

        assertThat(e.getMessage()).contains("destination '../etc' may only contain lower-case letters, digits, '-' and '_'");
    }

    @Test
    void errorInOverlayNamesTheOverlayFile() {
        ConfigFiles files = new ConfigFiles(dir).base(VALID).write("config/xamal.prod.yml", "ssh:\n  port: 0\n");

        ConfigException e = failure(files, Optional.of("prod"));

        assertThat(e.file()).isEqualTo("config/xamal.prod.yml");
        assertThat(e.keyPath()).isEqualTo("ssh.port");
        assertThat(e.getMessage()).isEqualTo("config/xamal.prod.yml: ssh.port: port 0 is out of range; use a port from 1 to 65535");
    }

    @Test
    void errorLeftInBaseNamesTheBaseFileEvenWithAnOverlay() {
        ConfigFiles files = new ConfigFiles(dir).base(VALID + "ssh:\n  port: 0\n")
                .write("config/xamal.prod.yml", "ssh:\n  user: deploy\n");

        ConfigException e = failure(files, Optional.of("prod"));

        assertThat(e.file()).isEqualTo("config/xamal.yml");
        assertThat(e.keyPath()).isEqualTo("ssh.port");
    }

    @Test
    void yamlErrorInOverlayGivesOverlayLineAndColumn() {
        ConfigFiles files = new ConfigFiles(dir).base(VALID).write("config/xamal.prod.yml", "ssh:\n  port: [1\n");

        ConfigException e = failure(files, Optional.of("prod"));

        assertThat(e.file()).isEqualTo("config/xamal.prod.yml");
        assertThat(e.getMessage()).containsPattern("line 3, column \\d+: YAML syntax error");
    }

    @Test
    void templateErrorInOverlayGivesOverlayLine() {
        ConfigFiles files = new ConfigFiles(dir).base(VALID)
                .write("config/xamal.prod.yml", "ssh:\n  user: deploy\n  port: {{ env.SSH_PORT }}\n");

        ConfigException e = failure(files, Optional.of("prod"));

        assertThat(e.getMessage()).startsWith("config/xamal.prod.yml: line 3: template error: Unknown token found: env.SSH_PORT");
    }

    @Test
    void requireDestinationIsSatisfiedByADestination() {
        ConfigFiles files = new ConfigFiles(dir).base(VALID + "require_destination: true\n")
                .write("config/xamal.prod.yml", "");

        assertThat(files.load(Optional.of("prod"), Map.of()).destination()).contains("prod");
    }

    @Test
    void hugeFileIsRefusedBeforeParsing() {
        String filler = "# " + "x".repeat(1000) + "\n";
        ConfigFiles files = new ConfigFiles(dir).base(VALID + filler.repeat(1100));

        ConfigException e = failure(files, Optional.empty());

        assertThat(e.getMessage()).matches("config/xamal\\.yml: the file is \\d+ bytes; the limit is 1048576 bytes.*");
    }

    @Test
    void templateThatRendersTooMuchIsRefused() {
        ConfigFiles files = new ConfigFiles(dir).base(VALID
                + "{% for i in range(1000) %}{% for j in range(1000) %}# padding padding\n{% endfor %}{% endfor %}\n");

        ConfigException e = failure(files, Optional.empty());

        assertThat(e.getMessage()).startsWith("config/xamal.yml: ").contains("template error");
    }

    @Test
    void invalidUtf8IsRefused() throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("config"));
        java.nio.file.Files.write(dir.resolve("config/xamal.yml"), new byte[] {'s', ':', ' ', (byte) 0xC3, (byte) 0x28});

        ConfigException e = failure(new ConfigFiles(dir), Optional.empty());

        assertThat(e.getMessage()).isEqualTo("config/xamal.yml: the file is not valid UTF-8; save it as UTF-8");
    }
}
