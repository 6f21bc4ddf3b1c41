package dev.xamal.core.secrets.vault;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xamal.core.UsageException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Doppler's {@code doppler}: {@code doppler me --json} checks the sign-in (or
 * {@code DOPPLER_TOKEN}), then {@code doppler secrets download --no-file --format json
 * [--project P --config C]} with {@code -Dxamal.from=PROJECT/CONFIG}. Without keys every secret of
 * the config is returned; with keys only those (each must exist). Names in the result are
 * {@code PROJECT/CONFIG/NAME} with {@code from}, else {@code NAME}.
 */
final class DopplerAdapter implements VaultAdapter {
    static final String USAGE = "[-Dxamal.from=PROJECT/CONFIG] [-Dxamal.keys=NAME,...]";

    @Override
    public String name() {
        return "doppler";
    }

    @Override
    public String program() {
        return "doppler";
    }

    @Override
    public String loginCommand(FetchRequest request) {
        return "doppler login";
    }

    @Override
    public Map<String, String> fetch(FetchRequest request, VaultCli cli) {
        cli.requireSignedIn(List.of("me", "--json"), loginCommand(request));
        List<String> args = downloadArgs(request);
        Map<String, String> all = parseDownload(cli.output(args), cli.display(args));
        Map<String, String> values = new LinkedHashMap<>();
        if (request.keys().isEmpty()) {
            all.forEach((name, value) -> values.put(request.qualified(name), value));
            return values;
        }
        for (String key : request.keys()) {
            if (!all.containsKey(key)) {
                throw new UsageException("Doppler has no secret '" + key + "'"
                        + request.from().map(f -> " in " + f).orElse(""));
            }
            values.put(request.qualified(key), all.get(key));
        }
        return values;
    }

    static List<String> downloadArgs(FetchRequest request) {
        List<String> args = new ArrayList<>(List.of("secrets", "download", "--no-file", "--format", "json"));
        request.from().ifPresent(from -> {
            int slash = from.indexOf('/');
            if (slash <= 0 || slash == from.length() - 1 || from.indexOf('/', slash + 1) >= 0) {
                throw new UsageException("-Dxamal.from for Doppler is PROJECT/CONFIG, not '" + from + "'");
            }
            args.addAll(List.of("--project", from.substring(0, slash), "--config", from.substring(slash + 1)));
        });
        return args;
    }

    /** A JSON object of secret names to values. */
    static Map<String, String> parseDownload(String output, String command) {
        JsonNode root = VaultJson.read(output, command);
        if (!root.isObject()) {
            throw new UsageException("`" + command + "` did not print a JSON object");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            values.put(entry.getKey(), entry.getValue().isValueNode() ? entry.getValue().asText() : entry.getValue().toString());
        }
        return values;
    }
}
