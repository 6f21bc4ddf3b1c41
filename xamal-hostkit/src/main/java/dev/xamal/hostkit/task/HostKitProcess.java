package dev.xamal.hostkit.task;

import dev.xamal.core.EnvironmentException;
import dev.xamal.core.output.Output;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs HostKit's Mix tasks on this machine: {@code mix} found on the given environment's
 * {@code PATH}, working directory {@code host_kit_path}, exactly the given environment, standard
 * input closed. Standard output and error are merged and streamed line by line to the
 * {@link Output} as they come (prefixed {@code hostkit}); exit status 0 is success, anything else
 * fails with the status and the output's last lines. Output is never parsed: Mix may print
 * compile noise; results are read from the files the tasks write.
 */
public final class HostKitProcess {
    static final int TAIL_LINES = 20;
    static final String SOURCE = "hostkit";

    private final Path hostKitPath;
    private final Map<String, String> environment;
    private final Output output;

    /**
     * @param hostKitPath the HostKit project, the working directory
     * @param environment the complete environment of the task (the build's own, normally)
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
        ProcessBuilder builder = new ProcessBuilder(argv).directory(hostKitPath.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new EnvironmentException("could not start mix " + shown + " in " + hostKitPath + ": "
                    + e.getMessage(), e);
        }
        Deque<String> tail = new ArrayDeque<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.sourceLine(SOURCE, line);
                tail.addLast(line);
                if (tail.size() > TAIL_LINES) {
                    tail.removeFirst();
                }
            }
            int status = process.waitFor();
            if (status != 0) {
                throw new EnvironmentException("mix " + shown + " (in " + hostKitPath + ") failed with exit status "
                        + status + (tail.isEmpty() ? " and printed nothing"
                        : "; its output ended with:\n" + String.join("\n", tail)));
            }
        } catch (IOException e) {
            process.destroyForcibly();
            throw new EnvironmentException("lost the output of mix " + shown + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new EnvironmentException("interrupted while mix " + shown + " ran in " + hostKitPath, e);
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
