package dev.xamal.maven;

import dev.xamal.core.UsageException;
import dev.xamal.core.config.Backend;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.hostkit.HostKitBackend;

/** What the HostKit goals share: a configuration with {@code backend: hostkit}, the built release, the backend. */
abstract class AbstractHostKitMojo extends AbstractReleaseMojo {

    /** Loads the configuration and requires {@code backend: hostkit}. */
    protected final XamalConfig loadHostKitConfig() {
        XamalConfig config = loadConfig();
        if (config.backend() != Backend.HOSTKIT) {
            throw new UsageException("xamal:" + mojoExecution.getGoal() + " works with backend: hostkit, but "
                    + configFile + " sets backend: ssh (the default): set backend: hostkit "
                    + "and the hostkit: settings (mvn xamal:docs -Dxamal.topic=hostkit)");
        }
        return config;
    }

    protected final HostKitBackend backend(XamalConfig config) {
        return hostKit(config);
    }
}
