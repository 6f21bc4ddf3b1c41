package dev.xamal.maven;

import dev.xamal.core.UsageException;
import dev.xamal.core.config.Host;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.orchestration.AppExec;
import dev.xamal.core.orchestration.EnvAssignments;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Runs a shell command in the app's serving release on each selected host:
 * {@code mvn xamal:app-exec -Dxamal.cmd="bin/shop version"}. It runs through {@code systemd-run}
 * as the release user, in the serving slot's directory, with that slot's env file (systemd reads
 * it, as for the app itself) plus {@code -Dxamal.env}. Hosts run in parallel, each output line
 * prefixed with its host, and each reports its exit status; the goal fails when the command failed
 * on any host. With {@code -Dxamal.interactive} it runs on the first selected host over a terminal.
 */
@Mojo(name = "app-exec", aggregator = true, threadSafe = true)
public class AppExecMojo extends AbstractServersMojo {

    /** The shell command line to run (by {@code /bin/sh -c}) in the release. */
    @Parameter(property = "xamal.cmd")
    protected String cmd;

    /**
     * Variables added to the release's environment, {@code NAME=value} pairs separated by commas:
     * {@code -Dxamal.env="GREETING=hello world,MODE=dry"}. A value may hold spaces, quotes and
     * commas (a comma starts a new pair only before {@code NAME=}).
     */
    @Parameter(property = "xamal.env")
    protected String env;

    /** Run on one host (the first selected) over a terminal, for interactive programs. */
    @Parameter(property = "xamal.interactive", defaultValue = "false")
    protected boolean interactive;

    private Map<String, String> extraEnv;

    @Inject
    public AppExecMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected void prepare(XamalConfig config) {
        if (cmd == null || cmd.isBlank()) {
            throw new UsageException("Say what to run: mvn xamal:app-exec -Dxamal.cmd=\"bin/"
                    + config.release().name() + " version\"");
        }
        extraEnv = EnvAssignments.parse(env);
    }

    @Override
    protected void onServers(Servers servers) {
        AppExec exec = new AppExec(servers.transport(), servers.output(), servers.config());
        if (!interactive) {
            servers.audit("Executed `" + redactor().redact(cmd) + "` in the release");
            exec.run(servers.hosts(), servers.roles(), cmd, extraEnv);
            return;
        }
        Host host = InteractiveHost.first(servers);
        servers.audit(List.of(host), Optional.empty(), Optional.empty(),
                "Executed `" + redactor().redact(cmd) + "` in the release, interactively");
        try (LocalTerminal terminal = LocalTerminal.open()) {
            exec.interactive(host, servers.roles(), cmd, extraEnv, terminal.terminal());
        }
    }
}
