package dev.xamal.core.local;

import dev.xamal.core.EnvironmentException;
import dev.xamal.core.spi.CommandResult;
import dev.xamal.core.spi.LineListener;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs a program on this machine (git, a hook) and waits for it. Standard input is closed; both
 * output streams are read while it runs, line by line, handed to a {@link LineListener} and kept
 * whole in the {@link CommandResult}.
 */
public final class LocalCommand {
    private final List<String> argv;
    private final Path directory;
    private final Map<String, String> environment;
    private final boolean mergeErrorOutput;

    /**
     * @param argv        the program and its arguments (no shell involved)
     * @param directory   the working directory
     * @param environment variables added to (or replacing) the inherited environment
     */
    public LocalCommand(List<String> argv, Path directory, Map<String, String> environment) {
        this(argv, directory, environment, false);
    }

    private LocalCommand(List<String> argv, Path directory, Map<String, String> environment, boolean mergeErrorOutput) {
        this.argv = List.copyOf(argv);
        this.directory = directory;
        this.environment = Map.copyOf(environment);
        this.mergeErrorOutput = mergeErrorOutput;
    }

    /**
     * This command with its standard error sent into its standard output, so the listener gets
     * every line in the order the program wrote it (all as {@link LineListener.Stream#STDOUT}).
     */
    public LocalCommand mergingErrorOutput() {
        return new LocalCommand(argv, directory, environment, true);
    }

    public LocalCommand(List<String> argv, Path directory) {
        this(argv, directory, Map.of());
    }

    /** Runs the program; fails only when it cannot be started or waited for. */
    public CommandResult run(LineListener listener) {
        ProcessBuilder builder = new ProcessBuilder(argv).directory(directory.toFile());
        builder.environment().putAll(environment);
        builder.redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        builder.redirectErrorStream(mergeErrorOutput);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new EnvironmentException("could not start `" + String.join(" ", argv) + "` in "
                    + directory + ": " + e.getMessage(), e);
        }
        StringBuilder err = new StringBuilder();
        Thread errReader = new Thread(() -> drain(process.getErrorStream(), LineListener.Stream.STDERR, listener, err),
                "stderr-" + argv.get(0));
        errReader.setDaemon(true);
        errReader.start();
        StringBuilder out = new StringBuilder();
        drain(process.getInputStream(), LineListener.Stream.STDOUT, listener, out);
        try {
            int status = process.waitFor();
            errReader.join();
            return new CommandResult(status, out.toString(), err.toString());
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new EnvironmentException("interrupted while waiting for `" + String.join(" ", argv) + "`", e);
        }
    }

    private static void drain(InputStream in, LineListener.Stream stream, LineListener listener, StringBuilder sink) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (sink) {
                    sink.append(line).append('\n');
                }
                listener.line(stream, line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
