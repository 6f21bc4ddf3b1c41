package dev.xamal.maven.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The rule that makes a bare {@code mvn xamal:build} build from source exactly once: when a goal
 * that needs the packaged application comes before any phase at or after {@code package} on the
 * command line, {@code package} is put in front of it. {@code mvn package xamal:build},
 * {@code mvn verify xamal:build} and friends are left alone, so nothing is built twice.
 */
public final class PackageBeforeRelease {
    /** Goals of this plugin that need the application packaged in the same run. */
    static final Set<String> RELEASE_GOALS = Set.of("build", "build-deliver", "deploy", "redeploy", "setup",
            "hostkit-manifest", "hostkit-plan");

    /** Phases at or after {@code package} in the default lifecycle. */
    static final Set<String> PACKAGED_PHASES = Set.of("package", "pre-integration-test", "integration-test",
            "post-integration-test", "verify", "install", "deploy");

    static final String PLUGIN_PREFIX = "xamal";
    static final String PLUGIN_ARTIFACT = "xamal-maven-plugin";

    private PackageBeforeRelease() {
    }

    /** The task list to run: {@code tasks} itself, or with {@code package} inserted. */
    public static List<String> apply(List<String> tasks) {
        for (int i = 0; i < tasks.size(); i++) {
            String task = tasks.get(i);
            if (PACKAGED_PHASES.contains(task)) {
                return tasks;
            }
            if (isReleaseGoal(task)) {
                List<String> result = new ArrayList<>(tasks);
                result.add(i, "package");
                return result;
            }
        }
        return tasks;
    }

    /** {@code xamal:build}, {@code dev.xamal:xamal-maven-plugin[:version]:build}, with an optional {@code @id}. */
    static boolean isReleaseGoal(String task) {
        String[] parts = task.split(":");
        if (parts.length < 2) {
            return false;
        }
        String goal = parts[parts.length - 1];
        int at = goal.indexOf('@');
        if (at >= 0) {
            goal = goal.substring(0, at);
        }
        boolean ours = parts.length == 2 ? parts[0].equals(PLUGIN_PREFIX) : parts[1].equals(PLUGIN_ARTIFACT);
        return ours && RELEASE_GOALS.contains(goal);
    }
}
