package dev.xamal.core.output;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one place that hides secret values. Secrets register their values when they are loaded;
 * every output path (log lines, exception messages, remote command lines shown to the user, hook
 * output, audit lines) passes its text through {@link #redact(String)} before it leaves the
 * process. Thread-safe.
 *
 * <p>A multi-line value is registered whole and line by line, because output is streamed one line
 * at a time.
 */
public final class Redactor {
    /** What a secret value is replaced with. */
    public static final String MASK = "[REDACTED]";

    private final List<String> values = new CopyOnWriteArrayList<>();

    /** Registers a secret value; blank values are ignored (they cannot be told apart from text). */
    public void register(String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        Set<String> candidates = new LinkedHashSet<>();
        candidates.add(value);
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            for (String line : value.split("\\R")) {
                if (!line.isBlank()) {
                    candidates.add(line);
                }
            }
        }
        synchronized (values) {
            for (String candidate : candidates) {
                if (!values.contains(candidate)) {
                    values.add(candidate);
                }
            }
            // Longest first, so a value containing another is masked whole.
            List<String> sorted = new java.util.ArrayList<>(values);
            sorted.sort(Comparator.comparingInt(String::length).reversed());
            values.clear();
            values.addAll(sorted);
        }
    }

    /** Returns the text with every registered value replaced by {@link #MASK}. */
    public String redact(String text) {
        if (text == null || text.isEmpty() || values.isEmpty()) {
            return text;
        }
        String result = text;
        for (String value : values) {
            if (result.contains(value)) {
                result = result.replace(value, MASK);
            }
        }
        return result;
    }

    /** Whether the text contains any registered value. */
    public boolean containsSecret(String text) {
        if (text == null) {
            return false;
        }
        for (String value : values) {
            if (text.contains(value)) {
                return true;
            }
        }
        return false;
    }
}
