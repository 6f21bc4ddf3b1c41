package dev.xamal.core.config;

import dev.xamal.core.config.ReleaseConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the merged configuration map into the validated {@link XamalConfig}: every key of the
 * schema, its type, its range and the rules across keys.
 */
final class ConfigModelReader {
    static final Pattern NAME = Pattern.compile("[a-z0-9_-]+");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern UNIX_USER = Pattern.compile("[a-z_][a-z0-9_-]*[$]?");
    private static final Pattern RELEASE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    private static final Pattern JAVA_CLASS =
            Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");
    private static final Pattern CADDY_HOST = Pattern.compile("[A-Za-z0-9*_.:\\[\\]-]+");
    private static final Pattern BOOT_PERCENT = Pattern.compile("([0-9]{1,3})%");

    static final Set<String> TOP_KEYS = Set.of("service", "servers", "primary_role", "ssh", "caddy", "env",
            "release", "health_check", "deploy_timeout", "readiness_delay", "drain_timeout", "boot",
            "retain_releases", "require_destination", "hooks_path", "secrets_path", "backend", "hostkit");
    static final Set<String> ROLE_KEYS = Set.of("hosts", "cmd", "env", "tags", "proxy");
    static final Set<String> SSH_KEYS = Set.of("user", "port", "keys", "key_data", "server_id", "proxy", "config",
            "host_key_checking", "known_hosts_file", "connect_timeout", "max_concurrent_starts", "keepalive");
    static final Set<String> CADDY_KEYS = Set.of("host", "hosts", "app_port", "ssl");
    static final Set<String> ENV_KEYS = Set.of("clear", "secret", "tags");
    static final Set<String> TAG_ENV_KEYS = Set.of("clear", "secret");
    static final Set<String> RELEASE_KEYS = Set.of("name", "main_class", "jvm_options", "runtime", "jlink",
            "console", "migrate", "maintenance_page", "user");
    static final Set<String> JLINK_KEYS = Set.of("add_modules", "jmods");
    static final Set<String> HEALTH_CHECK_KEYS = Set.of("path", "interval", "timeout");
    static final Set<String> BOOT_KEYS = Set.of("limit", "wait");
    static final Set<String> HOSTKIT_KEYS = Set.of("manifest", "host_kit_path", "config", "plan_out", "args");

    private final ConfigSources sources;
    private final Optional<String> destination;
    private final List<Path> files;

    ConfigModelReader(ConfigSources sources, Optional<String> destination, List<Path> files) {
        this.sources = sources;
        this.destination = destination;
        this.files = files;
    }

    XamalConfig read(Map<?, ?> merged) {
        ConfigValue root = new ConfigValue(merged, KeyPath.ROOT, sources).requireKeys(TOP_KEYS);

        // Xamal's rules first, in its order.
        String service = service(root.get("service"));
        ConfigValue servers = root.get("servers");
        boolean requireDestination = root.get("require_destination").bool(false);
        int retainReleases = root.get("retain_releases").integer(XamalConfig.DEFAULT_RETAIN_RELEASES);

        SshConfig ssh = ssh(root.get("ssh"), service);
        EnvConfig globalEnv = env(root.get("env"), true);
        ConfigValue primaryValue = root.get("primary_role");
        String primaryRole = primaryValue.text(XamalConfig.DEFAULT_PRIMARY_ROLE);
        if (!NAME.matcher(primaryRole).matches()) {
            throw primaryValue.fail("role name '" + primaryRole
                    + "' may only contain lower-case letters, digits, '-' and '_'");
        }
        List<Role> roles = roles(servers, primaryRole, globalEnv, ssh.port());
        if (roles.isEmpty()) {
            throw servers.fail("No servers specified; list at least one host under servers");
        }
        Role primary = roles.stream().filter(r -> r.name().equals(primaryRole)).findFirst()
                .orElseThrow(() -> (primaryValue.isAbsent() ? servers : primaryValue).fail("The primary_role '"
                        + primaryRole + "' isn't defined; add a role '" + primaryRole
                        + "' under servers or set primary_role to one of " + String.join(", ",
                                roles.stream().map(Role::name).toList())));
        if (primary.hosts().isEmpty()) {
            throw servers.get(primaryRole).fail("No servers specified for the " + primaryRole
                    + " primary_role; give it at least one host");
        }
        if (retainReleases < 1) {
            throw root.get("retain_releases").fail("Must retain at least 1 release; set retain_releases to 1 or more");
        }
        if (requireDestination && destination.isEmpty()) {
            throw root.get("require_destination").fail("You must specify a destination; run with "
                    + "-Dxamal.destination=<name> (a config/xamal.<name>.yml must exist)");
        }
        requireOneProxiedRolePerHost(roles, servers);

        ConfigValue backendValue = root.get("backend");
        Backend backend = backendValue.choice(Backend.values(), Backend.SSH);
        HostKitConfig hostkit = hostkit(root.get("hostkit"), service);
        if (backend == Backend.HOSTKIT) {
            if (hostkit.hostKitPath().isEmpty()) {
                throw root.get("hostkit").get("host_kit_path").fail(
                        "is missing; backend is hostkit, so set it to the HostKit project directory");
            }
            if (hostkit.config().isEmpty()) {
                throw root.get("hostkit").get("config").fail(
                        "is missing; backend is hostkit, so set it to the HostKit host configuration file");
            }
        }

        return new XamalConfig(
                service,
                destination,
                roles,
                primaryRole,
                ssh,
                caddy(root.get("caddy")),
                globalEnv,
                release(root.get("release"), service, ssh.user()),
                healthCheck(root.get("health_check")),
                root.get("deploy_timeout").positive(XamalConfig.DEFAULT_DEPLOY_TIMEOUT, "second"),
                root.get("readiness_delay").nonNegative(XamalConfig.DEFAULT_READINESS_DELAY, "seconds"),
                root.get("drain_timeout").positive(XamalConfig.DEFAULT_DRAIN_TIMEOUT, "second"),
                boot(root.get("boot")),
                retainReleases,
                requireDestination,
                root.get("hooks_path").optionalNonBlank("a directory").orElse(XamalConfig.DEFAULT_HOOKS_PATH),
                root.get("secrets_path").optionalNonBlank("a file path").orElse(XamalConfig.DEFAULT_SECRETS_PATH),
                backend,
                hostkit,
                files);
    }

    private static String service(ConfigValue value) {
        String service = value.requiredText("your app's name, e.g. service: my-app");
        if (!NAME.matcher(service).matches()) {
            throw value.fail("Service name can only include alphanumeric characters, hyphens, and underscores"
                    + " (lower-case letters, digits, '-' and '_'); '" + service + "' does not");
        }
        return service;
    }

    private List<Role> roles(ConfigValue servers, String primaryRole, EnvConfig globalEnv, int defaultPort) {
        if (servers.isAbsent()) {
            throw servers.fail("No servers specified; add servers: with a list of hosts");
        }
        List<Role> roles = new ArrayList<>();
        if (servers.isList()) {
            if (servers.items().isEmpty()) {
                return roles;
            }
            roles.add(role("web", servers, null, primaryRole, globalEnv, defaultPort));
            return roles;
        }
        if (!servers.isMap()) {
            throw servers.fail("must be a list of hosts or a map of roles to hosts");
        }
        for (Map.Entry<String, ConfigValue> entry : servers.entries()) {
            String name = entry.getKey();
            ConfigValue value = entry.getValue();
            if (!NAME.matcher(name).matches()) {
                throw value.fail("role name '" + name + "' may only contain lower-case letters, digits, '-' and '_'");
            }
            if (value.isMap()) {
                value.requireKeys(ROLE_KEYS);
                roles.add(role(name, value.get("hosts"), value, primaryRole, globalEnv, defaultPort));
            } else if (value.isAbsent()) {
                continue; // an empty role, e.g. one a destination unsets
            } else if (value.isList()) {
                roles.add(role(name, value, null, primaryRole, globalEnv, defaultPort));
            } else {
                throw value.fail("must be a list of hosts or a map with hosts (and cmd, env, tags, proxy)");
            }
        }
        return roles;
    }

    private Role role(String name, ConfigValue hostList, ConfigValue settings, String primaryRole,
            EnvConfig globalEnv, int defaultPort) {
        List<String> roleTags = settings == null ? List.of() : tags(settings.get("tags"));
        List<Host> hosts = new ArrayList<>();
        Map<String, List<String>> hostTags = new LinkedHashMap<>();
        for (ConfigValue item : hostList.items()) {
            List<String> tags = new ArrayList<>(roleTags);
            ConfigValue hostText = item;
            if (item.isMap()) {
                List<Map.Entry<String, ConfigValue>> entries = item.entries();
                if (entries.size() != 1) {
                    throw item.fail("a tagged host is a map with one key, the host (- host: [tag, ...]); this one has "
                            + entries.size());
                }
                Map.Entry<String, ConfigValue> only = entries.get(0);
                hostText = new ConfigValue(only.getKey(), item.path(), sources);
                tags.addAll(tags(only.getValue()));
            }
            Host host = host(hostText).withDefaultPort(defaultPort);
            if (hosts.contains(host)) {
                throw item.fail("host '" + host.id(defaultPort) + "' is listed twice in role " + name
                        + "; a host's identity is its name plus SSH port, remove one entry");
            }
            hosts.add(host);
            if (!tags.isEmpty()) {
                hostTags.put(host.id(), tags.stream().distinct().toList());
            }
        }
        Optional<String> cmd = Optional.empty();
        EnvConfig env = globalEnv;
        boolean proxy = name.equals(primaryRole);
        if (settings != null) {
            cmd = settings.get("cmd").optionalNonBlank("the launcher arguments, e.g. run com.example.Worker");
            env = globalEnv.mergedWith(env(settings.get("env"), true));
            proxy = settings.get("proxy").bool(proxy);
        }
        return new Role(name, hosts, hostTags, cmd, env, proxy);
    }

    private static Host host(ConfigValue value) {
        if (value.isMap() || value.isList() || value.isAbsent()) {
            throw value.fail("a host must be text like host, host:port or user@host, not "
                    + (value.isAbsent() ? "nothing" : value.isMap() ? "a map" : "a list"));
        }
        String text = value.requiredText("a host, e.g. 192.0.2.10 or deploy@app1.example.com:2222");
        try {
            return Host.parse(text);
        } catch (IllegalArgumentException e) {
            throw value.fail(e.getMessage());
        }
    }

    private static List<String> tags(ConfigValue value) {
        if (value.isAbsent()) {
            return List.of();
        }
        if (value.isList()) {
            return value.textList("a tag name");
        }
        return List.of(value.requiredText("a tag name or a list of tag names"));
    }

    private static void requireOneProxiedRolePerHost(List<Role> roles, ConfigValue servers) {
        Map<Host, String> proxiedBy = new LinkedHashMap<>();
        for (Role role : roles) {
            if (!role.proxy()) {
                continue;
            }
            for (Host host : role.hosts()) {
                String other = proxiedBy.putIfAbsent(host, role.name());
                if (other != null) {
                    throw servers.get(role.name()).fail("host '" + host.id() + "' is in two proxied roles, " + other
                            + " and " + role.name() + "; Caddy routes a host to one role only, set proxy: false on one");
                }
            }
        }
    }

    private static SshConfig ssh(ConfigValue value, String service) {
        value.requireKeys(SSH_KEYS);
        ConfigValue user = value.get("user");
        String userName = user.text(SshConfig.DEFAULT_USER);
        requireUnixUser(user, userName);
        ConfigValue proxy = value.get("proxy");
        Optional<String> proxyHost = proxy.optionalNonBlank("a jump host, [user@]host[:port]");
        proxyHost.ifPresent(p -> host(proxy));
        List<String> keyData = value.get("key_data").textList("the name of a secret holding a private key");
        for (int i = 0; i < keyData.size(); i++) {
            requireEnvName(value.get("key_data").items().get(i), keyData.get(i), "a secret name");
        }
        return new SshConfig(
                userName,
                value.get("port").port(SshConfig.DEFAULT_PORT, 65535),
                value.get("keys").textList("a private key file"),
                keyData,
                value.get("server_id").optionalNonBlank("a <server> id of your settings.xml")
                        .orElse(SshConfig.defaultServerId(service)),
                proxyHost,
                value.get("config").bool(true),
                value.get("host_key_checking").choice(SshConfig.HostKeyChecking.values(), SshConfig.HostKeyChecking.STRICT),
                value.get("known_hosts_file").optionalNonBlank("a known_hosts file")
                        .orElse(SshConfig.DEFAULT_KNOWN_HOSTS_FILE),
                value.get("connect_timeout").positive(SshConfig.DEFAULT_CONNECT_TIMEOUT, "second"),
                value.get("max_concurrent_starts").positive(SshConfig.DEFAULT_MAX_CONCURRENT_STARTS, "host"),
                value.get("keepalive").nonNegative(SshConfig.DEFAULT_KEEPALIVE, "seconds"));
    }

    private static void requireUnixUser(ConfigValue value, String user) {
        if (!UNIX_USER.matcher(user).matches() || user.length() > 32) {
            throw value.fail("'" + user + "' is not a valid user name; use lower-case letters, digits, '-' and '_'"
                    + ", starting with a letter");
        }
    }

    private static CaddyConfig caddy(ConfigValue value) {
        value.requireKeys(CADDY_KEYS);
        ConfigValue host = value.get("host");
        Optional<String> hostName = host.optionalNonBlank("the public hostname, e.g. app.example.com");
        hostName.ifPresent(h -> requireCaddyHost(host, h));
        List<ConfigValue> hostItems = value.get("hosts").items();
        List<String> hosts = new ArrayList<>();
        for (ConfigValue item : hostItems) {
            String h = item.requiredText("a hostname");
            requireCaddyHost(item, h);
            hosts.add(h);
        }
        return new CaddyConfig(
                hostName,
                hosts,
                value.get("app_port").port(CaddyConfig.DEFAULT_APP_PORT, 65534),
                value.get("ssl").choice(CaddyConfig.Ssl.values(), CaddyConfig.Ssl.ACME));
    }

    private static void requireCaddyHost(ConfigValue value, String host) {
        if (host.contains("://") || host.contains("/")) {
            throw value.fail("'" + host + "' must be a bare hostname without scheme or path, e.g. app.example.com");
        }
        if (!CADDY_HOST.matcher(host).matches()) {
            throw value.fail("'" + host + "' is not a valid hostname; use letters, digits, '.', '-' (and '*.' for"
                    + " a wildcard)");
        }
    }

    private EnvConfig env(ConfigValue value, boolean allowTags) {
        value.requireKeys(allowTags ? ENV_KEYS : TAG_ENV_KEYS);
        ConfigValue clearValue = value.get("clear");
        Map<String, String> clear = clearValue.textMap();
        for (String name : clear.keySet()) {
            requireEnvName(clearValue.get(name), name, "an environment variable name");
            if (name.equals("PORT")) {
                throw clearValue.get(name).fail("PORT is set by xamal (the blue or green port of caddy.app_port); "
                        + "remove it and read PORT in your app");
            }
        }
        List<SecretRef> secrets = new ArrayList<>();
        for (ConfigValue item : value.get("secret").items()) {
            String entry = item.requiredText("NAME or NAME:SECRET_KEY");
            SecretRef ref = SecretRef.parse(entry);
            requireEnvName(item, ref.variable(), "an environment variable name (NAME or NAME:SECRET_KEY)");
            if (ref.key().isBlank()) {
                throw item.fail("'" + entry + "' names no secret after ':'; write NAME or NAME:SECRET_KEY");
            }
            if (ref.variable().equals("PORT")) {
                throw item.fail("PORT is set by xamal (the blue or green port of caddy.app_port); remove it");
            }
            if (clear.containsKey(ref.variable())) {
                throw item.fail(ref.variable() + " is both in clear and in secret; keep it in one");
            }
            if (secrets.stream().anyMatch(s -> s.variable().equals(ref.variable()))) {
                throw item.fail(ref.variable() + " is listed twice; remove one");
            }
            secrets.add(ref);
        }
        Map<String, EnvConfig> tags = new LinkedHashMap<>();
        if (allowTags) {
            for (Map.Entry<String, ConfigValue> tag : value.get("tags").entries()) {
                tags.put(tag.getKey(), env(tag.getValue(), false));
            }
        }
        return new EnvConfig(clear, secrets, tags);
    }

    private static void requireEnvName(ConfigValue value, String name, String what) {
        if (!ENV_NAME.matcher(name).matches()) {
            throw value.fail("'" + name + "' is not a valid name for " + what
                    + "; use letters, digits and '_', not starting with a digit");
        }
    }

    private static ReleaseConfig release(ConfigValue value, String service, String sshUser) {
        value.requireKeys(RELEASE_KEYS);
        ConfigValue name = value.get("name");
        String releaseName = name.optionalNonBlank("the release name").orElse(ReleaseConfig.defaultName(service));
        if (!RELEASE_NAME.matcher(releaseName).matches()) {
            throw name.fail("'" + releaseName + "' is not a valid release name; use letters, digits, '.', '-' and '_'");
        }
        ConfigValue mainClass = value.get("main_class");
        Optional<String> main = mainClass.optionalNonBlank("a fully qualified class name");
        if (main.isPresent() && !JAVA_CLASS.matcher(main.get()).matches()) {
            throw mainClass.fail("'" + main.get() + "' is not a Java class name; write it like com.example.Main");
        }
        ConfigValue jlink = value.get("jlink").requireKeys(JLINK_KEYS);
        ConfigValue user = value.get("user");
        String runUser = user.text(sshUser);
        requireUnixUser(user, runUser);
        return new ReleaseConfig(
                releaseName,
                main,
                value.get("jvm_options").textList("a JVM option, e.g. -Xmx512m"),
                value.get("runtime").choice(ReleaseConfig.Runtime.values(), ReleaseConfig.Runtime.JLINK),
                new JlinkConfig(jlink.get("add_modules").textList("a module name, e.g. jdk.crypto.ec"),
                        jlink.get("jmods").optionalNonBlank("a jmods directory")),
                value.get("console").optionalNonBlank("a console command"),
                value.get("migrate").optionalNonBlank("a migration main class or launcher arguments"),
                maintenancePage(value.get("maintenance_page")),
                runUser);
    }

    /** {@code release.maintenance_page}: an HTML file (served by its extension's content type). */
    private static Optional<String> maintenancePage(ConfigValue value) {
        Optional<String> page = value.optionalNonBlank("an HTML file, e.g. public/503.html");
        if (page.isPresent() && !page.get().toLowerCase(java.util.Locale.ROOT).matches(".*[^/]\\.html?")) {
            throw value.fail("'" + page.get() + "' must be an HTML file ending in .html or .htm, e.g. public/503.html");
        }
        return page;
    }

    private static HealthCheckConfig healthCheck(ConfigValue value) {
        value.requireKeys(HEALTH_CHECK_KEYS);
        ConfigValue path = value.get("path");
        String healthPath = path.optionalNonBlank("an HTTP path such as /health").orElse(HealthCheckConfig.DEFAULT_PATH);
        if (!healthPath.startsWith("/") || healthPath.chars().anyMatch(Character::isWhitespace)) {
            throw path.fail("'" + healthPath + "' must be an HTTP path starting with '/' and without spaces, e.g. /health");
        }
        return new HealthCheckConfig(
                healthPath,
                value.get("interval").positive(HealthCheckConfig.DEFAULT_INTERVAL, "second"),
                value.get("timeout").positive(HealthCheckConfig.DEFAULT_TIMEOUT, "second"));
    }

    private static BootConfig boot(ConfigValue value) {
        value.requireKeys(BOOT_KEYS);
        ConfigValue limit = value.get("limit");
        Optional<BootLimit> bootLimit = Optional.empty();
        if (!limit.isAbsent()) {
            String text = limit.optionalText().orElseThrow();
            var percent = BOOT_PERCENT.matcher(text);
            if (percent.matches()) {
                int value1 = Integer.parseInt(percent.group(1));
                if (value1 < 1 || value1 > 100) {
                    throw limit.fail("percentage " + value1 + "% must be from 1% to 100%");
                }
                bootLimit = Optional.of(new BootLimit(value1, true));
            } else if (text.matches("[0-9]{1,9}")) {
                int count = Integer.parseInt(text);
                if (count < 1) {
                    throw limit.fail("must be at least 1 host, not " + count);
                }
                bootLimit = Optional.of(new BootLimit(count, false));
            } else {
                throw limit.fail("'" + text + "' must be a number of hosts (2) or a percentage (25%)");
            }
        }
        return new BootConfig(bootLimit, value.get("wait").nonNegative(0, "seconds"));
    }

    private static HostKitConfig hostkit(ConfigValue value, String service) {
        value.requireKeys(HOSTKIT_KEYS);
        return new HostKitConfig(
                value.get("manifest").optionalNonBlank("a file path").orElse(HostKitConfig.defaultManifest(service)),
                value.get("host_kit_path").optionalNonBlank("the HostKit project directory"),
                value.get("config").optionalNonBlank("the HostKit host configuration file"),
                value.get("plan_out").optionalNonBlank("a file path").orElse(HostKitConfig.DEFAULT_PLAN_OUT),
                value.get("args").textList("an argument"));
    }
}
