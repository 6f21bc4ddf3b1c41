package dev.xamal.core.config;

import dev.xamal.core.config.ReleaseConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The whole validated configuration: {@code config/xamal.yml} with the destination's overlay
 * merged on top. Immutable. Durations are in seconds.
 *
 * @param service            the service name ({@code [a-z0-9_-]})
 * @param destination        the destination loaded, if any
 * @param roles              the roles, in the order written
 * @param primaryRole        the role whose first host is the primary host (default {@code web})
 * @param ssh                SSH settings
 * @param caddy              Caddy settings
 * @param env                the global env (each role's env already has it merged in)
 * @param release            release settings
 * @param healthCheck        health check settings
 * @param deployTimeout      seconds a boot may take to become healthy (default 60)
 * @param readinessDelay     seconds an unproxied role's unit must stay up to count as booted
 *                           (default 7)
 * @param drainTimeout       the most seconds a drain may take (default 30)
 * @param boot               rolling boot settings
 * @param retainReleases     how many old releases prune keeps (default 5)
 * @param requireDestination whether a destination must be given
 * @param hooksPath          the local hooks directory (default {@code .xamal/hooks})
 * @param secretsPath        the local secrets file base (default {@code .xamal/secrets})
 * @param backend            who deploys ({@code ssh} default, or {@code hostkit})
 * @param hostkit            HostKit settings
 * @param files              the files read, base first
 */
public record XamalConfig(
        String service,
        Optional<String> destination,
        List<Role> roles,
        String primaryRole,
        SshConfig ssh,
        CaddyConfig caddy,
        EnvConfig env,
        ReleaseConfig release,
        HealthCheckConfig healthCheck,
        int deployTimeout,
        int readinessDelay,
        int drainTimeout,
        BootConfig boot,
        int retainReleases,
        boolean requireDestination,
        String hooksPath,
        String secretsPath,
        Backend backend,
        HostKitConfig hostkit,
        List<Path> files) {

    public static final String DEFAULT_PRIMARY_ROLE = "web";
    public static final int DEFAULT_DEPLOY_TIMEOUT = 60;
    public static final int DEFAULT_READINESS_DELAY = 7;
    public static final int DEFAULT_DRAIN_TIMEOUT = 30;
    public static final int DEFAULT_RETAIN_RELEASES = 5;
    public static final String DEFAULT_HOOKS_PATH = ".xamal/hooks";
    public static final String DEFAULT_SECRETS_PATH = ".xamal/secrets";

    public XamalConfig {
        roles = List.copyOf(roles);
        files = List.copyOf(files);
    }

    /**
     * The app's identity on the servers: the service, or {@code <service>.<destination>} when a
     * destination is loaded, so two destinations can share a host.
     */
    public String appId() {
        return destination.map(d -> service + "." + d).orElse(service);
    }

    /** The role of that name. */
    public Optional<Role> role(String name) {
        return roles.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** The names of all roles, in the order written. */
    public List<String> roleNames() {
        return roles.stream().map(Role::name).toList();
    }

    /** The primary role. Validation guarantees it exists and has hosts. */
    public Role primary() {
        return role(primaryRole).orElseThrow();
    }

    /** The first host of the primary role. */
    public Host primaryHost() {
        return primary().hosts().get(0);
    }

    /** Every host of every role, once each, in the order first written. */
    public List<Host> allHosts() {
        LinkedHashSet<Host> all = new LinkedHashSet<>();
        roles.forEach(r -> all.addAll(r.hosts()));
        return List.copyOf(new ArrayList<>(all));
    }

    /** The roles a host is in. */
    public List<Role> rolesOf(Host host) {
        return roles.stream().filter(r -> r.hosts().contains(host)).toList();
    }
}
