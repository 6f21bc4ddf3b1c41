package dev.xamal.core.secrets;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What a systemd {@code EnvironmentFile=} (systemd 252, the test hosts' version) can carry to a
 * process byte for byte, as found on a real host (the findings are in {@code docs/secrets.md}).
 * Secrets are checked when they are loaded and every variable when an env file is rendered, so a
 * value that would arrive altered is refused instead.
 */
public final class EnvironmentFileLimits {
    /**
     * The longest {@code NAME=value} string, in UTF-8 bytes without the terminating NUL, that a
     * process can be started with (Linux's per-string limit for the environment of exec, 32 pages).
     */
    public static final int MAX_ASSIGNMENT_BYTES = 32 * 4096 - 1;

    private EnvironmentFileLimits() {
    }

    /** Why a variable name cannot be used, if it cannot. */
    public static Optional<String> nameProblem(String name) {
        if (!DotenvParser.isName(name)) {
            return Optional.of("'" + name + "' is not a valid variable name (letters, digits and _, not starting with a digit)");
        }
        return Optional.empty();
    }

    /** Why a value cannot reach a process unchanged under this name, if it cannot. The value itself is never part of the answer. */
    public static Optional<String> valueProblem(String name, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                return Optional.of("it contains a NUL character, which no process environment can hold");
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
                continue;
            }
            if (Character.isSurrogate(c)) {
                return Optional.of("it is not valid Unicode text (an unpaired surrogate), so it has no UTF-8 form");
            }
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length + 1 + value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_ASSIGNMENT_BYTES) {
            return Optional.of("NAME=value is " + bytes + " bytes, more than the " + MAX_ASSIGNMENT_BYTES
                    + " a process environment entry can hold");
        }
        return Optional.empty();
    }
}
