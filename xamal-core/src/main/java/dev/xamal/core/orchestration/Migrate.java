package dev.xamal.core.orchestration;

import dev.xamal.core.EnvironmentException;
import dev.xamal.core.UsageException;
import dev.xamal.core.commands.AppPrivileges.Stdio;
import dev.xamal.core.commands.ReleaseSlot;
import dev.xamal.core.config.Host;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.output.Output;
import dev.xamal.core.spi.CommandResult;
import dev.xamal.core.spi.RemoteCommand;
import dev.xamal.core.spi.Transport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code migrate}: {@code release.migrate} run once, on the primary host, through the launcher's
 * {@code run} in the serving release of the primary role, with its slot's environment. Its output
 * streams with the host as prefix; its exit status is the outcome.
 */
public final class Migrate {
    private final Transport transport;
    private final Output output;
    private final XamalConfig config;

    public Migrate(Transport transport, Output output, XamalConfig config) {
        this.transport = transport;
        this.output = output;
        this.config = config;
    }

    /**
     * The launcher arguments of a {@code release.migrate} value: a main class (and its arguments)
     * becomes {@code run <class> ...}; a value starting with {@code run} is used as it is.
     */
    public static List<String> launcherArguments(String migrate) {
        List<String> words = Arrays.asList(migrate.strip().split("\\s+"));
        if (words.get(0).equals("run")) {
            return List.copyOf(words);
        }
        List<String> arguments = new ArrayList<>(List.of("run"));
        arguments.addAll(words);
        return arguments;
    }

    /**
     * @throws UsageException       when {@code release.migrate} is not set
     * @throws EnvironmentException when the migration fails, with its exit status and output tail
     */
    public CommandResult run() {
        String migrate = config.release().migrate().orElseThrow(() -> new UsageException(
                "Nothing to migrate with: set release.migrate in " + "config/xamal.yml to the migration's main class"
                        + " (e.g. com.example.Migrate) or launcher arguments (run com.example.Migrate --apply)"));
        Host host = config.primaryHost();
        AppContext app = new AppContext(config, transport.open(host));
        ReleaseSlot slot = app.activeSlot(config.primary());
        List<String> arguments = launcherArguments(migrate);
        output.info("Migrating " + config.appId() + " on " + host.id() + ": " + String.join(" ", arguments)
                + " (" + slot.unit() + "'s release and environment)");
        CommandResult result = app.remote().exec(RemoteCommand.of(app.oneOff().launcher(slot, arguments, Stdio.PIPE))
                .withTimeout(AppExec.ONE_OFF_TIMEOUT)
                .withListener((stream, line) -> output.sourceLine(host.id(), line)));
        if (!result.succeeded()) {
            String tail = result.outputTail();
            throw new EnvironmentException("The migration (" + String.join(" ", arguments) + ") failed on " + host.id()
                    + " with " + (result.exitStatus() < 0 ? "no exit status (killed or disconnected)"
                    : "exit status " + result.exitStatus()) + (tail.isEmpty() ? "" : "\n--- last output ---\n" + tail));
        }
        output.info("Migrated " + config.appId() + " on " + host.id());
        return result;
    }
}
