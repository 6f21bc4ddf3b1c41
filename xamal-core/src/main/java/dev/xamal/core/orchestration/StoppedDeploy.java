package dev.xamal.core.orchestration;

import dev.xamal.core.EnvironmentException;
import dev.xamal.core.config.Host;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The error of a deploy that a failed boot group stopped: host by host, which version each host
 * now runs (the new one where it switched, the one it ran before elsewhere), why the failed hosts
 * failed, and that later groups were not booted.
 */
final class StoppedDeploy {
    private final String appId;
    private final String version;
    private final Map<Host, String> before;
    private final List<String> lines = new ArrayList<>();
    private final List<String> causes = new ArrayList<>();
    private final List<RuntimeException> failures = new ArrayList<>();

    /**
     * @param before the version each host ran before the deploy (empty text for none)
     */
    StoppedDeploy(String appId, String version, Map<Host, String> before) {
        this.appId = appId;
        this.version = version;
        this.before = before;
    }

    /** A host whose roles all switched to the new version. */
    StoppedDeploy switched(Host host) {
        lines.add(host.id() + ": runs " + version + " (new)");
        return this;
    }

    /** A host whose boot failed; {@code switchedRoles} already run the new version. */
    StoppedDeploy failed(Host host, RuntimeException failure, List<String> switchedRoles) {
        lines.add(host.id() + ": " + runsBefore(host) + " (its boot failed"
                + (switchedRoles.isEmpty() ? "" : "; " + plural(switchedRoles) + " "
                        + String.join(", ", switchedRoles) + " already switched to " + version) + ")");
        causes.add(host.id() + ": " + failure.getMessage());
        failures.add(failure);
        return this;
    }

    /** A host of the failed or a later group that was not booted. */
    StoppedDeploy notBooted(Host host) {
        lines.add(host.id() + ": " + runsBefore(host) + " (not booted)");
        return this;
    }

    EnvironmentException exception(int group, int groups) {
        EnvironmentException error = new EnvironmentException("Deploy of " + appId + " " + version + " stopped: group "
                + group + " of " + groups + " failed" + (group < groups ? ", so later groups were not booted" : "")
                + ". Each host now runs:\n"
                + lines.stream().map(l -> "  " + l).collect(Collectors.joining("\n"))
                + "\n" + causes.stream().map(c -> "Failure on " + c).collect(Collectors.joining("\n")));
        failures.forEach(error::addSuppressed);
        return error;
    }

    private String runsBefore(Host host) {
        String previous = before.getOrDefault(host, "");
        return previous.isEmpty() ? "runs no release" : "still runs " + previous;
    }

    private static String plural(List<String> roles) {
        return roles.size() == 1 ? "role" : "roles";
    }
}
