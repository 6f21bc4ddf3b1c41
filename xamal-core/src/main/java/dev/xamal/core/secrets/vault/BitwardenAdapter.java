package dev.xamal.core.secrets.vault;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xamal.core.UsageException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bitwarden's {@code bw}: {@code bw status} must say {@code unlocked} (the session comes from
 * {@code BW_SESSION} in the environment, never from an argument), then {@code bw sync} and one
 * {@code bw get item ITEM} per item. Key {@code ITEM} is the item's login password,
 * {@code ITEM/FIELD} its custom field; with {@code -Dxamal.from=ITEM} keys are field names.
 */
final class BitwardenAdapter implements VaultAdapter {
    static final String USAGE = "-Dxamal.account=EMAIL -Dxamal.keys=ITEM,ITEM/FIELD,... or -Dxamal.from=ITEM -Dxamal.keys=FIELD,...";
    private static final String UNLOCK = "export BW_SESSION=\"$(bw unlock --raw)\"";

    @Override
    public String name() {
        return "bitwarden";
    }

    @Override
    public String program() {
        return "bw";
    }

    @Override
    public String loginCommand(FetchRequest request) {
        return "bw login " + request.account().orElse("EMAIL") + "` then `" + UNLOCK;
    }

    @Override
    public Map<String, String> fetch(FetchRequest request, VaultCli cli) {
        request.requireKeys(name(), USAGE);
        List<String> status = List.of("status");
        JsonNode state = VaultJson.read(cli.output(status), cli.display(status));
        String current = VaultJson.text(state, "status");
        if ("unauthenticated".equals(current)) {
            throw cli.notSignedIn(status, "says unauthenticated", loginCommand(request));
        }
        if (!"unlocked".equals(current)) {
            throw cli.notSignedIn(status, "says " + current, UNLOCK);
        }
        String email = VaultJson.text(state, "userEmail");
        if (request.account().isPresent() && email != null && !email.equalsIgnoreCase(request.account().get())) {
            throw new UsageException("bw is signed in as " + email + ", not " + request.account().get()
                    + "; run `bw logout`, then `" + loginCommand(request) + "`");
        }
        cli.output(List.of("sync"));
        Map<String, JsonNode> items = new LinkedHashMap<>();
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : request.qualifiedKeys()) {
            int slash = key.indexOf('/');
            String itemName = slash < 0 ? key : key.substring(0, slash);
            JsonNode item = items.computeIfAbsent(itemName, n -> {
                List<String> args = getItemArgs(n);
                return VaultJson.read(cli.output(args), cli.display(args));
            });
            values.put(key, slash < 0 ? password(item, itemName) : field(item, itemName, key.substring(slash + 1)));
        }
        return values;
    }

    static List<String> getItemArgs(String item) {
        return List.of("get", "item", item);
    }

    static String password(JsonNode item, String itemName) {
        JsonNode login = item.get("login");
        String password = login == null ? null : VaultJson.text(login, "password");
        if (password == null) {
            throw new UsageException("Bitwarden item '" + itemName + "' has no login password; name one of its fields as "
                    + itemName + "/FIELD");
        }
        return password;
    }

    static String field(JsonNode item, String itemName, String fieldName) {
        JsonNode fields = item.get("fields");
        if (fields != null) {
            for (JsonNode field : fields) {
                if (fieldName.equals(VaultJson.text(field, "name"))) {
                    String value = VaultJson.text(field, "value");
                    return value == null ? "" : value;
                }
            }
        }
        throw new UsageException("Bitwarden item '" + itemName + "' has no custom field '" + fieldName + "'");
    }
}
