package dev.xamal.maven;

import dev.xamal.core.UsageException;
import dev.xamal.core.config.Host;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.orchestration.HostSelection;
import dev.xamal.core.orchestration.ServerExec;
import dev.xamal.core.spi.RemoteCommand;
import dev.xamal.ssh.SshTransport;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Runs a shell command on the servers, in parallel, each output line prefixed with its host:
 * {@code mvn xamal:server-exec -Dxamal.cmd="df -h /"}. Narrow the servers with
 * {@code -Dxamal.hosts} and {@code -Dxamal.roles}. Every selected host runs the command; the goal
 * fails afterwards if it failed on any of them, naming each with its exit status and output tail.
 */
@Mojo(name = "server-exec", aggregator = true, threadSafe = true)
public class ServerExecMojo extends AbstractXamalMojo {

    /** The command line to run on each server, by the SSH user's login shell. */
    @Parameter(property = "xamal.cmd")
    protected String cmd;

    private final SettingsDecrypter settingsDecrypter;

    @Inject
    public ServerExecMojo(SettingsDecrypter settingsDecrypter) {
        this.settingsDecrypter = settingsDecrypter;
    }

    @Override
    protected void run() {
        if (cmd == null || cmd.isBlank()) {
            throw new UsageException("Say what to run: mvn xamal:server-exec -Dxamal.cmd=\"uptime\"");
        }
        XamalConfig config = loadConfig();
        requireSshBackend(config);
        List<Host> targets = HostSelection.select(config, Optional.ofNullable(hosts), Optional.ofNullable(roles));
        try (SshTransport transport = sshTransport(config, settingsDecrypter)) {
            new ServerExec(transport, output(), config.ssh().maxConcurrentStarts()).run(targets, RemoteCommand.inLoginShell(cmd));
        }
    }
}
