package dev.xamal.core.spi;

import java.util.Optional;

/**
 * Who puts a built release on the servers ({@code backend:} in the configuration): xamal itself
 * over SSH, or an adapter such as HostKit that owns the servers' state. The {@code deploy} and
 * {@code rollback} goals hand their work to the configured backend.
 */
public interface DeployBackend {
    /** Deploys the release and returns once the servers run it (or throws saying why not). */
    void deploy(ReleaseArtifact release);

    /**
     * Rolls back.
     *
     * @param version the version to return to; empty: the one before the current deploy. A backend
     *                that cannot choose a version refuses a given one with a
     *                {@link dev.xamal.core.UsageException}.
     */
    void rollback(Optional<String> version);
}
