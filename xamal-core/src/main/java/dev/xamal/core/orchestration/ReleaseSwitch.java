package dev.xamal.core.orchestration;

import dev.xamal.core.UsageException;
import dev.xamal.core.config.Host;
import dev.xamal.core.config.Role;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.output.Output;
import dev.xamal.core.secrets.Secrets;
import dev.xamal.core.spi.Proxy;
import dev.xamal.core.spi.Transport;
import dev.xamal.core.spi.UploadProgress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Switches hosts to a release that is already on them, with the blue/green boot of a deploy (the
 * same per-host boot, each slot's env file rendered from the current configuration and secrets):
 * {@code rollback} to a named version or to the previous one, and {@code app-boot} of a named
 * version or of each host's current one. Every targeted host is read first; nothing changes
 * anywhere unless the release is complete on all of them.
 */
public final class ReleaseSwitch {
    private final Transport transport;
    private final Deploy deploy;
    private final Output output;

    public ReleaseSwitch(Transport transport, Proxy proxy, Output output) {
        this(transport, proxy, output, DeployHooks.NONE);
    }

    /** @param hooks the app-boot and caddy-reload hooks of the boot */
    public ReleaseSwitch(Transport transport, Proxy proxy, Output output, DeployHooks hooks) {
        this(transport, proxy, output, hooks, Optional.empty());
    }

    /**
     * @param hooks the app-boot and caddy-reload hooks of the boot
     * @param audit each switch's audit line, written on its host with the switch's record; none when empty
     */
    public ReleaseSwitch(Transport transport, Proxy proxy, Output output, DeployHooks hooks, Optional<BootAudit> audit) {
        this.transport = transport;
        this.deploy = new Deploy(transport, proxy, output, UploadProgress.NONE, hooks, audit);
        this.output = output;
    }

    /**
     * Rolls the hosts back to {@code version}, or without one to the previous release (from each
     * host's history; the hosts must agree on it).
     *
     * @throws UsageException before any change when there is no previous release, the hosts'
     *                        previous releases differ, or the release is not complete on some host
     */
    public List<Booted> rollback(XamalConfig config, Optional<String> version, List<Host> hosts, List<Role> roles,
                                 Secrets secrets) {
        Map<Host, HostReleases> state = HostReleases.readAll(transport, config, hosts);
        String target = version.orElseGet(() -> previous(state));
        Map<Host, String> versions = requireComplete(state, releases -> Optional.of(target));
        output.info("Rolling back " + config.appId() + " to " + target + " on " + count(hosts));
        return deploy.bootReleased(config, versions, roles, secrets, HistoryEntry.ROLLBACK);
    }

    /**
     * Boots {@code version} on the hosts, or without one the release each host's {@code current}
     * points at.
     *
     * @throws UsageException before any change when a host has no current release or lacks the
     *                        complete release
     */
    public List<Booted> boot(XamalConfig config, Optional<String> version, List<Host> hosts, List<Role> roles,
                             Secrets secrets) {
        Map<Host, HostReleases> state = HostReleases.readAll(transport, config, hosts);
        if (version.isEmpty()) {
            List<String> none = state.values().stream().filter(r -> r.current().isEmpty())
                    .map(r -> r.host().id()).toList();
            if (!none.isEmpty()) {
                throw new UsageException("Nothing was deployed of " + config.appId() + " on " + String.join(", ", none)
                        + " yet, so there is no current release to boot; nothing was changed on any host. Run mvn "
                        + "xamal:deploy, or name a delivered release with -Dxamal.version");
            }
        }
        Map<Host, String> versions = requireComplete(state, releases -> version.or(releases::current));
        output.info("Booting " + config.appId() + " " + describe(versions) + " on " + count(hosts));
        return deploy.bootReleased(config, versions, roles, secrets, HistoryEntry.BOOT);
    }

    private static String previous(Map<Host, HostReleases> state) {
        List<String> without = state.values().stream().filter(r -> r.previous().isEmpty())
                .map(r -> r.host().id()).toList();
        if (!without.isEmpty()) {
            throw new UsageException("No previous release in the history of " + String.join(", ", without)
                    + "; nothing was changed on any host. Name the release with -Dxamal.version=<version> "
                    + "(mvn xamal:versions lists each host's releases)");
        }
        Map<String, List<String>> byVersion = new TreeMap<>();
        state.values().forEach(r -> byVersion.computeIfAbsent(r.previous().orElseThrow(), v -> new ArrayList<>())
                .add(r.host().id()));
        if (byVersion.size() > 1) {
            throw new UsageException("The hosts' previous releases differ ("
                    + byVersion.entrySet().stream().map(e -> e.getKey() + " on " + String.join(", ", e.getValue()))
                    .collect(Collectors.joining("; "))
                    + "); nothing was changed on any host. Name the release with -Dxamal.version=<version>");
        }
        return byVersion.keySet().iterator().next();
    }

    /** Each host's version, after checking that every one is complete there. */
    private static Map<Host, String> requireComplete(Map<Host, HostReleases> state,
                                                     Function<HostReleases, Optional<String>> versionOf) {
        Map<Host, String> versions = new LinkedHashMap<>();
        Map<String, List<String>> missing = new TreeMap<>();
        state.forEach((host, releases) -> {
            String version = versionOf.apply(releases).orElseThrow();
            versions.put(host, version);
            if (!releases.isComplete(version)) {
                missing.computeIfAbsent(version, v -> new ArrayList<>()).add(host.id());
            }
        });
        if (!missing.isEmpty()) {
            throw new UsageException(missing.entrySet().stream()
                    .map(e -> "Release " + e.getKey() + " is not complete on " + String.join(", ", e.getValue())
                            + " (no releases/" + e.getKey() + " marked complete there)")
                    .collect(Collectors.joining("; "))
                    + "; nothing was changed on any host. Deliver it first (mvn xamal:build-deliver -Dxamal.version="
                    + "<version>, from that version's source) or pick a release every host has (mvn xamal:versions)");
        }
        return versions;
    }

    private static String describe(Map<Host, String> versions) {
        List<String> distinct = versions.values().stream().distinct().toList();
        return distinct.size() == 1 ? distinct.get(0) : "(each host's current release)";
    }

    private static String count(List<Host> hosts) {
        return hosts.size() + (hosts.size() == 1 ? " host" : " hosts");
    }
}
