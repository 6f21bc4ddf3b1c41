package dev.xamal.maven;

import dev.xamal.core.config.Host;
import java.util.List;

/** The one host an interactive goal runs on: the first selected, saying so when several are. */
final class InteractiveHost {
    private InteractiveHost() {
    }

    static Host first(Servers servers) {
        List<Host> hosts = servers.hosts();
        if (hosts.size() > 1) {
            servers.output().info("Interactive: on " + hosts.get(0).id() + ", the first of " + hosts.size()
                    + " selected hosts (pick another with -Dxamal.hosts=<host>)");
        }
        return hosts.get(0);
    }
}
