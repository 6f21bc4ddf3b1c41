package dev.xamal.core.config;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One value of the merged configuration with its key path: typed reads that fail with a
 * {@link ConfigException} naming the file, the path and what was expected. A {@code null} value
 * (key absent or written empty) reads as the default.
 */
final class ConfigValue {
    private final Object value;
    private final KeyPath path;
    private final ConfigSources sources;

    ConfigValue(Object value, KeyPath path, ConfigSources sources) {
        this.value = value;
        this.path = path;
        this.sources = sources;
    }

    KeyPath path() {
        return path;
    }

    boolean isAbsent() {
        return value == null;
    }

    boolean isMap() {
        return value instanceof Map;
    }

    boolean isList() {
        return value instanceof List;
    }

    ConfigException fail(String problem) {
        return sources.error(path, problem);
    }

    /** The child value at {@code key} of this map (absent when this value is absent). */
    ConfigValue get(String key) {
        if (value == null) {
            return new ConfigValue(null, path.key(key), sources);
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw fail("must be a map, not " + describe(value));
        }
        return new ConfigValue(map.get(key), path.key(key), sources);
    }

    /**
     * Checks this is a map (or absent) whose keys are all in {@code known} or start with
     * {@code x-}; an unknown key fails naming the nearest known one.
     */
    ConfigValue requireKeys(Collection<String> known) {
        if (value == null) {
            return this;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw fail("must be a map with the keys " + String.join(", ", new TreeSet<>(known))
                    + ", not " + describe(value));
        }
        for (Object key : map.keySet()) {
            String name = keyText(key);
            if (name.startsWith("x-") || known.contains(name)) {
                continue;
            }
            ConfigException unknown = sources.error(path.key(name), NearestKey.of(name, known)
                    .map(k -> "unknown key; did you mean '" + k + "'?")
                    .orElse("unknown key; known keys here are " + String.join(", ", new TreeSet<>(known))
                            + " (keys starting with x- are free for your own anchors)"));
            throw unknown;
        }
        return this;
    }

    /** The entries of this map in the order written (empty when absent); keys must be text. */
    List<Map.Entry<String, ConfigValue>> entries() {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw fail("must be a map, not " + describe(value));
        }
        List<Map.Entry<String, ConfigValue>> entries = new ArrayList<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = keyText(entry.getKey());
            entries.add(Map.entry(key, new ConfigValue(entry.getValue(), path.key(key), sources)));
        }
        return entries;
    }

    /** The items of this list (empty when absent). */
    List<ConfigValue> items() {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw fail("must be a list (one '- item' per line), not " + describe(value));
        }
        List<ConfigValue> items = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            items.add(new ConfigValue(list.get(i), path.index(i), sources));
        }
        return items;
    }

    private String keyText(Object key) {
        if (key instanceof String text) {
            return text;
        }
        throw sources.error(path.key(String.valueOf(key)), "a key must be text, not " + describe(key)
                + "; quote it");
    }

    /** Text; numbers are accepted as their decimal text, booleans are not (quote them). */
    Optional<String> optionalText() {
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof String text) {
            return Optional.of(text);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
            return Optional.of(value.toString());
        }
        throw fail("must be text, not " + describe(value) + (value instanceof Boolean ? "; quote it" : ""));
    }

    String text(String defaultValue) {
        return optionalText().orElse(defaultValue);
    }

    /** Text that must be present and not blank. */
    String requiredText(String what) {
        String text = optionalText().orElseThrow(() -> fail("is missing; set it to " + what));
        if (text.isBlank()) {
            throw fail("is empty; set it to " + what);
        }
        return text;
    }

    /** A non-blank text when present. */
    Optional<String> optionalNonBlank(String what) {
        Optional<String> text = optionalText();
        if (text.isPresent() && text.get().isBlank()) {
            throw fail("is empty; set it to " + what + " or remove the key");
        }
        return text;
    }

    int integer(int defaultValue) {
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Integer number) {
            return number;
        }
        if (value instanceof Long || value instanceof BigInteger) {
            throw fail("the number " + value + " is too large");
        }
        throw fail("must be a whole number, not " + describe(value));
    }

    /** A whole number of at least 1 (a duration in seconds, a count). */
    int positive(int defaultValue, String unit) {
        int number = integer(defaultValue);
        if (number < 1) {
            throw fail("must be at least 1 " + unit + ", not " + number);
        }
        return number;
    }

    /** A whole number of at least 0. */
    int nonNegative(int defaultValue, String unit) {
        int number = integer(defaultValue);
        if (number < 0) {
            throw fail("must be 0 " + unit + " or more, not " + number);
        }
        return number;
    }

    /** A TCP port, 1 to {@code max}. */
    int port(int defaultValue, int max) {
        int number = integer(defaultValue);
        if (number < 1 || number > max) {
            throw fail("port " + number + " is out of range; use a port from 1 to " + max);
        }
        return number;
    }

    boolean bool(boolean defaultValue) {
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Boolean flag) {
            return flag;
        }
        throw fail("must be true or false, not " + describe(value));
    }

    /** One of an enum's constants, written as its {@link ConfigChoice#yaml()} text (or true/false). */
    <E extends Enum<E> & ConfigChoice> E choice(E[] constants, E defaultValue) {
        if (value == null) {
            return defaultValue;
        }
        String text = value instanceof Boolean || value instanceof String ? value.toString().toLowerCase(Locale.ROOT) : null;
        List<String> names = new ArrayList<>();
        for (E constant : constants) {
            if (constant.yaml().equals(text)) {
                return constant;
            }
            names.add(constant.yaml());
        }
        throw fail("must be one of " + String.join(", ", names) + ", not " + describe(value));
    }

    /** A list of non-blank texts (empty when absent). */
    List<String> textList(String what) {
        List<String> texts = new ArrayList<>();
        for (ConfigValue item : items()) {
            texts.add(item.requiredText(what));
        }
        return texts;
    }

    /** A map of names to scalar values, values turned into text (empty when absent). */
    Map<String, String> textMap() {
        Map<String, String> texts = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigValue> entry : entries()) {
            Object v = entry.getValue().value;
            if (v == null) {
                throw entry.getValue().fail("has no value; write a value (\"\" for an empty one)");
            }
            if (v instanceof Map || v instanceof List) {
                throw entry.getValue().fail("must be a single value, not " + describe(v));
            }
            texts.put(entry.getKey(), v.toString());
        }
        return texts;
    }

    /** How a value reads in a message. */
    static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof Map) {
            return "a map";
        }
        if (value instanceof List) {
            return "a list";
        }
        if (value instanceof String text) {
            return "the text '" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'";
        }
        if (value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Number) {
            return "the number " + value;
        }
        if (value instanceof java.util.Date) {
            return "a date (quote it to make it text)";
        }
        if (value instanceof byte[]) {
            return "binary data";
        }
        return "a " + value.getClass().getSimpleName();
    }

    static Set<String> keys(String... keys) {
        return Set.of(keys);
    }
}
