package dev.xamal.maven;

import dev.xamal.core.config.Backend;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.spi.DeployBackend;
import dev.xamal.hostkit.HostKitBackend;
import dev.xamal.core.secrets.Secrets;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import dev.xamal.core.orchestration.ProjectHooks;

/**
 * What the goals that act on servers over SSH share: the configuration (SSH backend only), one
 * {@link Servers} connection for the run, and whether the goal takes the deploy lock. A goal
 * prepares what it needs before any server is touched ({@link #prepare}), then acts on them.
 * (It extends the release goals' base because goals that deploy need both; the others ignore
 * {@code xamal.module}.)
 */
abstract class AbstractServersMojo extends AbstractReleaseMojo {
    private final SettingsDecrypter settingsDecrypter;

    AbstractServersMojo(SettingsDecrypter settingsDecrypter) {
        this.settingsDecrypter = settingsDecrypter;
    }

    @Override
    protected final void run() {
        XamalConfig config = loadConfig();
        if (config.backend() != Backend.SSH) {
            onBackend(config, new HostKitBackend(config, projectDir(), System.getenv(), output()));
            return;
        }
        prepare(config);
        Secrets secrets = loadSecrets(config);
        try (Servers servers = new Servers(config, secrets, sshTransport(config, settingsDecrypter, secrets::find),
                hosts, roles, new ProjectHooks(projectDir(), skipHooks, goal()), output())) {
            onServers(servers);
        }
    }

    /**
     * What the goal does when another backend owns the servers' state ({@code backend: hostkit}):
     * by default it refuses, saying which goals apply; {@code deploy} and {@code rollback} hand
     * their work to the backend.
     */
    protected void onBackend(XamalConfig config, DeployBackend backend) {
        requireSshBackend(config);
    }

    /** Work done before any server is touched (building the release, checking parameters). */
    protected void prepare(XamalConfig config) {
    }

    /**
     * Whether this goal holds the deploy lock while it acts on the servers (design §6; the lock
     * issue lists the goals that do).
     */
    protected boolean takesLock() {
        return false;
    }

    /** What the goal does on the servers. */
    protected abstract void onServers(Servers servers);

    /** The goal's name ({@code deploy}, {@code app-boot}, ...), for hooks. */
    protected final String goal() {
        return mojoExecution == null ? "deploy" : mojoExecution.getGoal();
    }
}
