package dev.xamal.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Invalid configurations: each must fail with a {@link ConfigException} naming the file, the full
 * key path and what to change.
 */
class InvalidConfigTest {
    private static final String BASE = "config/xamal.yml";
    private static final String OK_SERVERS = "servers:\n  - h1.example.com\n";

    @TempDir
    Path dir;

    static Stream<Arguments> invalidConfigurations() {
        return Stream.of(
                // Xamal's six rules
                invalid("service with a dot", "service: my.app\n" + OK_SERVERS,
                        "service", "Service name can only include alphanumeric characters, hyphens, and underscores"),
                invalid("service upper case", "service: MyApp\n" + OK_SERVERS,
                        "service", "'MyApp' does not"),
                invalid("no servers key", "service: app\n",
                        "servers", "No servers specified"),
                invalid("empty servers list", "service: app\nservers: []\n",
                        "servers", "No servers specified"),
                invalid("primary role not defined", "service: app\nservers:\n  app: [h1]\n",
                        "servers", "The primary_role 'web' isn't defined; add a role 'web' under servers or set primary_role to one of app"),
                invalid("explicit primary role not defined", "service: app\nprimary_role: api\nservers:\n  web: [h1]\n",
                        "primary_role", "The primary_role 'api' isn't defined"),
                invalid("primary role without hosts", "service: app\nservers:\n  web: []\n  worker: [h2]\n",
                        "servers.web", "No servers specified for the web primary_role"),
                invalid("retain zero releases", "service: app\n" + OK_SERVERS + "retain_releases: 0\n",
                        "retain_releases", "Must retain at least 1 release"),
                invalid("maintenance page not HTML", "service: app\n" + OK_SERVERS
                                + "release:\n  maintenance_page: public/503.txt\n",
                        "release.maintenance_page", "must be an HTML file ending in .html or .htm"),
                invalid("require destination without one", "service: app\n" + OK_SERVERS + "require_destination: true\n",
                        "require_destination", "You must specify a destination; run with -Dxamal.destination=<name>"),
                // presence and types
                invalid("service missing", OK_SERVERS,
                        "service", "is missing; set it to your app's name"),
                invalid("service is a list", "service: [a]\n" + OK_SERVERS,
                        "service", "must be text, not a list"),
                invalid("service is a boolean", "service: yes\n" + OK_SERVERS,
                        "service", "must be text, not true; quote it"),
                invalid("servers is a number", "service: app\nservers: 3\n",
                        "servers", "must be a list of hosts or a map of roles to hosts"),
                invalid("ssh is a list", "service: app\n" + OK_SERVERS + "ssh: [root]\n",
                        "ssh", "must be a map with the keys"),
                invalid("ssh port is text", "service: app\n" + OK_SERVERS + "ssh:\n  port: twenty\n",
                        "ssh.port", "must be a whole number, not the text 'twenty'"),
                invalid("ssh config not boolean", "service: app\n" + OK_SERVERS + "ssh:\n  config: maybe\n",
                        "ssh.config", "must be true or false, not the text 'maybe'"),
                invalid("env clear is a list", "service: app\n" + OK_SERVERS + "env:\n  clear: [A]\n",
                        "env.clear", "must be a map, not a list"),
                invalid("env clear value is a map", "service: app\n" + OK_SERVERS + "env:\n  clear:\n    A: {b: 1}\n",
                        "env.clear.A", "must be a single value, not a map"),
                invalid("jvm options not a list", "service: app\n" + OK_SERVERS + "release:\n  jvm_options: -Xmx1g\n",
                        "release.jvm_options", "must be a list (one '- item' per line), not the text '-Xmx1g'"),
                invalid("number key", "service: app\n" + OK_SERVERS + "env:\n  clear:\n    1: x\n",
                        "env.clear.1", "a key must be text, not the number 1; quote it"),
                invalid("number too large", "service: app\n" + OK_SERVERS + "deploy_timeout: 99999999999\n",
                        "deploy_timeout", "the number 99999999999 is too large"),
                // unknown keys
                invalid("unknown top key near a known one", "service: app\n" + OK_SERVERS + "helth_check:\n  path: /up\n",
                        "helth_check", "unknown key; did you mean 'health_check'?"),
                invalid("unknown nested key near a known one", "service: app\n" + OK_SERVERS + "ssh:\n  usr: deploy\n",
                        "ssh.usr", "unknown key; did you mean 'user'?"),
                invalid("unknown key far from all", "service: app\n" + OK_SERVERS + "caddy:\n  zzzzzzzzzz: 1\n",
                        "caddy.zzzzzzzzzz", "unknown key; known keys here are app_port, host, hosts, ssl"),
                invalid("unknown role key", "service: app\nservers:\n  web:\n    hosts: [h1]\n    comand: run x\n",
                        "servers.web.comand", "unknown key; did you mean 'cmd'?"),
                invalid("unknown key in tag env", "service: app\n" + OK_SERVERS + "env:\n  tags:\n    gpu:\n      cleer: {}\n",
                        "env.tags.gpu.cleer", "unknown key; did you mean 'clear'?"),
                // ports and ranges
                invalid("ssh port zero", "service: app\n" + OK_SERVERS + "ssh:\n  port: 0\n",
                        "ssh.port", "port 0 is out of range; use a port from 1 to 65535"),
                invalid("ssh port too high", "service: app\n" + OK_SERVERS + "ssh:\n  port: 70000\n",
                        "ssh.port", "port 70000 is out of range"),
                invalid("app port leaves no green port", "service: app\n" + OK_SERVERS + "caddy:\n  app_port: 65535\n",
                        "caddy.app_port", "use a port from 1 to 65534"),
                invalid("host port out of range", "service: app\nservers:\n  - h1:70000\n",
                        "servers[0]", "the port 70000 is not from 1 to 65535"),
                // hosts
                invalid("host with a space", "service: app\nservers:\n  - \"h1 h2\"\n",
                        "servers[0]", "host 'h1 h2' is malformed: it contains whitespace; write host, host:port, user@host, [v6] or [v6]:port"),
                invalid("host with a scheme", "service: app\nservers:\n  web:\n    - ssh://h1\n",
                        "servers.web[0]", "is malformed"),
                invalid("host port not a number", "service: app\nservers:\n  - h1:ssh\n",
                        "servers[0]", "the port 'ssh' is not a number"),
                invalid("unbracketed v6 with junk", "service: app\nservers:\n  - \"fe80::zz\"\n",
                        "servers[0]", "is not an IPv6 address"),
                invalid("half a bracket", "service: app\nservers:\n  - \"[2001:db8::1\"\n",
                        "servers[0]", "an IPv6 address needs both brackets"),
                invalid("bad user", "service: app\nservers:\n  - \"bad user@h1\"\n",
                        "servers[0]", "whitespace"),
                invalid("host twice in a role", "service: app\nservers:\n  web: [h1, h2, h1]\n",
                        "servers.web[2]", "host 'h1:22' is listed twice in role web"),
                invalid("host twice with default port written", "service: app\nservers:\n  - h1\n  - deploy@h1:22\n",
                        "servers[1]", "is listed twice in role web"),
                invalid("tagged host with two keys", "service: app\nservers:\n  - {h1: gpu, h2: gpu}\n",
                        "servers[0]", "a tagged host is a map with one key"),
                invalid("host is a list", "service: app\nservers:\n  - [h1]\n",
                        "servers[0]", "a host must be text"),
                invalid("two proxied roles on one host",
                        "service: app\nservers:\n  web: [h1]\n  api:\n    hosts: [h1]\n    proxy: true\n",
                        "servers.api", "host 'h1' is in two proxied roles, web and api"),
                invalid("role name with upper case", "service: app\nservers:\n  Web: [h1]\n",
                        "servers.Web", "role name 'Web' may only contain"),
                // timeouts and counts
                invalid("zero deploy timeout", "service: app\n" + OK_SERVERS + "deploy_timeout: 0\n",
                        "deploy_timeout", "must be at least 1 second, not 0"),
                invalid("negative drain timeout", "service: app\n" + OK_SERVERS + "drain_timeout: -5\n",
                        "drain_timeout", "must be at least 1 second, not -5"),
                invalid("zero health check interval", "service: app\n" + OK_SERVERS + "health_check:\n  interval: 0\n",
                        "health_check.interval", "must be at least 1 second"),
                invalid("zero health check timeout", "service: app\n" + OK_SERVERS + "health_check:\n  timeout: 0\n",
                        "health_check.timeout", "must be at least 1 second"),
                invalid("zero connect timeout", "service: app\n" + OK_SERVERS + "ssh:\n  connect_timeout: 0\n",
                        "ssh.connect_timeout", "must be at least 1 second"),
                invalid("negative readiness delay", "service: app\n" + OK_SERVERS + "readiness_delay: -1\n",
                        "readiness_delay", "must be 0 seconds or more, not -1"),
                invalid("float timeout", "service: app\n" + OK_SERVERS + "deploy_timeout: 1.5\n",
                        "deploy_timeout", "must be a whole number, not the number 1.5"),
                invalid("boot limit zero percent", "service: app\n" + OK_SERVERS + "boot:\n  limit: 0%\n",
                        "boot.limit", "percentage 0% must be from 1% to 100%"),
                invalid("boot limit garbage", "service: app\n" + OK_SERVERS + "boot:\n  limit: half\n",
                        "boot.limit", "'half' must be a number of hosts (2) or a percentage (25%)"),
                invalid("boot limit zero", "service: app\n" + OK_SERVERS + "boot:\n  limit: 0\n",
                        "boot.limit", "must be at least 1 host, not 0"),
                // env
                invalid("PORT in env clear", "service: app\n" + OK_SERVERS + "env:\n  clear:\n    PORT: 8080\n",
                        "env.clear.PORT", "PORT is set by xamal"),
                invalid("PORT in role env", "service: app\nservers:\n  web:\n    hosts: [h1]\n    env:\n      clear: {PORT: 1}\n",
                        "servers.web.env.clear.PORT", "PORT is set by xamal"),
                invalid("PORT as a secret", "service: app\n" + OK_SERVERS + "env:\n  secret: [PORT]\n",
                        "env.secret[0]", "PORT is set by xamal"),
                invalid("env name with a dash", "service: app\n" + OK_SERVERS + "env:\n  clear:\n    MY-VAR: x\n",
                        "env.clear.MY-VAR", "'MY-VAR' is not a valid name for an environment variable name"),
                invalid("secret without key", "service: app\n" + OK_SERVERS + "env:\n  secret: [\"DB:\"]\n",
                        "env.secret[0]", "'DB:' names no secret after ':'"),
                invalid("secret listed twice", "service: app\n" + OK_SERVERS + "env:\n  secret: [A, A]\n",
                        "env.secret[1]", "A is listed twice"),
                invalid("clear and secret clash", "service: app\n" + OK_SERVERS + "env:\n  clear: {A: x}\n  secret: [A]\n",
                        "env.secret[0]", "A is both in clear and in secret"),
                // choices
                invalid("bad ssl", "service: app\n" + OK_SERVERS + "caddy:\n  ssl: acme\n",
                        "caddy.ssl", "must be one of"),
                invalid("bad host key checking", "service: app\n" + OK_SERVERS + "ssh:\n  host_key_checking: no\n",
                        "ssh.host_key_checking", "must be one of"),
                invalid("bad runtime", "service: app\n" + OK_SERVERS + "release:\n  runtime: docker\n",
                        "release.runtime", "must be one of"),
                invalid("bad backend", "service: app\n" + OK_SERVERS + "backend: kubernetes\n",
                        "backend", "must be one of"),
                invalid("hostkit without path", "service: app\n" + OK_SERVERS + "backend: hostkit\nhostkit:\n  config: infra/host.exs\n",
                        "hostkit.host_kit_path", "is missing; backend is hostkit"),
                // other values
                invalid("health path without slash", "service: app\n" + OK_SERVERS + "health_check:\n  path: health\n",
                        "health_check.path", "must be an HTTP path starting with '/'"),
                invalid("caddy host with scheme", "service: app\n" + OK_SERVERS + "caddy:\n  host: https://app.example.com\n",
                        "caddy.host", "must be a bare hostname without scheme or path"),
                invalid("main class with slash", "service: app\n" + OK_SERVERS + "release:\n  main_class: com/example/Main\n",
                        "release.main_class", "is not a Java class name"),
                invalid("ssh user with space", "service: app\n" + OK_SERVERS + "ssh:\n  user: \"my user\"\n",
                        "ssh.user", "is not a valid user name"),
                invalid("empty hooks path", "service: app\n" + OK_SERVERS + "hooks_path: \"\"\n",
                        "hooks_path", "is empty"),
                invalid("malformed ssh proxy", "service: app\n" + OK_SERVERS + "ssh:\n  proxy: \"jump host\"\n",
                        "ssh.proxy", "is malformed"),
                // file level
                invalid("top level is a list", "- service: app\n",
                        "", "the file must be a map of keys"),
                invalid("yaml syntax error", "service: app\nservers:\n  - h1\n bad: [\n",
                        "", "line 4, column 2: YAML syntax error"),
                invalid("duplicate key", "service: app\nservice: other\n" + OK_SERVERS,
                        "service", "the key is written twice in the same map (lines 1 and 2); keep one"),
                invalid("duplicate nested key", "service: app\n" + OK_SERVERS + "ssh:\n  user: a\n  port: 22\n  user: b\n",
                        "ssh.user", "the key is written twice in the same map (lines 5 and 7); keep one"),
                invalid("undefined template variable", "service: app\n" + OK_SERVERS + "caddy:\n  host: {{ env.NOPE }}\n",
                        "", "line 5: template error: Unknown token found: env.NOPE"),
                invalid("template syntax error", "service: app\n{% if %}\n" + OK_SERVERS,
                        "", "template error"),
                invalid("self-referencing alias", "service: app\n" + OK_SERVERS + "x-loop: &a [*a]\n",
                        "", "self-referencing"),
                invalid("alias bomb", aliasBomb(),
                        "", "alias bomb"));
    }

    private static String aliasBomb() {
        StringBuilder yaml = new StringBuilder("service: app\n" + OK_SERVERS + "x-a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        String previous = "a";
        for (char level = 'b'; level <= 'h'; level++) {
            yaml.append("x-").append(level).append(": &").append(level).append(" [");
            for (int i = 0; i < 10; i++) {
                yaml.append(i == 0 ? "" : ", ").append('*').append(previous);
            }
            yaml.append("]\n");
            previous = String.valueOf(level);
        }
        return yaml.toString();
    }

    private static Arguments invalid(String name, String yaml, String keyPath, String message) {
        return Arguments.of(name, yaml, keyPath, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidConfigurations")
    void isRefusedWithFileKeyPathAndWhatToChange(String name, String yaml, String keyPath, String message) {
        ConfigFiles files = new ConfigFiles(dir).base(yaml);

        ConfigException e = catchThrowableOfType(ConfigException.class, files::load);

        assertThat(e).as(name).isNotNull();
        assertThat(e.file()).isEqualTo(BASE);
        assertThat(e.keyPath()).isEqualTo(keyPath);
        assertThat(e.getMessage()).startsWith(keyPath.isEmpty() ? BASE + ": " : BASE + ": " + keyPath + ": ");
        assertThat(e.getMessage()).contains(message);
    }
}
