package dev.xamal.hostkit.task;

import dev.xamal.core.EnvironmentException;
import dev.xamal.core.output.Output;
import dev.xamal.core.local.LocalCommand;
import dev.xamal.core.local.OutputTail;
import dev.xamal.core.spi.CommandResult;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs HostKit's Mix tasks on this machine: {@code mix} found on the given environment's
 * {@code PATH}, working directory {@code host_kit_path}, the build's environment with the given
 * variables over it, standard input closed. Standard output and error, merged in the order
 * written, are streamed line by line to the {@link Output} as they come (prefixed
 * {@code hostkit}); exit status 0 is success, anything else fails with the status and the
 * output's last lines. Output is never parsed (Mix may print compile output first): results are
 * read from the files the tasks write.
 */
public final class HostKitProcess {
    static final int TAIL_LINES = 20;
    static final String SOURCE = "hostkit";

    private final Path hostKitPath;
    private final Map<String, String> environment;
    private final Output output;

    /**
     * @param hostKitPath the HostKit project, the working directory
     * @param environment variables set over the build's own environment for the task ({@code PATH}
     *                    among them decides which {@code mix} runs)
     * @param output      where the task's lines go
     */
    public HostKitProcess(Path hostKitPath, Map<String, String> environment, Output output) {
        this.hostKitPath = hostKitPath;
        this.environment = Map.copyOf(environment);
        this.output = output;
    }

    /** {@code mix} on the environment's {@code PATH}, as an absolute path. */
    public String mix() {
        return onPath("mix").orElseThrow(() -> new EnvironmentException("mix is not on PATH ("
                + environment.getOrDefault("PATH", "") + "): HostKit's tasks run with Mix; install Elixir 1.20 or "
                + "later and run mix deps.get once in " + hostKitPath));
    }

    /** Runs the task and waits for it; fails unless it exits with status 0. */
    public void run(List<String> argv) {
        String shown = String.join(" ", argv.subList(1, argv.size()));
        output.info("Running mix " + shown + " in " + hostKitPath);
        OutputTail tail = new OutputTail(TAIL_LINES, (stream, line) -> output.sourceLine(SOURCE, line));
        CommandResult result = new LocalCommand(argv, hostKitPath, environment).mergingErrorOutput().run(tail);
        if (!result.succeeded()) {
            throw new EnvironmentException("mix " + shown + " (in " + hostKitPath + ") failed with exit status "
                    + result.exitStatus() + tail.ending());
        }
    }

    private Optional<String> onPath(String program) {
        for (String dir : environment.getOrDefault("PATH", "").split(File.pathSeparator, -1)) {
            Path candidate = hostKitPath.resolve(dir.isEmpty() ? "." : dir).resolve(program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toAbsolutePath().normalize().toString());
            }
        }
        return Optional.empty();
    }
}
