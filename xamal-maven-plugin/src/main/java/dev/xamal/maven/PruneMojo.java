package dev.xamal.maven;

import dev.xamal.core.orchestration.Prune;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Removes old releases on the selected hosts: keeps the active release and the
 * {@code retain_releases} most recently deployed others (ordered by each host's deploy history,
 * never by file times, and never a release a unit's slot still points at), removes the rest of
 * this app's releases and the cached layers no kept release uses, and prints what that freed.
 * Every deploy ends with it. {@code mvn xamal:app-stale-releases} shows what it would remove.
 * Holds the deploy lock.
 */
@Mojo(name = "prune", aggregator = true, threadSafe = true)
public class PruneMojo extends AbstractServersMojo {
    @Inject
    public PruneMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected boolean takesLock() {
        return true;
    }

    @Override
    protected void onServers(Servers servers) {
        new Prune(servers.transport(), servers.output()).prune(servers.config(), servers.hosts());
        servers.audit("Pruned old releases");
    }
}
