package dev.xamal.maven.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The rule that makes a bare {@code mvn xamal:build} build from source exactly once: when a goal
 * that needs the packaged application comes before any phase at or after {@code package} on the
 * command line, {@code package} is put in front of it. {@code mvn package xamal:build},
 * {@code mvn verify xamal:build} and friends are left alone, so nothing is built twice. With
 * {@code -Dxamal.skipBuild=true} the goals that deploy read a release built earlier, so only the
 * goals that build still get {@code package}.
 */
public final class PackageBeforeRelease {
    /** Goals of this plugin that need the application packaged in the same run. */
    static final Set<String> RELEASE_GOALS = Set.of("build", "build-deliver", "deploy", "redeploy", "setup",
            "hostkit-manifest", "hostkit-plan");

    /** Of those, the goals that deploy a release and read a built one under {@code xamal.skipBuild}. */
    static final Set<String> DEPLOYING_GOALS = Set.of("build-deliver", "deploy", "redeploy", "setup");

    /** The user property that makes the deploying goals read a built release. */
    public static final String SKIP_BUILD = "xamal.skipBuild";

    /** Phases at or after {@code package} in the default lifecycle. */
    static final Set<String> PACKAGED_PHASES = Set.of("package", "pre-integration-test", "integration-test",
            "post-integration-test", "verify", "install", "deploy");

    static final String PLUGIN_PREFIX = "xamal";
    static final String PLUGIN_ARTIFACT = "xamal-maven-plugin";

    private PackageBeforeRelease() {
    }

    /** The task list to run: {@code tasks} itself, or with {@code package} inserted. */
    public static List<String> apply(List<String> tasks) {
        return apply(tasks, false);
    }

    /**
     * @param skipBuild whether {@code xamal.skipBuild} is set: deploying goals then need no package
     */
    public static List<String> apply(List<String> tasks, boolean skipBuild) {
        for (int i = 0; i < tasks.size(); i++) {
            String task = tasks.get(i);
            if (PACKAGED_PHASES.contains(task)) {
                return tasks;
            }
            if (isReleaseGoal(task) && !(skipBuild && DEPLOYING_GOALS.contains(goalName(task)))) {
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
        boolean ours = parts.length == 2 ? parts[0].equals(PLUGIN_PREFIX) : parts[1].equals(PLUGIN_ARTIFACT);
        return ours && RELEASE_GOALS.contains(goalName(task));
    }

    /** The goal of a task without prefix and {@code @id}: {@code deploy} of {@code xamal:deploy@prod}. */
    private static String goalName(String task) {
        String goal = task.substring(task.lastIndexOf(':') + 1);
        int at = goal.indexOf('@');
        return at < 0 ? goal : goal.substring(0, at);
    }
}
