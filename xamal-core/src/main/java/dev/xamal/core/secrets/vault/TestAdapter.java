package dev.xamal.core.secrets.vault;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs no program: each key's value is the key reversed ({@code from/} prefix included), so
 * secrets files and tests can use {@code secrets-fetch} without a vault.
 */
final class TestAdapter implements VaultAdapter {
    @Override
    public String name() {
        return "test";
    }

    @Override
    public String program() {
        return "";
    }

    @Override
    public String loginCommand(FetchRequest request) {
        return "(nothing to sign in to)";
    }

    @Override
    public Map<String, String> fetch(FetchRequest request, VaultCli cli) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : request.qualifiedKeys()) {
            values.put(key, new StringBuilder(key).reverse().toString());
        }
        return values;
    }
}
