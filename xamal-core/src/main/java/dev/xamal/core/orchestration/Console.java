package dev.xamal.core.orchestration;

import dev.xamal.core.UsageException;
import dev.xamal.core.commands.AppPrivileges.Stdio;
import dev.xamal.core.commands.ReleaseSlot;
import dev.xamal.core.commands.SlotCommands;
import dev.xamal.core.config.Host;
import dev.xamal.core.config.ReleaseConfig;
import dev.xamal.core.config.Role;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.output.Output;
import dev.xamal.core.spi.Terminal;
import dev.xamal.core.spi.Transport;
import java.util.List;

/**
 * {@code console}: the launcher's {@code console} (JShell on the release's class path, or
 * {@code release.console}) in the serving release of one host, with the slot's environment, over
 * a pseudo-terminal wired to the local terminal. A fresh JVM, not attached to the running app.
 */
public final class Console {
    /** What JShell needs in a jlink runtime: itself, and the zip file system to read the class path's jars. */
    public static final List<String> JSHELL_MODULES = List.of("jdk.jshell", "jdk.zipfs");

    private final Transport transport;
    private final Output output;
    private final XamalConfig config;

    public Console(Transport transport, Output output, XamalConfig config) {
        this.transport = transport;
        this.output = output;
        this.config = config;
    }

    /**
     * @throws UsageException when the release's jlink runtime has no JShell and no
     *                        {@code release.console} is set, saying how to add it
     */
    public void run(Host host, List<Role> roles, Terminal terminal) {
        AppContext app = new AppContext(config, transport.open(host));
        ReleaseSlot slot = app.activeSlot(app.role(roles));
        boolean jshell = config.release().console().isEmpty();
        if (jshell && config.release().runtime() == ReleaseConfig.Runtime.JLINK) {
            List<String> missing = app.remote().run(SlotCommands.missingModules(slot, JSHELL_MODULES)).stdout()
                    .lines().map(String::strip).filter(m -> !m.isEmpty()).toList();
            if (!missing.isEmpty()) {
                throw new UsageException("The release serving on " + host.id() + " cannot run JShell: its runtime"
                        + " lacks " + String.join(" and ", missing) + ". Add " + String.join(", ", missing)
                        + " to release.jlink.add_modules (or set release.console to a main class), then deploy again");
            }
        }
        output.info("Console of " + config.appId() + " on " + host.id() + " ("
                + (jshell ? "JShell" : config.release().console().get()) + ", " + slot.unit()
                + "'s release and environment)");
        app.interactive(app.oneOff().launcher(slot, List.of("console"), Stdio.PTY), terminal, "The console");
    }
}
