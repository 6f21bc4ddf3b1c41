package dev.xamal.core.orchestration;

import dev.xamal.core.EnvironmentException;
import dev.xamal.core.commands.AppPrivileges.Stdio;
import dev.xamal.core.commands.ReleaseSlot;
import dev.xamal.core.config.Host;
import dev.xamal.core.config.Role;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.output.Output;
import dev.xamal.core.spi.CommandResult;
import dev.xamal.core.spi.RemoteCommand;
import dev.xamal.core.spi.Terminal;
import dev.xamal.core.spi.Transport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code app-exec}: a shell command in the serving release of each host, as the release user, in
 * the slot's directory and with the slot's environment (design §6), plus added variables. Hosts
 * run in parallel with host-prefixed output; each reports its exit status, and the whole fails
 * afterwards when any host's command failed. Interactive commands run on one host over a
 * pseudo-terminal.
 */
public final class AppExec {
    /** How long a one-off command may run. */
    public static final Duration ONE_OFF_TIMEOUT = Duration.ofHours(12);

    private final Transport transport;
    private final Output output;
    private final XamalConfig config;

    public AppExec(Transport transport, Output output, XamalConfig config) {
        this.transport = transport;
        this.output = output;
        this.config = config;
    }

    /** One host's command and how it ended. */
    public record HostExit(Host host, CommandResult result) {
    }

    /**
     * Runs the command on every host.
     *
     * @param roles    the selected roles (on a host with several, the proxied one's slot is used)
     * @param extraEnv variables added to the slot's environment
     * @return each host's exit, in the order of {@code hosts}
     * @throws EnvironmentException naming each host whose command failed, with its exit status and output tail
     */
    public List<HostExit> run(List<Host> hosts, List<Role> roles, String command, Map<String, String> extraEnv) {
        output.info("Running `" + command + "` in " + config.appId() + " on " + hosts.size()
                + (hosts.size() == 1 ? " host" : " hosts"));
        List<HostExit> exits = new FanOut(config.ssh().maxConcurrentStarts(), FanOut.Mode.REPORT_ALL).run(hosts, host -> {
            AppContext app = new AppContext(config, transport.open(host));
            ReleaseSlot slot = app.activeSlot(app.role(roles));
            CommandResult result = app.remote().exec(RemoteCommand.of(app.oneOff().shell(slot, extraEnv, command, Stdio.PIPE))
                    .withTimeout(ONE_OFF_TIMEOUT)
                    .withListener((stream, line) -> output.sourceLine(host.id(), line)));
            output.sourceLine(host.id(), "exit status " + result.exitStatus());
            return new HostExit(host, result);
        }).values();
        List<HostExit> failed = exits.stream().filter(e -> !e.result().succeeded()).toList();
        if (!failed.isEmpty()) {
            throw new EnvironmentException("`" + command + "` failed on " + failed.size() + " of " + exits.size()
                    + (exits.size() == 1 ? " host" : " hosts") + ":\n" + failed.stream().map(AppExec::describe)
                    .collect(Collectors.joining("\n")));
        }
        return exits;
    }

    /**
     * Runs the command on one host over a pseudo-terminal wired to the local terminal.
     *
     * @throws EnvironmentException when it exits with a non-zero status
     */
    public void interactive(Host host, List<Role> roles, String command, Map<String, String> extraEnv,
                            Terminal terminal) {
        AppContext app = new AppContext(config, transport.open(host));
        ReleaseSlot slot = app.activeSlot(app.role(roles));
        output.info("Running `" + command + "` in " + config.appId() + " on " + host.id() + " (" + slot.unit()
                + "'s release and environment) over a terminal");
        app.interactive(app.oneOff().shell(slot, extraEnv, command, Stdio.PTY), terminal, "`" + command + "`");
    }

    private static String describe(HostExit exit) {
        String status = exit.result().exitStatus() < 0 ? "no exit status (killed or disconnected)"
                : "exit status " + exit.result().exitStatus();
        String tail = exit.result().outputTail();
        return "- " + exit.host().id() + ": " + status + (tail.isEmpty() ? "" : "\n  " + tail.replace("\n", "\n  "));
    }
}
