package dev.xamal.core.orchestration;

import dev.xamal.core.config.Host;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One role booted on one host.
 *
 * @param host         the host
 * @param role         the role
 * @param version      the version now serving
 * @param port         the port it serves on (empty for a role without proxy)
 * @param previousPort the port of the instance it replaced, if one was serving
 * @param drainWaits   how many times the drain waited for in-flight requests of the old instance
 * @param drain        how long the drain took
 * @param took         how long the whole boot took
 * @param appState     what {@link dev.xamal.core.commands.AppStateCommands#inventory()} printed on the
 *                     host right after the switch was recorded, when the boot read it (for the prune
 *                     that follows)
 */
public record Booted(Host host, String role, String version, OptionalInt port, OptionalInt previousPort,
                     int drainWaits, Duration drain, Duration took, Optional<String> appState) {
    /** A boot that did not read the app's state. */
    public Booted(Host host, String role, String version, OptionalInt port, OptionalInt previousPort,
                  int drainWaits, Duration drain, Duration took) {
        this(host, role, version, port, previousPort, drainWaits, drain, took, Optional.empty());
    }
}
