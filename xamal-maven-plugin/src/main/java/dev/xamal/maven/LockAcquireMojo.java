package dev.xamal.maven;

import dev.xamal.core.orchestration.DeployLock;
import java.time.Duration;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Takes the deploy lock and keeps it after the goal ends, so no deploy runs until
 * {@code mvn xamal:lock-release}; fails, naming the holder, when it is held already (with
 * {@code -Dxamal.lockWait=<seconds>} it waits for it first).
 */
@Mojo(name = "lock-acquire", aggregator = true, threadSafe = true)
public class LockAcquireMojo extends AbstractServersMojo {
    /** Why the lock is taken; shown to whoever finds it held. */
    @Parameter(property = "xamal.message", defaultValue = "Manual lock")
    protected String message;

    @Inject
    public LockAcquireMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected void onServers(Servers servers) {
        servers.lock().acquire(lockDetails(message), Duration.ofSeconds(Math.max(0, lockWait)), DeployLock.POLL);
        output().info("Deploy lock of " + servers.config().appId() + " acquired; release it with mvn xamal:lock-release");
    }
}
