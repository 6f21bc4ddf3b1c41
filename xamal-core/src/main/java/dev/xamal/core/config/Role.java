package dev.xamal.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One role of {@code servers}: a group of hosts running the app the same way.
 *
 * @param name     the role name
 * @param hosts    its hosts, in the order written
 * @param hostTags tags per host identity ({@link Host#id()}), from {@code - host: [tag, ...]}
 *                 and the role's {@code tags}
 * @param cmd      arguments given to the launcher instead of the default (e.g.
 *                 {@code run com.example.Worker})
 * @param env      the role's env, already merged over the global env
 * @param proxy    whether Caddy routes traffic to this role
 */
public record Role(
        String name,
        List<Host> hosts,
        Map<String, List<String>> hostTags,
        Optional<String> cmd,
        EnvConfig env,
        boolean proxy) {

    public Role {
        hosts = List.copyOf(hosts);
        Map<String, List<String>> tags = new LinkedHashMap<>();
        hostTags.forEach((host, list) -> tags.put(host, List.copyOf(list)));
        hostTags = Collections.unmodifiableMap(tags);
    }

    /** The tags of one host of this role (empty when it has none). */
    public List<String> tagsOf(Host host) {
        return hostTags.getOrDefault(host.id(), List.of());
    }

    /** The env one host of this role gets: the role env with its tags' envs on top. */
    public EnvConfig envFor(Host host) {
        return env.forHostTags(tagsOf(host));
    }
}
