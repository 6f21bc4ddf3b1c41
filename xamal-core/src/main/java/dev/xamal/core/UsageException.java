package dev.xamal.core;

/**
 * A mistake the user can fix by changing their configuration, secrets or command line (bad
 * config, unknown version, missing secret). The message says what to change.
 */
public class UsageException extends XamalException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
