package dev.xamal.core.orchestration;

import dev.xamal.core.EnvironmentException;
import dev.xamal.core.config.Host;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The error of a deploy that a failed boot group, or a failed {@code pre-app-boot} or
 * {@code post-app-boot} hook once a group had switched, stopped: host by host, which version each
 * host now runs (the new one where it switched, the one it ran before elsewhere), why the failed
 * hosts or the hook failed, and that later groups were not booted.
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
        causes.add("Failure on " + host.id() + ": " + failure.getMessage());
        failures.add(failure);
        return this;
    }

    /** A host of the failed or a later group that was not booted. */
    StoppedDeploy notBooted(Host host) {
        lines.add(host.id() + ": " + runsBefore(host) + " (not booted)");
        return this;
    }

    /** The error of a deploy whose group {@code group} (from 1) of {@code groups} failed. */
    EnvironmentException exception(int group, int groups) {
        return exception("group " + group + " of " + groups + " failed"
                + (group < groups ? ", so later groups were not booted" : ""));
    }

    /**
     * The error of a deploy that the {@code pre-app-boot} hook of group {@code group} (from 1)
     * stopped: the groups before it switched, it and the later ones were not booted.
     */
    EnvironmentException preAppBootFailed(int group, int groups, RuntimeException failure) {
        return hookFailed("the pre-app-boot hook of group " + group + " of " + groups + " failed, so "
                + (group < groups ? "groups " + group + " to " + groups + " were" : "group " + group + " was")
                + " not booted", failure);
    }

    /**
     * The error of a deploy that the {@code post-app-boot} hook of group {@code group} (from 1)
     * stopped, after the group switched.
     */
    EnvironmentException postAppBootFailed(int group, int groups, RuntimeException failure) {
        if (groups == 1) {
            return hookFailed("the post-app-boot hook failed after every host booted", failure);
        }
        return hookFailed("the post-app-boot hook of group " + group + " of " + groups + " failed after "
                + (group < groups ? "the group booted, so later groups were not booted" : "every group booted"), failure);
    }

    private EnvironmentException hookFailed(String why, RuntimeException failure) {
        causes.add("Failure: " + failure.getMessage());
        failures.add(failure);
        return exception(why);
    }

    private EnvironmentException exception(String why) {
        EnvironmentException error = new EnvironmentException("Deploy of " + appId + " " + version + " stopped: "
                + why + ". Each host now runs:\n"
                + lines.stream().map(l -> "  " + l).collect(Collectors.joining("\n"))
                + "\n" + String.join("\n", causes));
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
