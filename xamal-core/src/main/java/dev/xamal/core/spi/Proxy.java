package dev.xamal.core.spi;

import dev.xamal.core.commands.Privileged;
import java.util.List;
import java.util.OptionalInt;

/**
 * The reverse proxy in front of the apps on a host (Caddy, in xamal-caddy). Core's boot decides
 * which ports an app's traffic goes to; the proxy carries it out. Every change reloads the
 * host's whole proxy configuration, so a change for one app never drops another.
 */
public interface Proxy {
    /**
     * Makes the host ready: installs the proxy when absent and makes its main configuration load
     * every app's site. Idempotent.
     *
     * @return the changes made and what the host's owner should still change
     */
    ProxyPreparation prepare(RemoteHost host);

    /**
     * Points the app's site at {@code site}: writes its site file, validates the whole
     * configuration and reloads. On a validation or reload failure the previous site file is put
     * back and the failure is thrown.
     */
    void route(RemoteHost host, ProxySite site);

    /**
     * {@link #route}, then, only once the site is in place, {@code then} on the host: in one round
     * trip where the proxy can. A failed route throws as {@link #route} does and {@code then} does
     * not run; {@code then}'s own failure is returned, not thrown.
     *
     * @return what {@code then} printed and its exit status
     */
    default CommandResult routeThen(RemoteHost host, ProxySite site, String then) {
        route(host, site);
        return host.exec(RemoteCommand.of(then));
    }

    /**
     * Fails when another app's site on the host already answers for an address of {@code site}
     * (two apps on one host need their own host names). Bootstrap calls it before it writes
     * anything of the app. Does nothing by default.
     *
     * @throws dev.xamal.core.UsageException naming the other app and the shared address
     */
    default void checkSite(RemoteHost host, ProxySite site) {
    }

    /** Requests in flight to {@code localhost:<port>}, or empty when the proxy does not list the port. */
    default OptionalInt inFlight(RemoteHost host, int port) {
        return inFlight(host.run(inFlightQuery()).stdout(), port);
    }

    /**
     * The command whose output {@link #inFlight(String, int)} reads: appended to another command,
     * it tells the requests in flight within that command's round trip. It reads no standard input.
     */
    String inFlightQuery();

    /**
     * The requests in flight to {@code localhost:<port>} from what {@link #inFlightQuery()}
     * printed, or empty when the proxy does not list the port.
     */
    OptionalInt inFlight(String printed, int port);

    /** Removes the app's site and reloads. Does nothing when the app has no site. */
    void remove(RemoteHost host, String appId);

    /**
     * Every command the proxy runs as another user (root, or its own service user), so a
     * non-root SSH user's sudoers lines can allow exactly these.
     */
    default List<Privileged> privilegedCommands() {
        return List.of();
    }
}
