package dev.xamal.core.secrets;

import dev.xamal.core.UsageException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes the env file a slot's systemd unit reads with {@code EnvironmentFile=}: one
 * {@code NAME="value"} assignment per variable, in the given order, UTF-8. Inside the double
 * quotes systemd takes every byte literally except {@code \} followed by one of
 * {@code " \ ` $} (which yields that character) and {@code \} followed by a newline (a line
 * continuation), so exactly those four characters are escaped; newlines, carriage returns, tabs,
 * other control characters, {@code #}, {@code %}, single quotes and non-ASCII text pass through as
 * they are. Verified byte for byte on systemd 252 (see {@code docs/secrets.md}). Unquoted values
 * would not do: systemd ends them at a carriage return, trims them and drops their backslashes.
 *
 * <p>{@code PORT} belongs to xamal (each instance gets its port from its unit) and is refused, as
 * are names and values {@link EnvironmentFileLimits} says a unit cannot carry. Messages name the
 * variable, never its value.
 */
public final class EnvFileRenderer {
    /** The variable xamal sets itself for every instance. */
    public static final String RESERVED_PORT = "PORT";

    private EnvFileRenderer() {
    }

    /**
     * Renders the variables.
     *
     * @param variables name to value, in the order to write them
     * @return the file's bytes (empty for no variables)
     * @throws UsageException for PORT, an invalid name or a value that cannot be carried
     */
    public static byte[] render(Map<String, String> variables) {
        StringBuilder file = new StringBuilder();
        variables.forEach((name, value) -> {
            if (RESERVED_PORT.equals(name)) {
                throw new UsageException("PORT is set by xamal for each instance of the app; remove PORT from env.");
            }
            EnvironmentFileLimits.nameProblem(name).ifPresent(problem -> {
                throw new UsageException("env variable " + problem + "; rename it.");
            });
            EnvironmentFileLimits.valueProblem(name, value).ifPresent(problem -> {
                throw new UsageException("The value of env variable " + name + " cannot be passed to the app unchanged: "
                        + problem + ".");
            });
            file.append(name).append("=\"");
            quoteInto(file, value);
            file.append("\"\n");
        });
        EnvironmentFileLimits.totalProblem(variables).ifPresent(problem -> {
            throw new UsageException("The env cannot be passed to the app: " + problem + ".");
        });
        return file.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void quoteInto(StringBuilder file, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\' || c == '`' || c == '$') {
                file.append('\\');
            }
            file.append(c);
        }
    }
}
