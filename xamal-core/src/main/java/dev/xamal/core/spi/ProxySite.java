package dev.xamal.core.spi;

import dev.xamal.core.config.CaddyConfig;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the proxy in front of one app on one host is told: the addresses it answers on, how TLS is provided, and either the
 * local ports it proxies to (the first is preferred, later ones are fallbacks while they drain)
 * or the maintenance response it serves instead.
 *
 * @param appId       the app's id on the host ({@code <service>} or {@code <service>.<destination>})
 * @param hostnames   public host names; empty means "any name on port 80"
 * @param ssl         how TLS is provided
 * @param upstreams   local ports, preferred first; empty only in maintenance
 * @param maintenance the maintenance response, when the app is in maintenance
 */
public record ProxySite(String appId, List<String> hostnames, CaddyConfig.Ssl ssl,
                        List<Integer> upstreams, Optional<Maintenance> maintenance) {

    public ProxySite {
        Objects.requireNonNull(appId, "appId");
        hostnames = List.copyOf(hostnames);
        upstreams = List.copyOf(upstreams);
        Objects.requireNonNull(ssl, "ssl");
        Objects.requireNonNull(maintenance, "maintenance");
        if (upstreams.isEmpty() && maintenance.isEmpty()) {
            throw new IllegalArgumentException("a site needs upstream ports or a maintenance response");
        }
    }

    /** A site proxying to the given ports, preferred first. */
    public static ProxySite proxying(String appId, CaddyConfig caddy, List<Integer> ports) {
        return new ProxySite(appId, caddy.allHosts(), caddy.ssl(), ports, Optional.empty());
    }

    /** The same site serving the maintenance response instead of proxying. */
    public ProxySite inMaintenance(Maintenance response) {
        return new ProxySite(appId, hostnames, ssl, upstreams, Optional.of(response));
    }

    /**
     * The 503 response of maintenance mode.
     *
     * @param message           the text served, when no page is configured
     * @param page              the remote path of an HTML page served instead of the message
     * @param retryAfterSeconds the {@code Retry-After} header's value
     */
    public record Maintenance(String message, Optional<String> page, int retryAfterSeconds) {
        public static final String DEFAULT_MESSAGE = "Service under maintenance";

        public Maintenance {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(page, "page");
        }
    }
}
