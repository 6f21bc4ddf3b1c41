package dev.xamal.core.output;

/** An {@link Output} that hides registered secrets before delegating. */
final class RedactingOutput implements Output {
    private final Output delegate;
    private final Redactor redactor;

    RedactingOutput(Output delegate, Redactor redactor) {
        this.delegate = delegate;
        this.redactor = redactor;
    }

    @Override
    public void info(String line) {
        delegate.info(redactor.redact(line));
    }

    @Override
    public void warn(String line) {
        delegate.warn(redactor.redact(line));
    }

    @Override
    public void error(String line) {
        delegate.error(redactor.redact(line));
    }

    @Override
    public void debug(String line) {
        if (delegate.isDebugEnabled()) {
            delegate.debug(redactor.redact(line));
        }
    }

    @Override
    public boolean isDebugEnabled() {
        return delegate.isDebugEnabled();
    }

    @Override
    public void sourceLine(String source, String line) {
        delegate.sourceLine(redactor.redact(source), redactor.redact(line));
    }
}
