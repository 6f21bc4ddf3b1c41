package dev.xamal.core.secrets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xamal.core.UsageException;
import dev.xamal.core.output.Redactor;
import java.io.IOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON map {@code secrets-fetch} prints: secret names (often {@code vault/item/field} paths)
 * to values. {@code secrets-extract -Dxamal.json=...} reads one of these instead of the secrets
 * files; a key matches a name exactly or, failing that, the one name ending in {@code /KEY}.
 */
public final class FetchedSecrets {
    private final Map<String, String> values;
    private final String source;

    private FetchedSecrets(Map<String, String> values, String source) {
        this.values = Collections.unmodifiableMap(values);
        this.source = source;
    }

    /**
     * Reads the map and registers every value with the redactor.
     *
     * @param json     what {@code secrets-fetch} printed (UTF-8)
     * @param source   where it came from, for messages (a file name, or standard input)
     * @param redactor the run's redactor
     * @throws UsageException when the text is not a JSON object of names to strings (without quoting it)
     */
    public static FetchedSecrets parse(byte[] json, String source, Redactor redactor) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new UsageException(source + " is not UTF-8 JSON" + (e instanceof JsonProcessingException j && j.getLocation() != null
                    ? " (line " + j.getLocation().getLineNr() + ")" : "") + "; pass what secrets-fetch prints");
        }
        if (root == null || !root.isObject()) {
            throw new UsageException(source + " must hold a JSON object of secret names to values, as secrets-fetch prints");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = root.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isTextual()) {
                throw new UsageException(source + ": the value of '" + field.getKey() + "' is not a string;"
                        + " secrets-fetch prints names to string values");
            }
            redactor.register(field.getValue().textValue());
            values.put(field.getKey(), field.getValue().textValue());
        }
        return new FetchedSecrets(values, source);
    }

    /**
     * The value of a key: the name equal to it, else the single name ending in {@code /key}.
     *
     * @throws UsageException when no name or several names match
     */
    public String extract(String key) {
        String exact = values.get(key);
        if (exact != null) {
            return exact;
        }
        List<String> matches = values.keySet().stream().filter(name -> name.endsWith("/" + key)).toList();
        if (matches.size() == 1) {
            return values.get(matches.get(0));
        }
        if (matches.isEmpty()) {
            throw new UsageException("Secret '" + key + "' is not in " + source + " (it holds "
                    + (values.isEmpty() ? "no secrets" : String.join(", ", values.keySet())) + ")");
        }
        throw new UsageException("Secret '" + key + "' is ambiguous in " + source + ": " + String.join(", ", matches)
                + " all match; pass the full name");
    }
}
