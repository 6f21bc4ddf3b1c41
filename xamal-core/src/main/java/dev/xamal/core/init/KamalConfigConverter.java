package dev.xamal.core.init;

import dev.xamal.core.UsageException;
import dev.xamal.core.config.ConfigDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Converts a Kamal {@code config/deploy.yml} (or a destination file {@code config/deploy.<dest>.yml})
 * into the text of a {@code config/xamal.yml} (or {@code config/xamal.<dest>.yml}). Pure: text in,
 * text and a report out. Keys with an equivalent are carried over; every other key is listed in
 * {@link KamalConversion#skipped()} with the reason, and in a comment at the top of the result.
 */
public final class KamalConfigConverter {
    /** Kamal's health check path when {@code proxy.healthcheck.path} is not set. */
    static final String KAMAL_HEALTH_PATH = "/up";
    private static final int MAX_CODE_POINTS = 1_000_000;
    private static final Pattern ERB_ENV = Pattern.compile(
            "<%=\\s*ENV(?:\\[\\s*[\"']([A-Za-z_][A-Za-z0-9_]*)[\"']\\s*]|\\.fetch\\(\\s*[\"']([A-Za-z_][A-Za-z0-9_]*)[\"']\\s*\\))\\s*%>");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(s|m)?");

    private final String file;
    private final boolean overlay;
    private final List<KamalConversion.Skipped> skipped = new ArrayList<>();

    private KamalConfigConverter(String file, boolean overlay) {
        this.file = file;
        this.overlay = overlay;
    }

    /**
     * Converts one file.
     *
     * @param kamalYaml the Kamal file's text
     * @param file      its name as the user knows it, for the header and errors
     * @param overlay   true for a destination file: only its own keys, no defaults added
     * @throws UsageException when the text is not a YAML map
     */
    public static KamalConversion convert(String kamalYaml, String file, boolean overlay) {
        KamalConfigConverter converter = new KamalConfigConverter(file, overlay);
        Map<String, Object> xamal = converter.convertRoot(converter.parse(kamalYaml));
        return new KamalConversion(converter.header() + dump(xamal), converter.skipped);
    }

    private Map<String, Object> parse(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setMaxAliasesForCollections(200);
        Object root;
        try {
            root = new Yaml(new SafeConstructor(options)).load(text);
        } catch (YAMLException e) {
            throw new UsageException(file + " is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null) {
            return Map.of();
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new UsageException(file + " must be a YAML map of keys (service, servers, ...)");
        }
        return stringKeys(map);
    }

    private Map<String, Object> convertRoot(Map<String, Object> kamal) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> caddy = new LinkedHashMap<>();
        Map<String, Object> ssh = new LinkedHashMap<>();
        Map<String, Object> healthCheck = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : kamal.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            switch (key) {
                case "service", "primary_role" -> out.put(key, text(key, value));
                case "require_destination" -> out.put(key, value);
                case "deploy_timeout", "readiness_delay", "drain_timeout" -> putSeconds(out, key, key, value);
                case "retain_containers" -> putSeconds(out, "retain_releases", key, value);
                case "hooks_path" -> {
                    out.put(key, text(key, value));
                    skip(key + " (kept)", "the hooks there must read XAMAL_* variables instead of KAMAL_*;"
                            + " docker-setup and pre/post-proxy-reboot hooks never run");
                }
                case "secrets_path" -> {
                    out.put(key, text(key, value));
                    skip(key + " (kept)", "the file format is the same; $(kamal secrets fetch ...) lines must call the"
                            + " vault's own command line tool instead");
                }
                case "servers" -> out.put(key, servers(value));
                case "env" -> out.put(key, env(key, value));
                case "proxy" -> proxy(value, caddy, healthCheck);
                case "healthcheck" -> kamalOneHealthCheck(value, healthCheck);
                case "ssh" -> ssh(value, ssh);
                case "sshkit" -> sshkit(value, ssh);
                case "boot" -> out.put(key, boot(value));
                case "image" -> skip(key, "there is no container image: the release is a jlink runtime, the app's jars"
                        + " and a launcher built from this Maven project");
                case "registry" -> skip(key, "there is no registry: releases go to the servers over SSH, only the layers"
                        + " a host lacks");
                case "builder" -> skip(key, "Maven builds the release (mvn xamal:build); JVM and jlink settings go under"
                        + " release (jvm_options, runtime, jlink)");
                case "accessories" -> skip(key, "accessories are containers; run databases and other services outside"
                        + " xamal (distribution packages or their own systemd units)");
                case "traefik" -> skip(key, "Caddy replaces Traefik: set caddy.host and caddy.ssl");
                case "aliases" -> skip(key, "Maven cannot define goals from configuration; use a shell alias or a pom"
                        + " execution");
                case "labels", "volumes", "logging", "options" -> skip(key, "container settings have no equivalent:"
                        + " the app runs as a systemd unit (logs: mvn xamal:app-logs, from the journal)");
                case "asset_path" -> skip(key, "asset bridging is not supported: one version serves all requests"
                        + " after the switch");
                case "error_pages_path" -> skip(key, "use release.maintenance_page for the page shown in maintenance");
                case "stop_timeout" -> skip(key, "the old instance stops after drain_timeout at most; set drain_timeout");
                case "run_directory" -> skip(key, "xamal keeps its state under /opt/xamal/<app> and ~/.xamal");
                case "minimum_version" -> skip(key, "pin the plugin's <version> in your pom instead");
                case "allow_empty_roles" -> skip(key, "every role needs at least one host; remove empty roles");
                case "primary_role_hosts", "hooks_output", "output" -> skip(key, "no equivalent; use -Dxamal.verbose"
                        + " or -Dxamal.quiet");
                default -> skip(key, key.startsWith("x-")
                        ? "YAML anchors were expanded where they are used; the x- key itself is not copied"
                        : "not a Kamal key this converter knows");
            }
        }
        if (!caddy.isEmpty()) {
            out.put("caddy", caddy);
        }
        if (!ssh.isEmpty()) {
            out.put("ssh", ssh);
        }
        if (!overlay && !healthCheck.containsKey("path")) {
            healthCheck.put("path", KAMAL_HEALTH_PATH);
        }
        if (!healthCheck.isEmpty()) {
            out.put("health_check", healthCheck);
        }
        return ordered(out);
    }

    /** The keys in the order the sample configuration uses. */
    private static Map<String, Object> ordered(Map<String, Object> out) {
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (String key : List.of("service", "servers", "primary_role", "ssh", "caddy", "env", "health_check",
                "deploy_timeout", "readiness_delay", "drain_timeout", "boot", "retain_releases",
                "require_destination", "hooks_path", "secrets_path")) {
            if (out.containsKey(key)) {
                ordered.put(key, out.get(key));
            }
        }
        return ordered;
    }

    private Object servers(Object value) {
        if (value instanceof List<?> list) {
            return hosts("servers", list);
        }
        if (!(value instanceof Map<?, ?> map)) {
            return value;
        }
        Map<String, Object> roles = new LinkedHashMap<>();
        stringKeys(map).forEach((role, settings) -> {
            String path = "servers." + role;
            if (settings instanceof List<?> list) {
                roles.put(role, hosts(path, list));
            } else if (settings instanceof Map<?, ?> roleMap) {
                roles.put(role, role(path, stringKeys(roleMap)));
            } else {
                roles.put(role, settings);
            }
        });
        return roles;
    }

    private Map<String, Object> role(String path, Map<String, Object> settings) {
        Map<String, Object> role = new LinkedHashMap<>();
        settings.forEach((key, value) -> {
            String keyPath = path + "." + key;
            switch (key) {
                case "hosts" -> role.put(key, value instanceof List<?> list ? hosts(keyPath, list) : value);
                case "tags" -> role.put(key, value);
                case "env" -> role.put(key, env(keyPath, value));
                case "proxy" -> {
                    if (value instanceof Map<?, ?> proxy) {
                        role.put("proxy", true);
                        stringKeys(proxy).keySet().forEach(k -> skip(keyPath + "." + k,
                                "per-role proxy settings are not supported; the role is proxied with the top-level"
                                        + " caddy settings"));
                    } else {
                        role.put(key, value);
                    }
                }
                case "cmd" -> skip(keyPath, "it is a container command; xamal's cmd is the launcher's arguments,"
                        + " e.g. run com.example.Worker");
                case "options", "labels", "logging", "volumes" -> skip(keyPath, "container settings have no"
                        + " equivalent: the role runs as a systemd unit");
                case "asset_path" -> skip(keyPath, "asset bridging is not supported");
                case "stop_timeout" -> skip(keyPath, "the old instance stops after drain_timeout at most");
                default -> skip(keyPath, "not a Kamal role key this converter knows");
            }
        });
        return role;
    }

    private List<Object> hosts(String path, List<?> hosts) {
        List<Object> out = new ArrayList<>();
        for (Object host : hosts) {
            out.add(host instanceof String text ? erb(path, text) : host);
        }
        return out;
    }

    private Object env(String path, Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return value;
        }
        Map<String, Object> kamal = stringKeys(map);
        boolean structured = kamal.keySet().stream().allMatch(k -> k.equals("clear") || k.equals("secret")
                || k.equals("tags"));
        Map<String, Object> env = new LinkedHashMap<>();
        if (!structured) {
            env.put("clear", clear(path, kamal));
            return env;
        }
        if (kamal.get("clear") instanceof Map<?, ?> clear) {
            env.put("clear", clear(path + ".clear", stringKeys(clear)));
        } else if (kamal.containsKey("clear")) {
            env.put("clear", kamal.get("clear"));
        }
        if (kamal.containsKey("secret")) {
            env.put("secret", secret(path + ".secret", kamal.get("secret")));
        }
        if (kamal.get("tags") instanceof Map<?, ?> tags) {
            Map<String, Object> tagEnvs = new LinkedHashMap<>();
            stringKeys(tags).forEach((tag, tagEnv) -> {
                Object converted = env(path + ".tags." + tag, tagEnv);
                if (converted instanceof Map<?, ?> convertedMap) {
                    convertedMap.remove("tags");
                }
                tagEnvs.put(tag, converted);
            });
            env.put("tags", tagEnvs);
        } else if (kamal.containsKey("tags")) {
            env.put("tags", kamal.get("tags"));
        }
        return env;
    }

    private Map<String, Object> clear(String path, Map<String, Object> clear) {
        Map<String, Object> out = new LinkedHashMap<>();
        clear.forEach((name, value) -> {
            if (name.equals("PORT")) {
                skip(path + ".PORT", "xamal sets PORT to the blue or green port; have the app listen on $PORT");
            } else {
                out.put(name, value instanceof String text ? erb(path + "." + name, text) : value);
            }
        });
        return out;
    }

    private Object secret(String path, Object value) {
        if (!(value instanceof List<?> list)) {
            return value;
        }
        List<Object> out = new ArrayList<>();
        for (Object item : list) {
            if (item instanceof String name && (name.equals("PORT") || name.startsWith("PORT:"))) {
                skip(path + ".PORT", "xamal sets PORT to the blue or green port");
            } else {
                out.add(item);
            }
        }
        return out;
    }

    private void proxy(Object value, Map<String, Object> caddy, Map<String, Object> healthCheck) {
        mapAt("proxy", value, "expected a map; set caddy.host and caddy.ssl").forEach((key, setting) -> {
            String path = "proxy." + key;
            switch (key) {
                case "host" -> caddy.put("host", setting instanceof String s ? erb(path, s) : setting);
                case "hosts" -> caddy.put("hosts", setting);
                case "ssl" -> {
                    if (setting instanceof Boolean) {
                        caddy.put("ssl", setting);
                    } else {
                        skip(path, "custom certificates are not supported; ssl is true (ACME), false or internal");
                    }
                }
                case "healthcheck" -> healthCheck(path, setting, healthCheck);
                case "app_port" -> skip(path, "the app listens on $PORT, which xamal sets; caddy.app_port picks the"
                        + " blue port of the pair (default 4000)");
                case "response_timeout", "buffering", "forward_headers", "ssl_redirect", "logging", "path_prefix",
                        "strip_path_prefix", "run" -> skip(path, "no Caddy setting for it in xamal yet; Caddy's"
                        + " defaults apply (HTTP redirects to HTTPS when ssl is on)");
                default -> skip(path, "not a Kamal proxy key this converter knows");
            }
        });
    }

    private void healthCheck(String path, Object value, Map<String, Object> healthCheck) {
        mapAt(path, value, "expected a map with path, interval and timeout").forEach((key, setting) -> {
            switch (key) {
                case "path" -> healthCheck.put("path", setting);
                case "interval", "timeout" -> putSeconds(healthCheck, key, path + "." + key, setting);
                default -> skip(path + "." + key, "no equivalent: any 2xx answer to health_check.path is healthy");
            }
        });
    }

    private void kamalOneHealthCheck(Object value, Map<String, Object> healthCheck) {
        mapAt("healthcheck", value, "expected a map").forEach((key, setting) -> {
            switch (key) {
                case "path" -> healthCheck.put("path", setting);
                case "interval" -> putSeconds(healthCheck, key, "healthcheck." + key, setting);
                default -> skip("healthcheck." + key, "no equivalent: health_check has path, interval and timeout;"
                        + " deploy_timeout bounds the wait");
            }
        });
    }

    private void ssh(Object value, Map<String, Object> ssh) {
        mapAt("ssh", value, "expected a map").forEach((key, setting) -> {
            String path = "ssh." + key;
            switch (key) {
                case "user", "port", "keys", "key_data" -> ssh.put(key, setting);
                case "proxy" -> ssh.put(key, setting instanceof String s ? erb(path, s) : setting);
                case "config" -> {
                    if (setting instanceof Boolean) {
                        ssh.put(key, setting);
                    } else {
                        skip(path, "ssh.config is true (~/.ssh/config) or false; other config files are not read");
                    }
                }
                case "proxy_command" -> skip(path, "only jump hosts are supported: set ssh.proxy to [user@]host");
                case "keys_only" -> skip(path, "no equivalent: the agent's keys are offered with ssh.keys");
                case "forward_agent" -> skip(path, "the agent is never forwarded");
                case "log_level" -> skip(path, "use -Dxamal.verbose or Maven's -X");
                default -> skip(path, "not a Kamal ssh key this converter knows");
            }
        });
    }

    private void sshkit(Object value, Map<String, Object> ssh) {
        mapAt("sshkit", value, "expected a map").forEach((key, setting) -> {
            if (key.equals("max_concurrent_starts")) {
                ssh.put(key, setting);
            } else {
                skip("sshkit." + key, "no equivalent: sessions stay pooled for the whole run");
            }
        });
    }

    private Object boot(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return value;
        }
        Map<String, Object> boot = new LinkedHashMap<>();
        stringKeys(map).forEach((key, setting) -> {
            switch (key) {
                case "limit" -> boot.put(key, setting);
                case "wait" -> putSeconds(boot, key, "boot.wait", setting);
                case "parallel_roles" -> skip("boot.parallel_roles", "roles on one host boot one after another");
                default -> skip("boot." + key, "not a Kamal boot key this converter knows");
            }
        });
        return boot;
    }

    /** Puts a number of seconds, accepting Kamal's {@code "10s"} and {@code "2m"} forms too. */
    private void putSeconds(Map<String, Object> out, String key, String path, Object value) {
        if (value instanceof Integer || value instanceof Long) {
            out.put(key, value);
            return;
        }
        Matcher duration = DURATION.matcher(String.valueOf(value).strip());
        if (duration.matches()) {
            long seconds = Long.parseLong(duration.group(1)) * ("m".equals(duration.group(2)) ? 60 : 1);
            out.put(key, seconds);
        } else {
            skip(path, "'" + value + "' is not a whole number of seconds; set " + key + " by hand");
        }
    }

    private String text(String path, Object value) {
        return value instanceof String s ? erb(path, s) : String.valueOf(value);
    }

    /** Rewrites {@code <%= ENV["X"] %>} into the template {@code {{ env.X }}}; reports any other ERB. */
    private String erb(String path, String value) {
        String converted = ERB_ENV.matcher(value).replaceAll(m ->
                Matcher.quoteReplacement("{{ env." + (m.group(1) != null ? m.group(1) : m.group(2)) + " }}"));
        if (converted.contains("<%")) {
            skip(path + " (kept)", "ERB is not evaluated: rewrite '" + value + "' as a {{ }} template (env.NAME,"
                    + " destination)");
        }
        return converted;
    }

    /** The value's entries when it is a map; otherwise none, and the key is reported. */
    private Map<String, Object> mapAt(String path, Object value, String expectation) {
        if (value instanceof Map<?, ?> map) {
            return stringKeys(map);
        }
        skip(path, expectation);
        return Map.of();
    }

    private void skip(String key, String reason) {
        skipped.add(new KamalConversion.Skipped(key, reason));
    }

    private String header() {
        StringBuilder header = new StringBuilder("# Converted from the Kamal configuration " + file
                + " by mvn xamal:init.\n# Check it with mvn xamal:config");
        header.append(overlay ? " -Dxamal.destination=<destination>.\n" : ".\n");
        if (!overlay) {
            header.append("# The release is built from this Maven project (see mvn xamal:docs -Dxamal.topic=release).\n");
        }
        if (!skipped.isEmpty()) {
            header.append("#\n# Not carried over:\n");
            for (KamalConversion.Skipped skip : skipped) {
                header.append("#   ").append(skip.line().replace("\n", " ")).append('\n');
            }
        }
        return header.append('\n').toString();
    }

    private static String dump(Map<String, Object> xamal) {
        if (xamal.isEmpty()) {
            return "{}\n";
        }
        return ConfigDocument.blockYaml(xamal, 120);
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }
}
