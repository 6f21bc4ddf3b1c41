package dev.xamal.core.secrets.vault;

import dev.xamal.core.UsageException;
import java.util.List;
import java.util.Optional;

/**
 * What {@code secrets-fetch} asks a vault for.
 *
 * @param account the vault account (an e-mail, a 1Password account, an AWS profile, a Google
 *                account), when the adapter uses one
 * @param from    where the keys live (a vault/item, a prefix, a project, a folder), when given
 * @param keys    the secrets to fetch, relative to {@code from}
 */
public record FetchRequest(Optional<String> account, Optional<String> from, List<String> keys) {
    public FetchRequest {
        account = account.filter(a -> !a.isBlank()).map(String::strip);
        from = from.filter(f -> !f.isBlank()).map(FetchRequest::withoutTrailingSlash);
        keys = List.copyOf(keys);
    }

    /** The keys, each prefixed with {@code from/} when {@code from} is given. */
    public List<String> qualifiedKeys() {
        return keys.stream().map(this::qualified).toList();
    }

    /** A key prefixed with {@code from/} when {@code from} is given. */
    public String qualified(String key) {
        return from.map(f -> f + "/" + key).orElse(key);
    }

    /**
     * @throws UsageException when no key is given, showing the adapter's usage
     */
    public FetchRequest requireKeys(String adapter, String usage) {
        if (keys.isEmpty()) {
            throw new UsageException("Name the secrets to fetch with -Dxamal.keys; the " + adapter + " adapter takes " + usage);
        }
        return this;
    }

    /**
     * @throws UsageException when {@code from} is missing, showing the adapter's usage
     */
    public String requireFrom(String adapter, String usage) {
        return from.orElseThrow(() -> new UsageException("The " + adapter + " adapter needs -Dxamal.from: " + usage));
    }

    private static String withoutTrailingSlash(String value) {
        String stripped = value.strip();
        return stripped.endsWith("/") ? stripped.substring(0, stripped.length() - 1) : stripped;
    }
}
