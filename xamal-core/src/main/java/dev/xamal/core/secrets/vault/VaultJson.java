package dev.xamal.core.secrets.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xamal.core.EnvironmentException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what a vault tool printed as JSON. A message about output that is not the documented JSON
 * names the command only: the output may hold secrets and is never quoted.
 */
final class VaultJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private VaultJson() {
    }

    static JsonNode read(String output, String command) {
        try {
            JsonNode node = MAPPER.readTree(output);
            if (node == null || node.isMissingNode()) {
                throw new EnvironmentException("`" + command + "` printed nothing; expected JSON");
            }
            return node;
        } catch (IOException e) {
            throw new EnvironmentException("`" + command + "` printed something that is not JSON"
                    + " (is it the version the adapter documents?)");
        }
    }

    /** The elements of an array, or the node itself when it is a single object. */
    static List<JsonNode> elements(JsonNode node) {
        List<JsonNode> list = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(list::add);
        } else {
            list.add(node);
        }
        return list;
    }

    /** A field as text: a string as it is, another scalar as its JSON text, absent or null as {@code null}. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
