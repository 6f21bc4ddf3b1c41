package dev.xamal.core.config;

/**
 * One entry of {@code env.secret}: {@code NAME} (variable NAME gets secret NAME) or
 * {@code NAME:KEY} (variable NAME gets secret KEY).
 *
 * @param variable the environment variable set on the server
 * @param key      the secret it takes its value from
 */
public record SecretRef(String variable, String key) {

    /** Parses {@code NAME} or {@code NAME:KEY}, split at the first colon. */
    public static SecretRef parse(String entry) {
        int colon = entry.indexOf(':');
        if (colon < 0) {
            return new SecretRef(entry, entry);
        }
        return new SecretRef(entry.substring(0, colon), entry.substring(colon + 1));
    }

    /** The entry as written: {@code NAME} or {@code NAME:KEY}. */
    @Override
    public String toString() {
        return variable.equals(key) ? variable : variable + ":" + key;
    }
}
