package dev.xamal.core.secrets.vault;

import dev.xamal.core.EnvironmentException;
import dev.xamal.core.UsageException;
import dev.xamal.core.local.LocalCommand;
import dev.xamal.core.spi.CommandResult;
import dev.xamal.core.spi.LineListener;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one vault tool, found on the {@code PATH} of the given environment, with standard input
 * closed (a tool that would prompt fails instead of hanging). Its standard output is kept in
 * memory only; nothing it prints is logged.
 */
public final class VaultCli {
    private final String program;
    private final Path executable;
    private final Path directory;
    private final Map<String, String> environment;

    private VaultCli(String program, Path executable, Path directory, Map<String, String> environment) {
        this.program = program;
        this.executable = executable;
        this.directory = directory;
        this.environment = Map.copyOf(environment);
    }

    /**
     * The adapter's tool.
     *
     * @throws UsageException when it is not on {@code PATH}, naming the tool and how to sign in once installed
     */
    static VaultCli of(VaultAdapter adapter, FetchRequest request, Path directory, Map<String, String> environment) {
        Path executable = onPath(adapter.program(), environment).orElseThrow(() -> new UsageException(
                "The " + adapter.name() + " adapter runs `" + adapter.program() + "`, which is not on PATH. Install it,"
                        + " sign in with `" + adapter.loginCommand(request) + "`, and run secrets-fetch again."));
        return new VaultCli(adapter.program(), executable, directory, environment);
    }

    static Optional<Path> onPath(String program, Map<String, String> environment) {
        String path = environment.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Runs the tool; a non-zero exit is returned, not thrown. */
    public CommandResult exec(List<String> args) {
        List<String> argv = new ArrayList<>();
        argv.add(executable.toString());
        argv.addAll(args);
        return new LocalCommand(argv, directory, environment).run(LineListener.NONE);
    }

    /**
     * Runs the tool and returns its standard output.
     *
     * @throws EnvironmentException naming the command, its exit status and its standard error otherwise
     */
    public String output(List<String> args) {
        CommandResult result = exec(args);
        if (!result.succeeded()) {
            throw new EnvironmentException("`" + display(args) + "` failed with exit status " + result.exitStatus()
                    + errorTail(result));
        }
        return result.stdout();
    }

    /**
     * Runs a sign-in check.
     *
     * @throws UsageException when it fails: the tool is not signed in; says how to sign in
     */
    public void requireSignedIn(List<String> check, String loginCommand) {
        CommandResult result = exec(check);
        if (!result.succeeded()) {
            throw notSignedIn(check, "exited with status " + result.exitStatus() + errorTail(result), loginCommand);
        }
    }

    /** The failure of a sign-in check whose output said the tool is not signed in. */
    public UsageException notSignedIn(List<String> check, String why, String loginCommand) {
        return new UsageException(program + " is not signed in (`" + display(check) + "` " + why + "). Sign in with `"
                + loginCommand + "` and run secrets-fetch again.");
    }

    /** The command line as shown in messages (the tool's name, not its full path). */
    public String display(List<String> args) {
        return program + (args.isEmpty() ? "" : " " + String.join(" ", args));
    }

    private static String errorTail(CommandResult result) {
        String err = result.stderr() == null ? "" : result.stderr().strip();
        if (err.isEmpty()) {
            return " (nothing on standard error)";
        }
        String[] lines = err.split("\\R");
        int from = Math.max(0, lines.length - 10);
        return ": " + String.join("\n  ", java.util.Arrays.copyOfRange(lines, from, lines.length));
    }
}
