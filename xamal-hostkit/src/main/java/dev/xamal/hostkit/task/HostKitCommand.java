package dev.xamal.hostkit.task;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The HostKit task command lines, each an argv list (never a shell string): the user's
 * {@code args} first, one entry each, then the paths xamal passes, all absolute.
 * <ul>
 *   <li>plan: {@code mix host_kit.plan <args…> --out <plan> <config>}</li>
 *   <li>apply: {@code mix host_kit.apply <args…> --plan <plan> --confirm <config>}</li>
 *   <li>down: {@code mix host_kit.down <args…> --plan <last applied plan> --out <down plan>}</li>
 * </ul>
 */
public final class HostKitCommand {
    private HostKitCommand() {
    }

    public static List<String> plan(String mix, HostKitPaths paths) {
        return argv(mix, "host_kit.plan", paths.args(), "--out", paths.planOut().toString(), paths.config().toString());
    }

    public static List<String> apply(String mix, HostKitPaths paths, Path plan) {
        return argv(mix, "host_kit.apply", paths.args(), "--plan", plan.toString(), "--confirm",
                paths.config().toString());
    }

    public static List<String> down(String mix, HostKitPaths paths) {
        return argv(mix, "host_kit.down", paths.args(), "--plan", paths.appliedPlan().toString(), "--out",
                paths.downPlanOut().toString());
    }

    private static List<String> argv(String mix, String task, List<String> args, String... tail) {
        List<String> argv = new ArrayList<>();
        argv.add(mix);
        argv.add(task);
        argv.addAll(args);
        argv.addAll(List.of(tail));
        return List.copyOf(argv);
    }
}
