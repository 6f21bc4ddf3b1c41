package dev.xamal.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Seeded fuzzing: random mutations of a valid configuration (deleted, retyped, renamed,
 * duplicated and re-nested keys, odd unicode) must each load into a valid model or fail with a
 * {@link ConfigException} naming a key path (or, for a text-level duplicate that breaks the YAML,
 * a line) - never with any other exception.
 */
class ConfigFuzzTest {
    private static final long SEED = 20261126L;
    private static final int RUNS = 500;
    private static final String VALID = """
            service: shop
            primary_role: web
            servers:
              web:
                hosts:
                  - app1.example.com
                  - deploy@app2.example.com:2222
                  - "[2001:db8::7]:22"
                  - app3.example.com: [canary]
                env:
                  clear: {ROLE: web}
              worker:
                hosts: [worker1.example.com]
                cmd: run com.example.Worker
                proxy: false
                tags: [jobs]
            ssh:
              user: deploy
              port: 22
              keys: [~/.ssh/id_ed25519]
              key_data: [SSH_KEY]
              proxy: bastion.example.com
              config: true
              host_key_checking: accept-new
              known_hosts_file: ~/.ssh/known_hosts
              connect_timeout: 10
              max_concurrent_starts: 5
              keepalive: 15
            caddy:
              host: shop.example.com
              hosts: [www.shop.example.com]
              app_port: 4000
              ssl: internal
            env:
              clear: {LOG_LEVEL: info, REGION: eu}
              secret: [DB_PASSWORD, API_KEY:SHOP_API_KEY]
              tags:
                canary:
                  clear: {CANARY: "true"}
            release:
              name: shop
              main_class: com.example.Main
              jvm_options: [-Xmx512m]
              runtime: jlink
              jlink: {add_modules: [jdk.crypto.ec], jmods: /opt/jdk/jmods}
              console: jshell
              migrate: com.example.Migrate
              maintenance_page: public/503.html
              user: app
            health_check: {path: /up, interval: 2, timeout: 3}
            deploy_timeout: 90
            readiness_delay: 5
            drain_timeout: 20
            boot: {limit: 25%, wait: 2}
            retain_releases: 3
            require_destination: false
            hooks_path: .xamal/hooks
            secrets_path: .xamal/secrets
            backend: ssh
            hostkit: {manifest: target/m.etf, host_kit_path: ../hostkit, config: infra/host.exs, plan_out: target/p.json, args: [--local]}
            """;
    private static final String[] ODD = {"\u00e9", "\u200b", "\u202e", "\ud83d\ude80", "\u0301", "\u00a0", "\u4e2d",
            "\ufeff", "\u0000", "\t", "\\", "\"", "'", ":", "-", "%", "@", "[", "]"};

    @TempDir
    Path dir;

    private final Random random = new Random(SEED);

    @Test
    void validBaselineLoads() throws Exception {
        assertThat(load(VALID)).isPresent();
    }

    @Test
    void everyMutationGivesAModelOrAConfigErrorNamingAKeyPath() throws Exception {
        int valid = 0;
        int refused = 0;
        for (int run = 0; run < RUNS; run++) {
            String yaml = mutate(run);
            try {
                Optional<XamalConfig> config = load(yaml);
                assertThat(config).isPresent();
                valid++;
            } catch (ConfigException e) {
                boolean located = !e.keyPath().isEmpty() || e.getMessage().matches("(?s).*line \\d+.*");
                if (!located) {
                    fail("run " + run + ": error names no key path or line: " + e.getMessage() + "\n" + yaml);
                }
                refused++;
            } catch (RuntimeException e) {
                throw new AssertionError("run " + run + " threw " + e + " for:\n" + yaml, e);
            }
        }
        assertThat(valid + refused).isEqualTo(RUNS);
        // The mutations must exercise both outcomes, or the test proves little.
        assertThat(refused).isGreaterThan(RUNS / 4);
        assertThat(valid).isGreaterThan(10);
    }

    private Optional<XamalConfig> load(String yaml) throws Exception {
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("config/xamal.yml"), yaml);
        return Optional.of(ConfigLoader.load(dir, "config/xamal.yml", Optional.empty(), Map.of()));
    }

    private String mutate(int run) {
        Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(VALID);
        int mutations = 1 + random.nextInt(3);
        boolean textDuplicate = false;
        for (int i = 0; i < mutations; i++) {
            int kind = random.nextInt(6);
            if (kind == 5) {
                textDuplicate = true;
            } else {
                tree = mutateTree(tree, kind);
            }
        }
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        String yaml = new Yaml(options).dump(tree);
        return textDuplicate ? duplicateLine(yaml) : yaml;
    }

    /** Duplicates one line of the text: a duplicated key, or a duplicated list item. */
    private String duplicateLine(String yaml) {
        List<String> lines = new ArrayList<>(List.of(yaml.split("\n")));
        int at = random.nextInt(lines.size());
        lines.add(at, lines.get(at));
        return String.join("\n", lines) + "\n";
    }

    private Object mutateTree(Object root, int kind) {
        List<Object> containers = new ArrayList<>();
        collect(root, containers);
        Object target = containers.get(random.nextInt(containers.size()));
        if (target instanceof Map<?, ?> raw) {
            @SuppressWarnings("unchecked")
            Map<Object, Object> map = (Map<Object, Object>) raw;
            if (map.isEmpty()) {
                map.put(oddText(), randomValue());
                return root;
            }
            List<Object> keys = new ArrayList<>(map.keySet());
            Object key = keys.get(random.nextInt(keys.size()));
            switch (kind) {
                case 0 -> map.remove(key);
                case 1 -> map.put(key, randomValue());
                case 2 -> rename(map, key);
                case 3 -> map.put(key + (random.nextBoolean() ? "_2" : ""), map.get(key));
                default -> map.put(key, renest(map.get(key)));
            }
        } else if (target instanceof List<?> raw) {
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) raw;
            if (list.isEmpty()) {
                list.add(randomValue());
                return root;
            }
            int index = random.nextInt(list.size());
            switch (kind) {
                case 0 -> list.remove(index);
                case 1 -> list.set(index, randomValue());
                case 2 -> list.set(index, oddText());
                case 3 -> list.add(list.get(index));
                default -> list.set(index, renest(list.get(index)));
            }
        }
        return root;
    }

    private void rename(Map<Object, Object> map, Object key) {
        Object value = map.remove(key);
        String name = String.valueOf(key);
        String renamed = switch (random.nextInt(5)) {
            case 0 -> name.toUpperCase();
            case 1 -> name.isEmpty() ? "x" : name.substring(1);
            case 2 -> name + ODD[random.nextInt(ODD.length)];
            case 3 -> "x-" + name;
            default -> name.replace('_', '-');
        };
        map.put(renamed, value);
    }

    private Object renest(Object value) {
        return switch (random.nextInt(3)) {
            case 0 -> new ArrayList<>(List.of(value == null ? "x" : value));
            case 1 -> new LinkedHashMap<>(Map.of(oddText(), value == null ? "x" : value));
            default -> value instanceof Map<?, ?> map && !map.isEmpty() ? map.values().iterator().next() : value;
        };
    }

    private Object randomValue() {
        return switch (random.nextInt(9)) {
            case 0 -> random.nextInt(200_000) - 100_000;
            case 1 -> random.nextBoolean();
            case 2 -> oddText();
            case 3 -> new ArrayList<>(List.of(oddText(), random.nextInt(10)));
            case 4 -> new LinkedHashMap<>(Map.of(oddText(), oddText()));
            case 5 -> null;
            case 6 -> random.nextDouble();
            case 7 -> Long.MAX_VALUE;
            default -> "";
        };
    }

    private String oddText() {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(6);
        for (int i = 0; i < length; i++) {
            text.append(random.nextBoolean() ? ODD[random.nextInt(ODD.length)] : (char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }

    private static void collect(Object node, List<Object> containers) {
        if (node instanceof Map<?, ?> map) {
            containers.add(map);
            map.values().forEach(v -> collect(v, containers));
        } else if (node instanceof List<?> list) {
            containers.add(list);
            list.forEach(v -> collect(v, containers));
        }
    }
}
