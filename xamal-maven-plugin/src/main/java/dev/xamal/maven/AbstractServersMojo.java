package dev.xamal.maven;

import dev.xamal.core.config.Backend;
import dev.xamal.core.config.Host;
import dev.xamal.core.spi.DeployBackend;
import dev.xamal.core.config.Role;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.hooks.Hook;
import dev.xamal.core.hooks.HookRunner;
import dev.xamal.core.hooks.Performer;
import dev.xamal.core.orchestration.GoalHooks;
import dev.xamal.core.orchestration.HostSelection;
import dev.xamal.core.orchestration.LocalMachine;
import dev.xamal.core.orchestration.LockDetails;
import dev.xamal.core.secrets.Secrets;
import dev.xamal.ssh.SshTransport;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * What the goals that act on servers over SSH share: the configuration (SSH backend only), one
 * {@link Servers} connection for the run, the run's hooks, and the deploy lock. A goal prepares
 * what it needs before any server is touched ({@link #prepare}); then the {@code pre-connect}
 * hook runs; a goal that {@link #takesLock() takes the lock} acquires it (waiting up to
 * {@code -Dxamal.lockWait} seconds), acts on the servers, and releases it in {@code finally} and
 * on Ctrl-C/SIGTERM. A goal started inside a held lock ({@code XAMAL_LOCK=true}, as hooks get it)
 * runs without taking it. Goals that deploy run {@code post-deploy} after the release.
 */
abstract class AbstractServersMojo extends AbstractXamalMojo {
    private final SettingsDecrypter settingsDecrypter;

    AbstractServersMojo(SettingsDecrypter settingsDecrypter) {
        this.settingsDecrypter = settingsDecrypter;
    }

    @Override
    protected final void run() {
        Thread loadStack = startLoadingSshStack();
        try {
            runOnServers();
        } finally {
            awaitQuietly(loadStack);
        }
    }

    /**
     * Loads the SSH stack on a spare thread while the configuration loads. What fails there is
     * left to the transport made later, which reports it; the goal waits for the thread before it
     * ends, so nothing of it runs once Maven closes the plugin's class loader.
     */
    private static Thread startLoadingSshStack() {
        Thread thread = new Thread(() -> {
            try {
                SshTransport.loadStack();
            } catch (RuntimeException | LinkageError e) {
                // Said once, by the transport made later, if it matters.
            }
        }, "xamal-ssh-load");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void awaitQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void runOnServers() {
        XamalConfig config = loadConfig();
        if (config.backend() != Backend.SSH) {
            onBackend(config, hostKit(config));
            return;
        }
        HookRunner hookRunner = new HookRunner(projectDir(), Path.of(config.hooksPath()), skipHooks, output());
        List<Host> selected = HostSelection.select(config, filter(hosts), filter(roles));
        try (WarmTransport<SshTransport> warm = warmTransport(config, hookRunner, selected)) {
            prepare(config);
            Secrets secrets = loadSecrets(config);
            onServers(config, secrets, hookRunner, selected,
                    warm == null ? sshTransport(config, settingsDecrypter, secrets::find) : warm.take());
        }
    }

    /**
     * The transport made while {@link #prepare} runs (the SSH stack loaded and, unless a
     * {@code pre-connect} hook must run first, the selected hosts connected), or null when the
     * transport needs the secrets ({@code ssh.key_data}) and is made after them (null is what
     * try-with-resources skips).
     */
    private WarmTransport<SshTransport> warmTransport(XamalConfig config, HookRunner hookRunner, List<Host> selected) {
        if (!config.ssh().keyData().isEmpty()) {
            return null;
        }
        List<Host> connect = hookRunner.present(Hook.PRE_CONNECT) ? List.of() : selected;
        return WarmTransport.start(() -> sshTransport(config, settingsDecrypter), connect, output());
    }

    private void onServers(XamalConfig config, Secrets secrets, HookRunner hookRunner, List<Host> selected,
                           SshTransport transport) {
        Instant started = Instant.now();
        String insideLock = System.getenv(LockHold.INSIDE_LOCK);
        AtomicReference<LockHold> hold = new AtomicReference<>(LockHold.none(insideLock));
        GoalHooks hooks = new GoalHooks(hookRunner,
                new GoalHooks.Run(config.service(), goalVersion(), selected,
                        HostSelection.roles(config, filter(roles)).stream().map(Role::name).toList(),
                        config.destination(), goal(), performer()), () -> hold.get().held());
        try (Servers servers = new Servers(config, secrets, transport, hosts, roles, output(), hooks, performer())) {
            hooks.run(Hook.PRE_CONNECT);
            if (takesLock()) {
                hold.set(LockHold.take(config, servers.transport(),
                        () -> sshTransport(config, settingsDecrypter, secrets::find),
                        lockDetails(LockDetails.AUTOMATIC),
                        Duration.ofSeconds(Math.max(0, lockWait)), insideLock, output()));
            }
            try (LockHold held = hold.get()) {
                onServers(servers);
            }
            if (deploys()) {
                hooks.run(Hook.POST_DEPLOY, Duration.between(started, Instant.now()));
            }
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
     * Whether this goal holds the deploy lock while it acts on the servers (design §6): setup,
     * deploy, redeploy, and every goal that changes what runs or serves.
     */
    protected boolean takesLock() {
        return false;
    }

    /** Whether the goal deploys: then {@code post-deploy} runs once the lock is released. */
    protected boolean deploys() {
        return false;
    }

    /** The version the goal acts on, for hooks and the lock's details ({@code -Dxamal.version}, or empty). */
    protected String goalVersion() {
        return version == null ? "" : version;
    }

    /** What the goal does on the servers. */
    protected abstract void onServers(Servers servers);

    /** The goal's name, such as {@code deploy}. */
    protected final String goal() {
        return mojoExecution == null ? "unknown" : mojoExecution.getGoal();
    }

    private String performer;

    /** Who runs the goal (git's user, or the OS user). */
    protected final String performer() {
        if (performer == null) {
            performer = Performer.describe(projectDir());
        }
        return performer;
    }

    private static Optional<String> filter(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }

    /** The details of a lock this run takes: performer, now, version, message, machine, process and goal. */
    protected final LockDetails lockDetails(String message) {
        return new LockDetails(performer(), Instant.now(), goalVersion(), message, LocalMachine.current().name(),
                LocalMachine.currentProcess(), goal());
    }
}
