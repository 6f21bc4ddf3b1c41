package dev.xamal.core.release;

import dev.xamal.core.EnvironmentException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.spi.ToolProvider;

/** A JDK tool (jdeps, jlink) of the JDK running the build, called in-process. */
final class JdkTool {
    private final String name;

    JdkTool(String name) {
        this.name = name;
    }

    /** Runs the tool and returns its standard output; a non-zero status is an error naming the arguments. */
    String run(List<String> args) {
        ToolProvider tool = ToolProvider.findFirst(name).orElseThrow(() -> new EnvironmentException(
                "the Java runtime running the build (" + System.getProperty("java.home") + ") has no " + name
                        + ": run Maven with a full JDK " + Runtime.version().feature() + " (with the jdk.jlink module)"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status;
        try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
            status = tool.run(o, e, args.toArray(String[]::new));
        }
        if (status != 0) {
            throw new EnvironmentException(name + " failed with exit status " + status + "\n  arguments: "
                    + String.join(" ", args) + "\n" + tail(err + "\n" + out));
        }
        return out.toString();
    }

    private static String tail(String text) {
        String[] lines = text.strip().split("\\R");
        int from = Math.max(0, lines.length - 20);
        return String.join("\n", java.util.Arrays.asList(lines).subList(from, lines.length));
    }
}
