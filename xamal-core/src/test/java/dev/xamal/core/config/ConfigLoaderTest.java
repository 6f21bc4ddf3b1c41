package dev.xamal.core.config;

import dev.xamal.core.config.ReleaseConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private ConfigFiles files() {
        return new ConfigFiles(dir);
    }

    @Test
    void minimalConfigGetsEveryDefault() {
        XamalConfig config = files().base("service: my-app\nservers:\n  - 192.0.2.10\n").load();

        assertThat(config.service()).isEqualTo("my-app");
        assertThat(config.appId()).isEqualTo("my-app");
        assertThat(config.destination()).isEmpty();
        assertThat(config.roleNames()).containsExactly("web");
        assertThat(config.primaryRole()).isEqualTo("web");
        assertThat(config.primary().proxy()).isTrue();
        assertThat(config.primaryHost().id()).isEqualTo("192.0.2.10");
        assertThat(config.ssh().user()).isEqualTo("root");
        assertThat(config.ssh().port()).isEqualTo(22);
        assertThat(config.ssh().serverId()).isEqualTo("xamal-my-app");
        assertThat(config.ssh().config()).isTrue();
        assertThat(config.ssh().hostKeyChecking()).isEqualTo(SshConfig.HostKeyChecking.STRICT);
        assertThat(config.ssh().knownHostsFile()).isEqualTo("~/.ssh/known_hosts");
        assertThat(config.ssh().connectTimeout()).isEqualTo(15);
        assertThat(config.ssh().maxConcurrentStarts()).isEqualTo(30);
        assertThat(config.ssh().keepalive()).isEqualTo(30);
        assertThat(config.caddy().appPort()).isEqualTo(4000);
        assertThat(config.caddy().greenPort()).isEqualTo(4001);
        assertThat(config.caddy().ssl()).isEqualTo(CaddyConfig.Ssl.ACME);
        assertThat(config.caddy().host()).isEmpty();
        assertThat(config.release().name()).isEqualTo("my_app");
        assertThat(config.release().runtime()).isEqualTo(ReleaseConfig.Runtime.JLINK);
        assertThat(config.release().user()).isEqualTo("root");
        assertThat(config.healthCheck()).isEqualTo(new HealthCheckConfig("/health", 1, 5));
        assertThat(config.deployTimeout()).isEqualTo(60);
        assertThat(config.readinessDelay()).isEqualTo(7);
        assertThat(config.drainTimeout()).isEqualTo(30);
        assertThat(config.boot().limit()).isEmpty();
        assertThat(config.boot().batchSize(7)).isEqualTo(7);
        assertThat(config.retainReleases()).isEqualTo(5);
        assertThat(config.requireDestination()).isFalse();
        assertThat(config.hooksPath()).isEqualTo(".xamal/hooks");
        assertThat(config.secretsPath()).isEqualTo(".xamal/secrets");
        assertThat(config.backend()).isEqualTo(Backend.SSH);
        assertThat(config.hostkit().planOut()).isEqualTo("target/xamal/hostkit/plan.json");
        assertThat(config.env()).isEqualTo(EnvConfig.EMPTY);
    }

    @Test
    void overlayMergesMapsAndReplacesListsAndScalars() {
        files().base("""
                service: shop
                servers:
                  web: [a.example.com, b.example.com]
                  worker:
                    hosts: [w.example.com]
                    cmd: run com.example.Worker
                ssh:
                  user: deploy
                  port: 2222
                env:
                  clear: {A: "1", B: "2"}
                caddy:
                  host: shop.example.com
                  hosts: [www.shop.example.com]
                """).write("config/xamal.staging.yml", """
                servers:
                  web: [staging.example.com]
                ssh:
                  port: 2200
                env:
                  clear: {B: "20"}
                caddy:
                  hosts: []
                """);

        XamalConfig config = files().load("staging");

        assertThat(config.appId()).isEqualTo("shop.staging");
        assertThat(config.role("web").orElseThrow().hosts()).extracting(Host::id).containsExactly("staging.example.com");
        assertThat(config.role("worker").orElseThrow().cmd()).contains("run com.example.Worker");
        assertThat(config.ssh().user()).isEqualTo("deploy");
        assertThat(config.ssh().port()).isEqualTo(2200);
        assertThat(config.env().clear()).containsExactly(Map.entry("A", "1"), Map.entry("B", "20"));
        assertThat(config.caddy().hosts()).isEmpty();
        assertThat(config.caddy().host()).contains("shop.example.com");
        assertThat(config.files()).hasSize(2);
    }

    @Test
    void jinjavaSeesEnvAndDestinationAndDefaults() {
        files().base("""
                service: app
                servers:
                  - {{ env.APP_HOST }}
                caddy:
                  host: {{ destination }}.example.com
                  app_port: {{ env.MISSING_PORT | default('5000') }}
                """).write("config/xamal.prod.yml", "");

        XamalConfig config = files().load(Optional.of("prod"), Map.of("APP_HOST", "10.0.0.5"));

        assertThat(config.primaryHost().hostname()).isEqualTo("10.0.0.5");
        assertThat(config.caddy().host()).contains("prod.example.com");
        assertThat(config.caddy().appPort()).isEqualTo(5000);
    }

    @Test
    void anchorsAliasesAndMergeKeysWork() {
        XamalConfig config = files().base("""
                service: app
                x-hosts: &hosts [h1.example.com, h2.example.com]
                x-env: &env
                  clear: {A: "1"}
                servers:
                  web:
                    hosts: *hosts
                    env:
                      <<: *env
                      secret: [DB_PASSWORD]
                """).load();

        Role web = config.role("web").orElseThrow();
        assertThat(web.hosts()).extracting(Host::id).containsExactly("h1.example.com", "h2.example.com");
        assertThat(web.env().clear()).containsEntry("A", "1");
        assertThat(web.env().secret()).containsExactly(new SecretRef("DB_PASSWORD", "DB_PASSWORD"));
    }

    @Test
    void roleEnvMergesOverGlobalEnv() {
        XamalConfig config = files().base("""
                service: app
                servers:
                  web:
                    hosts: [h1]
                    env:
                      clear: {LOG: debug, ROLE: web}
                      secret: [API_KEY:WEB_API_KEY, EXTRA]
                env:
                  clear: {LOG: info, REGION: eu}
                  secret: [DB_PASSWORD, API_KEY]
                """).load();

        EnvConfig env = config.primary().env();
        assertThat(env.clear()).containsExactly(Map.entry("LOG", "debug"), Map.entry("REGION", "eu"),
                Map.entry("ROLE", "web"));
        assertThat(env.secret()).containsExactly(new SecretRef("DB_PASSWORD", "DB_PASSWORD"),
                new SecretRef("API_KEY", "WEB_API_KEY"), new SecretRef("EXTRA", "EXTRA"));
        assertThat(config.env().clear()).containsEntry("LOG", "info");
    }

    @Test
    void hostFormsParseIntoNameUserAndPort() {
        XamalConfig config = files().base("""
                service: app
                servers:
                  - plain.example.com
                  - host.example.com:2201
                  - deploy@user.example.com
                  - ops@user.example.com:2202
                  - "[2001:db8::1]"
                  - "[2001:db8::2]:2203"
                  - localhost:2201
                  - localhost:2202
                  - localhost:22
                """).load();

        List<Host> hosts = config.primary().hosts();
        assertThat(hosts).extracting(Host::id).containsExactly("plain.example.com", "host.example.com:2201",
                "user.example.com", "user.example.com:2202", "2001:db8::1", "[2001:db8::2]:2203",
                "localhost:2201", "localhost:2202", "localhost");
        assertThat(hosts.get(2).user()).contains("deploy");
        assertThat(hosts.get(3).sshUser("root")).isEqualTo("ops");
        assertThat(hosts.get(5).hostname()).isEqualTo("2001:db8::2");
        assertThat(hosts.get(5).sshPort(22)).isEqualTo(2203);
        assertThat(hosts.get(0).sshPort(22)).isEqualTo(22);
    }

    @Test
    void overlayCanUnsetAKeyAndRemoveARole() {
        files().base("""
                service: app
                servers:
                  web: [h1]
                  worker: [h2]
                ssh:
                  port: 2222
                """).write("config/xamal.dev.yml", """
                servers:
                  worker:
                ssh:
                  port:
                """);

        XamalConfig config = files().load("dev");

        assertThat(config.roleNames()).containsExactly("web");
        assertThat(config.ssh().port()).isEqualTo(22);
    }

    @Test
    void templateWithoutDestinationSeesEmptyDestination() {
        XamalConfig config = files().base("""
                service: app{% if destination %}-{{ destination }}{% endif %}
                servers: [h1]
                """).load();

        assertThat(config.service()).isEqualTo("app");
    }
}
