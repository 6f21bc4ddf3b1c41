package dev.xamal.core.spi;

import dev.xamal.core.EnvironmentException;

/**
 * The connection to a host dropped while a command or a file transfer was running on it (the
 * server closed it, or stopped answering keepalives). What the interrupted step did on the host
 * is unknown; the next use of the host reconnects. Callers may repeat a step only where repeating
 * it is safe.
 */
public class ConnectionLostException extends EnvironmentException {
    private static final long serialVersionUID = 1L;

    public ConnectionLostException(String message, Throwable cause) {
        super(message, cause);
    }
}
