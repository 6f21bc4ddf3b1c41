package dev.xamal.core.secrets.vault;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xamal.core.UsageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 1Password's {@code op}: {@code op whoami} checks the sign-in, then one
 * {@code op item get ITEM --vault VAULT --fields label=F,... --format json} per item. Keys are
 * {@code vault/item/field} (or {@code vault/item/section/field}), or field names with
 * {@code -Dxamal.from=vault/item}. Names in the result are the fields' references without
 * {@code op://}.
 */
final class OnePasswordAdapter implements VaultAdapter {
    static final String USAGE = "-Dxamal.from=VAULT/ITEM -Dxamal.keys=FIELD,... or -Dxamal.keys=VAULT/ITEM/FIELD,...";

    @Override
    public String name() {
        return "1password";
    }

    @Override
    public String program() {
        return "op";
    }

    @Override
    public String loginCommand(FetchRequest request) {
        return "eval $(op signin" + request.account().map(a -> " --account " + a).orElse("") + ")";
    }

    @Override
    public Map<String, String> fetch(FetchRequest request, VaultCli cli) {
        request.requireKeys(name(), USAGE);
        Map<String, List<String>> fieldsByItem = new LinkedHashMap<>();
        for (String key : request.qualifiedKeys()) {
            String[] parts = key.split("/");
            if (parts.length < 3 || parts.length > 4) {
                throw new UsageException("1Password key '" + key + "' is not VAULT/ITEM/FIELD or VAULT/ITEM/SECTION/FIELD; pass " + USAGE);
            }
            String field = parts.length == 3 ? parts[2] : parts[2] + "." + parts[3];
            fieldsByItem.computeIfAbsent(parts[0] + "/" + parts[1], k -> new ArrayList<>()).add(field);
        }
        cli.requireSignedIn(whoamiArgs(request), loginCommand(request));
        Map<String, String> values = new LinkedHashMap<>();
        fieldsByItem.forEach((vaultItem, fields) -> {
            int slash = vaultItem.indexOf('/');
            List<String> args = itemGetArgs(vaultItem.substring(0, slash), vaultItem.substring(slash + 1), fields, request);
            values.putAll(parseFields(cli.output(args), cli.display(args)));
        });
        return values;
    }

    static List<String> whoamiArgs(FetchRequest request) {
        List<String> args = new ArrayList<>(List.of("whoami"));
        request.account().ifPresent(a -> args.addAll(List.of("--account", a)));
        return args;
    }

    static List<String> itemGetArgs(String vault, String item, List<String> fields, FetchRequest request) {
        List<String> args = new ArrayList<>(List.of("item", "get", item, "--vault", vault, "--fields",
                String.join(",", fields.stream().map(f -> "label=" + f).toList()), "--format", "json"));
        request.account().ifPresent(a -> args.addAll(List.of("--account", a)));
        return args;
    }

    /** One field prints an object, several an array; each has {@code reference} and {@code value}. */
    static Map<String, String> parseFields(String output, String command) {
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode field : VaultJson.elements(VaultJson.read(output, command))) {
            String reference = VaultJson.text(field, "reference");
            if (reference == null || !reference.startsWith("op://")) {
                throw new UsageException("`" + command + "` printed a field without an op:// reference");
            }
            String value = VaultJson.text(field, "value");
            values.put(reference.substring("op://".length()), value == null ? "" : value);
        }
        return values;
    }
}
