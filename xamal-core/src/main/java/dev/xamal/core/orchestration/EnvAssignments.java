package dev.xamal.core.orchestration;

import dev.xamal.core.UsageException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The variables {@code -Dxamal.env=NAME=value,NAME=value} adds to a one-off command's
 * environment. A comma starts a new variable only where a name and {@code =} follow it, so values
 * may hold commas, spaces and quotes; they arrive exactly as written.
 */
public final class EnvAssignments {
    private EnvAssignments() {
    }

    /**
     * @param text the parameter's value; blank means none
     * @throws UsageException when a part is not {@code NAME=value}
     */
    public static Map<String, String> parse(String text) {
        Map<String, String> env = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return Collections.unmodifiableMap(env);
        }
        for (String part : text.split(",(?=[A-Za-z_][A-Za-z0-9_]*=)")) {
            int equals = part.indexOf('=');
            String name = equals < 0 ? part : part.substring(0, equals);
            if (equals < 0 || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new UsageException("xamal.env takes NAME=value pairs separated by commas (names are letters,"
                        + " digits and _, not starting with a digit); '" + part + "' is not one");
            }
            env.put(name, part.substring(equals + 1));
        }
        return Collections.unmodifiableMap(env);
    }
}
