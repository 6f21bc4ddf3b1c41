package dev.xamal.core.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xamal.core.UsageException;
import dev.xamal.core.config.ConfigLoader;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.output.Redactor;
import dev.xamal.core.secrets.SecretFiles;
import dev.xamal.core.secrets.Secrets;
import dev.xamal.core.secrets.SecretsLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The env file an instance gets: clear values, secrets and host tags, rendered for systemd. */
class DeployEnvFileTest {
    @TempDir
    Path project;

    private XamalConfig config(String yaml) throws IOException {
        Files.createDirectories(project.resolve("config"));
        Files.writeString(project.resolve("config/xamal.yml"), yaml);
        return ConfigLoader.load(project, ConfigLoader.DEFAULT_CONFIG_FILE, Optional.empty(), Map.of());
    }

    private Secrets secrets(XamalConfig config, String text) throws IOException {
        Files.createDirectories(project.resolve(".xamal"));
        Files.writeString(project.resolve(".xamal/secrets"), text);
        return new SecretsLoader(Map.of(), new Redactor()).load(SecretFiles.of(project, config));
    }

    @Test
    void clearValuesThenSecretsThenTheHostsTagOverrides() throws IOException {
        XamalConfig config = config("""
                service: shop
                servers:
                  web:
                    hosts:
                      - web1: [eu]
                      - web2
                env:
                  clear:
                    MODE: production
                    REGION: none
                  secret:
                    - DB_PASSWORD
                    - API_TOKEN:SHOP_TOKEN
                  tags:
                    eu:
                      clear:
                        REGION: eu-west
                """);
        Secrets secrets = secrets(config, "DB_PASSWORD=s3cret\nSHOP_TOKEN=t0ken\n");
        var web = config.role("web").orElseThrow();
        String web1 = new String(Deploy.envFile(web, web.hosts().get(0), secrets), StandardCharsets.UTF_8);
        String web2 = new String(Deploy.envFile(web, web.hosts().get(1), secrets), StandardCharsets.UTF_8);
        assertThat(web1).isEqualTo("MODE=\"production\"\nREGION=\"eu-west\"\nDB_PASSWORD=\"s3cret\"\nAPI_TOKEN=\"t0ken\"\n");
        assertThat(web2).contains("REGION=\"none\"\n");
    }

    @Test
    void aMissingSecretNamesTheEntryNotAValue() throws IOException {
        XamalConfig config = config("""
                service: shop
                servers: [web1]
                env:
                  secret: [DB_PASSWORD]
                """);
        Secrets secrets = secrets(config, "OTHER=x\n");
        var web = config.role("web").orElseThrow();
        assertThatThrownBy(() -> Deploy.envFile(web, web.hosts().get(0), secrets))
                .isInstanceOf(UsageException.class).hasMessageContaining("DB_PASSWORD");
    }
}
