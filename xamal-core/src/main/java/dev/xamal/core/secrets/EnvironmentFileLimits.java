package dev.xamal.core.secrets;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * What a systemd {@code EnvironmentFile=} can carry to a process byte for byte, as measured on
 * systemd 252 (Debian bookworm) with the values written by {@link EnvFileRenderer}; the
 * experiment and its results are in {@code docs/secrets.md}. Secrets are checked when they are
 * loaded and every variable again when an env file is rendered, so a value that would arrive
 * altered, be dropped, or stop the unit from starting is refused instead. Answers never contain
 * the value.
 */
public final class EnvironmentFileLimits {
    /**
     * The longest {@code NAME=value}, in UTF-8 bytes without the terminating NUL, a process can be
     * started with: Linux's limit on one environment string (32 pages). One byte more and the
     * unit fails with "Argument list too long".
     */
    public static final int MAX_ASSIGNMENT_BYTES = 32 * 4096 - 1;

    /**
     * The most an env file may add to a process's environment, counting each assignment's bytes,
     * its NUL and its 8-byte pointer: the exec limit with the default 8 MiB stack is 2 MiB for
     * arguments and environment together, less room kept for systemd's own variables and the
     * command line.
     */
    public static final int MAX_TOTAL_BYTES = 2 * 1024 * 1024 - 64 * 1024;

    private EnvironmentFileLimits() {
    }

    /**
     * Why a variable name cannot be used, if it cannot: systemd silently drops assignments whose
     * name is not {@code [A-Za-z_][A-Za-z0-9_]*} (a dot, dash, colon, space or non-ASCII letter).
     */
    public static Optional<String> nameProblem(String name) {
        if (!DotenvParser.isName(name)) {
            return Optional.of("'" + name + "' is not a name systemd accepts (letters, digits and _, not starting with a digit)");
        }
        return Optional.empty();
    }

    /** Why a value cannot reach a process unchanged under this name, if it cannot. */
    public static Optional<String> valueProblem(String name, String value) {
        for (int i = 0; i < value.length(); ) {
            int codePoint = value.codePointAt(i);
            if (codePoint == 0) {
                return Optional.of("it contains a NUL character, which no process environment can hold");
            }
            if (Character.isSurrogate((char) codePoint) && Character.charCount(codePoint) == 1) {
                return Optional.of("it is not valid Unicode text (an unpaired surrogate), so it has no UTF-8 form");
            }
            if (isNoncharacter(codePoint)) {
                return Optional.of(String.format("it contains the Unicode noncharacter U+%04X, which systemd refuses"
                        + " (the unit would not start)", codePoint));
            }
            i += Character.charCount(codePoint);
        }
        int bytes = assignmentBytes(name, value);
        if (bytes > MAX_ASSIGNMENT_BYTES) {
            return Optional.of(name + "=value is " + bytes + " bytes, more than the " + MAX_ASSIGNMENT_BYTES
                    + " one environment entry can hold");
        }
        return Optional.empty();
    }

    /** Why a whole set of variables cannot be passed to one process, if it cannot. */
    public static Optional<String> totalProblem(Map<String, String> variables) {
        long total = 0;
        String largest = null;
        int largestBytes = -1;
        for (Map.Entry<String, String> variable : variables.entrySet()) {
            int bytes = assignmentBytes(variable.getKey(), variable.getValue());
            total += bytes + 1 + 8;
            if (bytes > largestBytes) {
                largest = variable.getKey();
                largestBytes = bytes;
            }
        }
        if (total > MAX_TOTAL_BYTES) {
            return Optional.of("together the variables take " + total + " bytes, more than the " + MAX_TOTAL_BYTES
                    + " a process environment can hold (the largest is " + largest + ", " + largestBytes + " bytes)");
        }
        return Optional.empty();
    }

    /** U+FDD0..U+FDEF and the last two code points of every plane, which systemd's UTF-8 check rejects. */
    private static boolean isNoncharacter(int codePoint) {
        return (codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE;
    }

    private static int assignmentBytes(String name, String value) {
        return name.getBytes(StandardCharsets.UTF_8).length + 1 + value.getBytes(StandardCharsets.UTF_8).length;
    }
}
