package dev.xamal.core.secrets.vault;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xamal.core.UsageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bitwarden Secrets Manager's {@code bws}, authenticated by {@code BWS_ACCESS_TOKEN} in the
 * environment: {@code bws project list --output json} checks the token, then
 * {@code bws secret get ID --output json} per key (secret IDs), or
 * {@code bws secret list [PROJECT_ID] --output json} without keys (all secrets, or a project's with
 * {@code -Dxamal.from}). Names in the result are the secrets' keys.
 */
final class BitwardenSecretsManagerAdapter implements VaultAdapter {
    @Override
    public String name() {
        return "bitwarden-sm";
    }

    @Override
    public String program() {
        return "bws";
    }

    @Override
    public String loginCommand(FetchRequest request) {
        return "export BWS_ACCESS_TOKEN=<a machine account's access token>";
    }

    @Override
    public Map<String, String> fetch(FetchRequest request, VaultCli cli) {
        cli.requireSignedIn(List.of("project", "list", "--output", "json"), loginCommand(request));
        Map<String, String> values = new LinkedHashMap<>();
        if (request.keys().isEmpty()) {
            List<String> args = listArgs(request);
            values.putAll(parseSecrets(cli.output(args), cli.display(args)));
        } else {
            for (String id : request.keys()) {
                List<String> args = getArgs(id);
                values.putAll(parseSecrets(cli.output(args), cli.display(args)));
            }
        }
        return values;
    }

    static List<String> getArgs(String id) {
        return List.of("secret", "get", id, "--output", "json");
    }

    static List<String> listArgs(FetchRequest request) {
        List<String> args = new ArrayList<>(List.of("secret", "list"));
        request.from().ifPresent(args::add);
        args.addAll(List.of("--output", "json"));
        return args;
    }

    /** A secret object ({@code get}) or an array of them ({@code list}), each with {@code key} and {@code value}. */
    static Map<String, String> parseSecrets(String output, String command) {
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode secret : VaultJson.elements(VaultJson.read(output, command))) {
            String key = VaultJson.text(secret, "key");
            if (key == null) {
                throw new UsageException("`" + command + "` printed a secret without a key");
            }
            String value = VaultJson.text(secret, "value");
            values.put(key, value == null ? "" : value);
        }
        return values;
    }
}
