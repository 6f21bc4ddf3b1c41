package dev.xamal.core.release;

import dev.xamal.core.config.ReleaseConfig;
import dev.xamal.core.commands.Shell;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The release's {@code bin/<name>}: a POSIX {@code sh} script with the commands {@code start},
 * {@code run <main-class> [args]}, {@code console} and {@code version}. It resolves its own real
 * path first (so a running JVM never reads through a symlink a later deploy moves), exports
 * {@code XAMAL_VERSION} from RELEASE, and {@code exec}s the JVM so a supervisor (systemd) signals
 * the JVM itself: SIGTERM ends it with status 143.
 *
 * @param name               the launcher's name
 * @param runtime            where {@code java} comes from
 * @param classPath          the class path, relative to the release root, in order
 * @param start              how {@code start} launches the application
 * @param jvmOptions         {@code release.jvm_options}
 * @param console            a main class {@code console} runs instead of JShell
 * @param propertiesLauncher for a fat jar: the loader class that can start any main class
 */
public record LauncherScript(String name, ReleaseConfig.Runtime runtime, List<String> classPath, Start start,
                      List<String> jvmOptions, Optional<String> console, Optional<String> propertiesLauncher) {

    /** How {@code start} launches the application. */
    public sealed interface Start permits MainClass, Jar {
    }

    /** {@code java -cp <class path> <main class>}. */
    public record MainClass(String className) implements Start {
    }

    /** {@code java -jar <jar>} (relative to the release root). */
    public record Jar(String jar) implements Start {
    }

    public LauncherScript {
        classPath = List.copyOf(classPath);
        jvmOptions = List.copyOf(jvmOptions);
    }

    public String render() {
        String java = runtime == ReleaseConfig.Runtime.JLINK ? "\"$RELEASE_ROOT/runtime/bin/java\"" : "\"$JAVA\"";
        String options = jvmOptions.stream().map(Shell::quote).map(o -> o + " ").collect(Collectors.joining());
        String cp = classPath.stream().map(p -> "$RELEASE_ROOT/" + p).collect(Collectors.joining(":"));
        StringBuilder s = new StringBuilder();
        s.append("#!/bin/sh\n")
         .append("# Launcher of the ").append(name).append(" release, written by xamal.\n")
         .append("# Commands: start | run <main-class> [args...] | console | version\n")
         .append("set -eu\n\n")
         .append("# Resolve the script's real location first, so a running JVM never reads through a\n")
         .append("# symlink (such as a release slot) that a later deploy moves.\n")
         .append("self=$0\n")
         .append("while [ -h \"$self\" ]; do\n")
         .append("  link=$(readlink \"$self\")\n")
         .append("  case $link in\n")
         .append("    /*) self=$link ;;\n")
         .append("    *) self=$(dirname \"$self\")/$link ;;\n")
         .append("  esac\n")
         .append("done\n")
         .append("RELEASE_ROOT=$(cd \"$(dirname \"$self\")/..\" && pwd -P)\n")
         .append("XAMAL_VERSION=$(sed -n 's/^version=//p' \"$RELEASE_ROOT/RELEASE\")\n")
         .append("export XAMAL_VERSION\n")
         .append("CLASSPATH_RELEASE=\"").append(cp).append("\"\n");
        if (runtime == ReleaseConfig.Runtime.SYSTEM) {
            s.append("JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java\n");
        }
        s.append("\nusage() {\n")
         .append("  echo \"usage: ").append(name).append(" start | run <main-class> [args...] | console | version\" >&2\n")
         .append("  exit 64\n")
         .append("}\n\n")
         .append("[ $# -ge 1 ] || usage\n")
         .append("command=$1\n")
         .append("shift\n")
         .append("# JAVA_OPTS is split into words on purpose; never glob-expanded.\n")
         .append("set -f\n")
         .append("case $command in\n")
         .append("  start)\n")
         .append("    exec ").append(java).append(' ').append(options).append("${JAVA_OPTS:-} ")
         .append(startArguments()).append(" \"$@\"\n")
         .append("    ;;\n")
         .append("  run)\n")
         .append("    [ $# -ge 1 ] || usage\n")
         .append("    main=$1\n")
         .append("    shift\n")
         .append("    exec ").append(java).append(' ').append(options).append("${JAVA_OPTS:-} ")
         .append(runArguments()).append(" \"$@\"\n")
         .append("    ;;\n")
         .append("  console)\n");
        if (console.isPresent()) {
            s.append("    exec ").append(java).append(' ').append(options).append("${JAVA_OPTS:-} ")
             .append(runArguments().replace("\"$main\"", Shell.quote(console.get()))).append(" \"$@\"\n");
        } else {
            String jshell = runtime == ReleaseConfig.Runtime.JLINK ? "$RELEASE_ROOT/runtime/bin/jshell"
                    : "${JAVA_HOME:+$JAVA_HOME/bin/}jshell";
            s.append("    jshell=").append(jshell).append('\n')
             .append("    if command -v \"$jshell\" >/dev/null 2>&1; then\n")
             .append("      exec \"$jshell\" --class-path \"$CLASSPATH_RELEASE\" \"$@\"\n")
             .append("    fi\n")
             .append("    echo \"").append(name).append(": this release's runtime has no JShell: add jdk.jshell to ")
             .append(runtime == ReleaseConfig.Runtime.JLINK ? "release.jlink.add_modules" : "the server's JDK (release.runtime: system)")
             .append(", or set release.console\" >&2\n")
             .append("    exit 1\n");
        }
        s.append("    ;;\n")
         .append("  version)\n")
         .append("    printf '%s\\n' \"$XAMAL_VERSION\"\n")
         .append("    ;;\n")
         .append("  *)\n")
         .append("    usage\n")
         .append("    ;;\n")
         .append("esac\n");
        return s.toString();
    }

    private String startArguments() {
        if (start instanceof Jar jar) {
            return "-jar \"$RELEASE_ROOT/" + jar.jar() + "\"";
        }
        String main = ((MainClass) start).className();
        return propertiesLauncher.isPresent()
                ? "-Dloader.main=" + Shell.quote(main) + " -cp \"$CLASSPATH_RELEASE\" " + propertiesLauncher.get()
                : "-cp \"$CLASSPATH_RELEASE\" " + Shell.quote(main);
    }

    private String runArguments() {
        return propertiesLauncher.isPresent()
                ? "-Dloader.main=\"$main\" -cp \"$CLASSPATH_RELEASE\" " + propertiesLauncher.get()
                : "-cp \"$CLASSPATH_RELEASE\" \"$main\"";
    }
}
