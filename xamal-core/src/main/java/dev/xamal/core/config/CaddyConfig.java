package dev.xamal.core.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The Caddy front of each proxied host ({@code caddy:}).
 *
 * @param host    the public hostname
 * @param hosts   further hostnames
 * @param appPort the blue port (default 4000); green is {@code appPort + 1}
 * @param ssl     how TLS is provided (default {@link Ssl#ACME})
 */
public record CaddyConfig(Optional<String> host, List<String> hosts, int appPort, Ssl ssl) {

    public static final int DEFAULT_APP_PORT = 4000;

    public CaddyConfig {
        hosts = List.copyOf(hosts);
    }

    /** The blue port. */
    public int bluePort() {
        return appPort;
    }

    /** The green port: {@code app_port + 1}. */
    public int greenPort() {
        return appPort + 1;
    }

    /** {@code host} followed by {@code hosts}, without duplicates. */
    public List<String> allHosts() {
        LinkedHashSet<String> all = new LinkedHashSet<>();
        host.ifPresent(all::add);
        all.addAll(hosts);
        return List.copyOf(new ArrayList<>(all));
    }

    /** {@code caddy.ssl}. */
    public enum Ssl implements ConfigChoice {
        /** {@code true}: certificates from an ACME CA (Let's Encrypt). */
        ACME,
        /** {@code false}: plain HTTP. */
        OFF,
        /** {@code internal}: Caddy's own local CA, for private networks and tests. */
        INTERNAL;

        @Override
        public String yaml() {
            return switch (this) {
                case ACME -> "true";
                case OFF -> "false";
                case INTERNAL -> "internal";
            };
        }
    }
}
