package dev.xamal.core.spi;

import dev.xamal.core.config.Host;

/**
 * Opens {@link RemoteHost}s. One transport lives for one goal run and pools one connection per
 * host identity; closing it closes every connection.
 */
public interface Transport extends AutoCloseable {
    /** The pooled remote host for this host, connecting on first use. */
    RemoteHost open(Host host);

    @Override
    void close();
}
