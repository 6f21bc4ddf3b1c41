package dev.xamal.core.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Environment variables for the app ({@code env:} at the top or in a role).
 *
 * @param clear  variables with their values, in the order written
 * @param secret variables whose values come from secrets
 * @param tags   per host tag, more variables for hosts that carry the tag
 */
public record EnvConfig(Map<String, String> clear, List<SecretRef> secret, Map<String, EnvConfig> tags) {

    /** No variables. */
    public static final EnvConfig EMPTY = new EnvConfig(Map.of(), List.of(), Map.of());

    public EnvConfig {
        clear = Collections.unmodifiableMap(new LinkedHashMap<>(clear));
        secret = List.copyOf(secret);
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    /**
     * This env with {@code over} merged on top: clear maps merge (over wins), secret lists are
     * unioned in order without duplicates, tag envs merge per tag.
     */
    public EnvConfig mergedWith(EnvConfig over) {
        Map<String, String> mergedClear = new LinkedHashMap<>(clear);
        mergedClear.putAll(over.clear);
        List<SecretRef> mergedSecret = new ArrayList<>(secret);
        for (SecretRef ref : over.secret) {
            int at = indexOfVariable(mergedSecret, ref.variable());
            if (at < 0) {
                mergedSecret.add(ref);
            } else {
                mergedSecret.set(at, ref);
            }
        }
        Map<String, EnvConfig> mergedTags = new LinkedHashMap<>(tags);
        over.tags.forEach((tag, env) -> mergedTags.merge(tag, env, EnvConfig::mergedWith));
        return new EnvConfig(mergedClear, mergedSecret, mergedTags);
    }

    /** The env a host with these tags gets: this env with each tag's env merged on top in order. */
    public EnvConfig forHostTags(List<String> hostTags) {
        EnvConfig result = new EnvConfig(clear, secret, Map.of());
        for (String tag : hostTags) {
            EnvConfig tagEnv = tags.get(tag);
            if (tagEnv != null) {
                result = result.mergedWith(tagEnv);
            }
        }
        return result;
    }

    private static int indexOfVariable(List<SecretRef> refs, String variable) {
        for (int i = 0; i < refs.size(); i++) {
            if (refs.get(i).variable().equals(variable)) {
                return i;
            }
        }
        return -1;
    }
}
