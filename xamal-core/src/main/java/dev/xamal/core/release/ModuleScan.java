package dev.xamal.core.release;

import dev.xamal.core.EnvironmentException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Finds the JDK modules an application needs with jdeps: every class of the app and of each
 * dependency is analysed (not only what the app's code reaches, so libraries found through
 * ServiceLoader or reflection still get their modules).
 */
final class ModuleScan {
    /** What jdeps --print-module-deps prints: module names separated by commas. */
    static final Pattern MODULE_LIST = Pattern.compile("[a-z][\\w.]*(,[a-z][\\w.]*)*");

    private final JdkTool jdeps = new JdkTool("jdeps");

    /**
     * @param inputs      the jars and class directories to analyse
     * @param javaFeature the feature version multi-release jars are read for
     * @return the module names, sorted; at least {@code java.base}
     */
    List<String> modules(List<Path> inputs, int javaFeature) {
        List<String> args = new ArrayList<>(List.of("--print-module-deps", "--ignore-missing-deps",
                "--multi-release", Integer.toString(javaFeature)));
        inputs.forEach(p -> args.add(p.toString()));
        String output = jdeps.run(args).strip();
        // jdeps may print warnings (split packages) before the list: only the last line counts.
        String last = output.isEmpty() ? "" : output.substring(output.lastIndexOf('\n') + 1).strip();
        if (!MODULE_LIST.matcher(last).matches()) {
            throw new EnvironmentException("jdeps did not print a module list for " + inputs + "; its output ended with: "
                    + last);
        }
        TreeSet<String> modules = new TreeSet<>(Arrays.asList(last.split(",")));
        modules.add("java.base");
        return List.copyOf(modules);
    }
}
