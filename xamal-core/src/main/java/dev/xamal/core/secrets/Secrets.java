package dev.xamal.core.secrets;

import dev.xamal.core.UsageException;
import dev.xamal.core.config.SecretRef;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The secrets of a run: every key of the secrets files with its final value, in the order keys
 * first appear. Values are already registered with the run's redactor by {@link SecretsLoader}.
 * Lookups that fail say which key was wanted, by what, and which files were searched.
 */
public final class Secrets {
    private final Map<String, String> values;
    private final SecretFiles files;

    Secrets(Map<String, String> values, SecretFiles files) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.files = files;
    }

    /** The files these secrets were read from (or would have been). */
    public SecretFiles files() {
        return files;
    }

    /** Every key, in the order it first appears in the files. */
    public Set<String> keys() {
        return values.keySet();
    }

    /** The value of a key, if the files define it. */
    public Optional<String> find(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /**
     * The value of a key the run cannot do without.
     *
     * @param key    the secret's key
     * @param neededBy what needs it, for the message, e.g. {@code "env.secret entry DB_URL:DATABASE_URL"}
     *                 or {@code "ssh.key_data"}
     * @throws UsageException naming the key, what needs it and the files searched
     */
    public String require(String key, String neededBy) {
        String value = values.get(key);
        if (value == null) {
            throw new UsageException("Secret '" + key + "' (needed by " + neededBy + ") is not defined: "
                    + files.describeSearch() + ". Add " + key + "=... to one of those files.");
        }
        return value;
    }

    /**
     * The values for {@code env.secret} entries, as variable name to value, in the entries' order:
     * {@code NAME} takes secret NAME, {@code NAME:KEY} takes secret KEY.
     *
     * @throws UsageException for the first entry whose secret is missing
     */
    public Map<String, String> resolve(List<SecretRef> secretEntries) {
        Map<String, String> env = new LinkedHashMap<>();
        for (SecretRef entry : secretEntries) {
            env.put(entry.variable(), require(entry.key(), "env.secret entry '" + entry + "'"));
        }
        return Collections.unmodifiableMap(env);
    }

    /** The key names only; values never appear in {@code toString}. */
    @Override
    public String toString() {
        return "Secrets" + values.keySet();
    }
}
