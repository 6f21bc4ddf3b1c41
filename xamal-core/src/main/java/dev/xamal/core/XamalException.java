package dev.xamal.core;

/**
 * Base of every failure xamal reports to its user. The message is the whole story: what failed,
 * where, and what to do next. Subclasses say whose fault it is, which decides how a front end
 * (the Maven plugin) reports it.
 */
public abstract class XamalException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected XamalException(String message) {
        super(message);
    }

    protected XamalException(String message, Throwable cause) {
        super(message, cause);
    }
}
