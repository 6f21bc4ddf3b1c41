package dev.xamal.core.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xamal.core.UsageException;
import dev.xamal.core.config.CaddyConfig;
import dev.xamal.core.config.ConfigLoader;
import dev.xamal.core.config.Host;
import dev.xamal.core.config.Role;
import dev.xamal.core.config.SecretRef;
import dev.xamal.core.config.XamalConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link KamalImport} and {@link KamalConfigConverter} on a hand-written Kamal configuration. */
class KamalImportTest {
    private static final String DEPLOY_YML = """
            service: shop
            image: acme/shop
            registry:
              server: ghcr.io
              username: acme
              password:
                - KAMAL_REGISTRY_PASSWORD
            builder:
              arch: amd64
            servers:
              web:
                hosts:
                  - 192.0.2.10
                  - 192.0.2.11: [canary]
                options:
                  memory: 1g
              job:
                hosts:
                  - 192.0.2.20
                cmd: bin/jobs
                env:
                  clear:
                    QUEUE: default
            proxy:
              host: shop.example.com
              ssl: true
              app_port: 3000
              response_timeout: 10
              healthcheck:
                path: /health
                interval: 2
                timeout: 4
            env:
              clear:
                REGION: eu
                PORT: 3000
                DB_HOST: <%= ENV["DB_HOST"] %>
              secret:
                - DATABASE_PASSWORD
                - API_KEY:SHOP_API_KEY
              tags:
                canary:
                  CANARY: "true"
            ssh:
              user: deploy
              proxy: bastion@192.0.2.1
              log_level: debug
            sshkit:
              max_concurrent_starts: 10
              pool_idle_timeout: 300
            boot:
              limit: 25%
              wait: 2
            hooks_path: .kamal/hooks
            deploy_timeout: 45
            retain_containers: 3
            accessories:
              db:
                image: postgres:16
                host: 192.0.2.30
            aliases:
              console: app exec -i bin/rails console
            """;
    private static final String DEPLOY_STAGING_YML = """
            servers:
              web:
                hosts:
                  - 192.0.2.50
              job:
                hosts:
                  - 192.0.2.51
            proxy:
              host: staging.shop.example.com
              ssl: false
            env:
              clear:
                REGION: staging
            builder:
              cache:
                type: gha
            """;

    @TempDir
    Path project;

    private List<KamalImport.Converted> importKamal() throws Exception {
        Files.createDirectories(project.resolve("config"));
        Files.writeString(project.resolve("config/deploy.yml"), DEPLOY_YML);
        Files.writeString(project.resolve("config/deploy.staging.yml"), DEPLOY_STAGING_YML);
        return KamalImport.apply(project, "config/deploy.yml");
    }

    @Test
    void convertedConfigurationAndStagingDestinationPassValidation() throws Exception {
        List<KamalImport.Converted> results = importKamal();
        assertThat(results).extracting(KamalImport.Converted::target)
                .containsExactly("config/xamal.yml", "config/xamal.staging.yml");
        assertThat(results).allMatch(KamalImport.Converted::written);

        XamalConfig config = ConfigLoader.load(project, ConfigLoader.DEFAULT_CONFIG_FILE, Optional.empty(),
                Map.of("DB_HOST", "db.internal"));
        assertThat(config.service()).isEqualTo("shop");
        assertThat(config.roleNames()).containsExactly("web", "job");
        Role web = config.role("web").orElseThrow();
        assertThat(web.proxy()).isTrue();
        assertThat(web.hosts()).extracting(Host::hostname).containsExactly("192.0.2.10", "192.0.2.11");
        assertThat(web.tagsOf(web.hosts().get(1))).containsExactly("canary");
        assertThat(web.envFor(web.hosts().get(1)).clear()).containsEntry("CANARY", "true");
        Role job = config.role("job").orElseThrow();
        assertThat(job.proxy()).isFalse();
        assertThat(job.cmd()).isEmpty();
        assertThat(job.env().clear()).containsEntry("QUEUE", "default").containsEntry("REGION", "eu");
        assertThat(config.env().clear()).containsEntry("DB_HOST", "db.internal").doesNotContainKey("PORT");
        assertThat(config.env().secret()).containsExactly(new SecretRef("DATABASE_PASSWORD", "DATABASE_PASSWORD"),
                new SecretRef("API_KEY", "SHOP_API_KEY"));
        assertThat(config.caddy().host()).contains("shop.example.com");
        assertThat(config.caddy().ssl()).isEqualTo(CaddyConfig.Ssl.ACME);
        assertThat(config.healthCheck().path()).isEqualTo("/health");
        assertThat(config.healthCheck().interval()).isEqualTo(2);
        assertThat(config.healthCheck().timeout()).isEqualTo(4);
        assertThat(config.ssh().user()).isEqualTo("deploy");
        assertThat(config.ssh().proxy()).contains("bastion@192.0.2.1");
        assertThat(config.ssh().maxConcurrentStarts()).isEqualTo(10);
        assertThat(config.boot().limit()).isPresent();
        assertThat(config.boot().waitSeconds()).isEqualTo(2);
        assertThat(config.hooksPath()).isEqualTo(".kamal/hooks");
        assertThat(config.deployTimeout()).isEqualTo(45);
        assertThat(config.retainReleases()).isEqualTo(3);

        XamalConfig staging = ConfigLoader.load(project, ConfigLoader.DEFAULT_CONFIG_FILE, Optional.of("staging"),
                Map.of("DB_HOST", "db.internal"));
        assertThat(staging.appId()).isEqualTo("shop.staging");
        assertThat(staging.role("web").orElseThrow().hosts()).extracting(Host::hostname).containsExactly("192.0.2.50");
        assertThat(staging.role("job").orElseThrow().hosts()).extracting(Host::hostname).containsExactly("192.0.2.51");
        assertThat(staging.caddy().host()).contains("staging.shop.example.com");
        assertThat(staging.caddy().ssl()).isEqualTo(CaddyConfig.Ssl.OFF);
        assertThat(staging.env().clear()).containsEntry("REGION", "staging");
    }

    @Test
    void reportListsEveryKeyNotCarriedOver() throws Exception {
        List<KamalImport.Converted> results = importKamal();
        assertThat(results.get(0).skipped()).extracting(KamalConversion.Skipped::key).containsExactly(
                "image", "registry", "builder", "servers.web.options", "servers.job.cmd",
                "proxy.app_port", "proxy.response_timeout", "env.clear.PORT",
                "ssh.log_level", "sshkit.pool_idle_timeout", "hooks_path (kept)", "accessories", "aliases");
        assertThat(results.get(1).skipped()).extracting(KamalConversion.Skipped::key).containsExactly("builder");
        assertThat(results.get(0).skipped()).allSatisfy(skip -> assertThat(skip.reason()).isNotBlank());

        List<String> lines = results.get(0).lines();
        assertThat(lines.get(0)).isEqualTo("Converted config/deploy.yml into config/xamal.yml");
        assertThat(lines).contains("  not carried over: image: there is no container image: the release is a jlink"
                + " runtime, the app's jars and a launcher built from this Maven project");
        String written = Files.readString(project.resolve("config/xamal.yml"));
        assertThat(written).contains("# Not carried over:", "#   accessories: ", "#   servers.job.cmd: ");
    }

    @Test
    void neverOverwritesAnExistingFile() throws Exception {
        Files.createDirectories(project.resolve("config"));
        Files.writeString(project.resolve("config/xamal.yml"), "service: mine\n");
        List<KamalImport.Converted> results = importKamal();
        assertThat(results.get(0).written()).isFalse();
        assertThat(results.get(0).lines()).containsExactly(
                "Kept config/xamal.yml: it already exists (remove it to convert config/deploy.yml again)");
        assertThat(Files.readString(project.resolve("config/xamal.yml"))).isEqualTo("service: mine\n");
        assertThat(results.get(1).written()).isTrue();
    }

    @Test
    void kamalDefaultHealthPathIsKeptAndPlainEnvMapsAreClear() {
        KamalConversion conversion = KamalConfigConverter.convert("""
                service: api
                servers: [192.0.2.10]
                env:
                  REGION: eu
                """, "deploy.yml", false);
        assertThat(conversion.yaml()).contains("health_check:\n  path: /up\n").contains("env:\n  clear:\n    REGION: eu\n");
        assertThat(conversion.skipped()).isEmpty();
    }

    @Test
    void missingFileOrNonMapIsAUsageError() throws Exception {
        assertThatThrownBy(() -> KamalImport.apply(project, "config/deploy.yml"))
                .isInstanceOf(UsageException.class).hasMessageContaining("config/deploy.yml not found");
        assertThatThrownBy(() -> KamalConfigConverter.convert("- a\n- b\n", "deploy.yml", false))
                .isInstanceOf(UsageException.class).hasMessageContaining("must be a YAML map");
    }
}
