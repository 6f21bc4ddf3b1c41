package dev.xamal.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigDocumentTest {
    private static final String CONFIG = """
            service: shop
            servers:
              web:
                hosts: [deploy@a.example.com:2222, {b.example.com: [canary]}]
              worker:
                hosts: [w.example.com]
                cmd: run com.example.Worker
            env:
              clear: {REGION: eu}
              secret: [DB_PASSWORD, API_KEY:SHOP_API_KEY]
              tags:
                canary: {clear: {CANARY: "1"}}
            boot: {limit: 25%}
            """;

    @TempDir
    Path dir;

    @Test
    void yamlLoadsBackIntoTheSameModel() {
        XamalConfig original = new ConfigFiles(dir).base(CONFIG).load();

        String yaml = ConfigDocument.toYaml(original);
        XamalConfig reloaded = new ConfigFiles(dir.resolve("again")).base(yaml).load();

        assertThat(reloaded.roles()).isEqualTo(original.roles());
        assertThat(reloaded).usingRecursiveComparison().ignoringFields("files").isEqualTo(original);
    }

    @Test
    void yamlWritesEveryValueWhereItBelongsWithoutAnchorsOrAliases() {
        XamalConfig config = new ConfigFiles(dir).base("""
                service: shop
                servers: [a.example.com]
                """).load();

        String yaml = ConfigDocument.toYaml(config);

        assertThat(yaml).doesNotContain("&id").doesNotContain("*id");
        assertThat(yaml).containsPattern("(?m)^  secret: \\[\\]$").containsPattern("(?m)^  clear: \\{\\}$");
    }

    @Test
    @SuppressWarnings("unchecked")
    void documentHasDefaultsAndSecretNamesOnly() throws Exception {
        XamalConfig config = new ConfigFiles(dir).base(CONFIG).load();

        String json = ConfigDocument.toJson(config);
        @SuppressWarnings("unchecked")
        Map<String, Object> doc = new ObjectMapper().readValue(json, Map.class);

        assertThat(doc).containsEntry("deploy_timeout", 60).containsEntry("retain_releases", 5);
        assertThat((Map<String, Object>) doc.get("caddy")).containsEntry("app_port", 4000).containsEntry("ssl", "true");
        assertThat(((Map<?, ?>) doc.get("env")).get("secret")).asList().containsExactly("DB_PASSWORD", "API_KEY:SHOP_API_KEY");
        assertThat((Map<String, Object>) doc.get("boot")).containsEntry("limit", "25%");
        assertThat(config.role("web").orElseThrow().envFor(Host.parse("b.example.com")).clear())
                .containsEntry("CANARY", "1").containsEntry("REGION", "eu");
        assertThat(config.role("web").orElseThrow().envFor(Host.parse("a.example.com:2222")).clear())
                .doesNotContainKey("CANARY");
        assertThat(Optional.of(config.appId())).contains("shop");
    }
}
