package dev.xamal.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The validated configuration as a document again, with every default filled in and the keys as
 * written in {@code config/xamal.yml} (so it loads back into the same model): for {@code xamal:config} and for templates (Jinjava reads
 * maps, not records). Secret values are never part of it; only secret names are.
 */
public final class ConfigDocument {
    private ConfigDocument() {
    }

    /** The configuration as ordered maps, lists and scalars. */
    public static Map<String, Object> toMap(XamalConfig config) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("service", config.service());
        doc.put("primary_role", config.primaryRole());
        Map<String, Object> servers = new LinkedHashMap<>();
        for (Role role : config.roles()) {
            Map<String, Object> r = new LinkedHashMap<>();
            List<Object> hosts = new ArrayList<>();
            for (Host host : role.hosts()) {
                List<String> tags = role.tagsOf(host);
                hosts.add(tags.isEmpty() ? host.toString() : map(host.toString(), tags));
            }
            r.put("hosts", hosts);
            r.put("cmd", role.cmd().orElse(null));
            r.put("proxy", role.proxy());
            r.put("env", env(role.env()));
            servers.put(role.name(), r);
        }
        doc.put("servers", servers);
        SshConfig ssh = config.ssh();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("user", ssh.user());
        s.put("port", ssh.port());
        s.put("keys", ssh.keys());
        s.put("key_data", ssh.keyData());
        s.put("server_id", ssh.serverId());
        s.put("proxy", ssh.proxy().orElse(null));
        s.put("config", ssh.config());
        s.put("host_key_checking", ssh.hostKeyChecking().yaml());
        s.put("known_hosts_file", ssh.knownHostsFile());
        s.put("connect_timeout", ssh.connectTimeout());
        s.put("max_concurrent_starts", ssh.maxConcurrentStarts());
        s.put("keepalive", ssh.keepalive());
        doc.put("ssh", s);
        CaddyConfig caddy = config.caddy();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("host", caddy.host().orElse(null));
        c.put("hosts", caddy.hosts());
        c.put("app_port", caddy.appPort());
        c.put("ssl", caddy.ssl().yaml());
        doc.put("caddy", c);
        doc.put("env", env(config.env()));
        ReleaseConfig release = config.release();
        Map<String, Object> rel = new LinkedHashMap<>();
        rel.put("name", release.name());
        rel.put("main_class", release.mainClass().orElse(null));
        rel.put("jvm_options", release.jvmOptions());
        rel.put("runtime", release.runtime().yaml());
        Map<String, Object> jlink = new LinkedHashMap<>();
        jlink.put("add_modules", release.jlink().addModules());
        jlink.put("jmods", release.jlink().jmods().orElse(null));
        rel.put("jlink", jlink);
        rel.put("console", release.console().orElse(null));
        rel.put("migrate", release.migrate().orElse(null));
        rel.put("maintenance_page", release.maintenancePage().orElse(null));
        rel.put("user", release.user());
        doc.put("release", rel);
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("path", config.healthCheck().path());
        health.put("interval", config.healthCheck().interval());
        health.put("timeout", config.healthCheck().timeout());
        doc.put("health_check", health);
        doc.put("deploy_timeout", config.deployTimeout());
        doc.put("readiness_delay", config.readinessDelay());
        doc.put("drain_timeout", config.drainTimeout());
        Map<String, Object> boot = new LinkedHashMap<>();
        boot.put("limit", config.boot().limit().map(BootLimit::toString).orElse(null));
        boot.put("wait", config.boot().waitSeconds());
        doc.put("boot", boot);
        doc.put("retain_releases", config.retainReleases());
        doc.put("require_destination", config.requireDestination());
        doc.put("hooks_path", config.hooksPath());
        doc.put("secrets_path", config.secretsPath());
        doc.put("backend", config.backend().yaml());
        HostKitConfig hk = config.hostkit();
        Map<String, Object> hostkit = new LinkedHashMap<>();
        hostkit.put("manifest", hk.manifest());
        hostkit.put("host_kit_path", hk.hostKitPath().orElse(null));
        hostkit.put("config", hk.config().orElse(null));
        hostkit.put("plan_out", hk.planOut());
        hostkit.put("args", hk.args());
        doc.put("hostkit", hostkit);
        return doc;
    }

    /** The document as block-style YAML. */
    public static String toYaml(XamalConfig config) {
        return blockYaml(toMap(config), new DumperOptions().getWidth());
    }

    /**
     * A document of plain values as block-style YAML the way a person writes {@code deploy.yml}:
     * list items indented under their key, a value used twice (an empty list) written twice rather
     * than as an anchor and alias ({@code &id001}/{@code *id001}), lines wrapped at {@code width}.
     */
    public static String blockYaml(Object document, int width) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setDereferenceAliases(true);
        options.setWidth(width);
        return new Yaml(options).dump(document);
    }

    /** The document as indented JSON. */
    public static String toJson(XamalConfig config) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(toMap(config));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of plain values always serialises", e);
        }
    }

    private static Map<String, Object> env(EnvConfig env) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("clear", env.clear());
        e.put("secret", env.secret().stream().map(SecretRef::toString).toList());
        if (!env.tags().isEmpty()) {
            Map<String, Object> tags = new LinkedHashMap<>();
            env.tags().forEach((tag, tagEnv) -> tags.put(tag, env(tagEnv)));
            e.put("tags", tags);
        }
        return e;
    }

    private static Map<String, Object> map(String key, Object value) {
        Map<String, Object> single = new LinkedHashMap<>();
        single.put(key, value);
        return single;
    }
}
