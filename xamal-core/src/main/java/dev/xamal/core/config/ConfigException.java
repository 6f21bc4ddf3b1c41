package dev.xamal.core.config;

import dev.xamal.core.UsageException;

/**
 * A configuration the user has to change: names the file, the full key path (empty for a problem
 * with the file as a whole, such as a YAML syntax error, whose message then gives line and column)
 * and what to change.
 */
public class ConfigException extends UsageException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final String keyPath;

    public ConfigException(String file, String keyPath, String problem) {
        super(format(file, keyPath, problem));
        this.file = file;
        this.keyPath = keyPath;
    }

    /** The file at fault, as the user would write it (relative to the project directory). */
    public String file() {
        return file;
    }

    /** The full key path at fault ({@code servers.web.hosts[1]}), or empty for the whole file. */
    public String keyPath() {
        return keyPath;
    }

    private static String format(String file, String keyPath, String problem) {
        return keyPath.isEmpty() ? file + ": " + problem : file + ": " + keyPath + ": " + problem;
    }
}
