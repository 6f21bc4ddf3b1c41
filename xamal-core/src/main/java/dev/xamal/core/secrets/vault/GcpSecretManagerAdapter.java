package dev.xamal.core.secrets.vault;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xamal.core.UsageException;
import dev.xamal.core.secrets.StrictUtf8;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Google Cloud Secret Manager through {@code gcloud}: {@code gcloud auth list
 * --filter=status:ACTIVE --format=value(account)} must name an account, then per key
 * {@code gcloud secrets versions access VERSION --secret=NAME [--project=PROJECT] --format=json
 * [--account=ACCOUNT]}. Keys are {@code NAME}, {@code PROJECT/NAME} or
 * {@code PROJECT/NAME/VERSION} ({@code latest} by default); {@code -Dxamal.from=PROJECT} prefixes
 * them. The value is the decoded {@code payload.data}; names in the result are the keys.
 */
final class GcpSecretManagerAdapter implements VaultAdapter {
    static final String USAGE = "[-Dxamal.account=USER] [-Dxamal.from=PROJECT] -Dxamal.keys=NAME,PROJECT/NAME/VERSION,...";

    @Override
    public String name() {
        return "gcp_secret_manager";
    }

    @Override
    public String program() {
        return "gcloud";
    }

    @Override
    public String loginCommand(FetchRequest request) {
        return "gcloud auth login" + request.account().map(a -> " " + a).orElse("");
    }

    @Override
    public Map<String, String> fetch(FetchRequest request, VaultCli cli) {
        request.requireKeys(name(), USAGE);
        List<String> check = List.of("auth", "list", "--filter=status:ACTIVE", "--format=value(account)");
        if (cli.output(check).isBlank()) {
            throw cli.notSignedIn(check, "lists no active account", loginCommand(request));
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : request.qualifiedKeys()) {
            List<String> args = accessArgs(key, request);
            values.put(key, parsePayload(cli.output(args), cli.display(args), key));
        }
        return values;
    }

    static List<String> accessArgs(String key, FetchRequest request) {
        String[] parts = key.split("/");
        if (parts.length > 3 || key.isBlank()) {
            throw new UsageException("GCP secret '" + key + "' is not NAME, PROJECT/NAME or PROJECT/NAME/VERSION");
        }
        String secret = parts.length == 1 ? parts[0] : parts[1];
        String version = parts.length == 3 ? parts[2] : "latest";
        List<String> args = new ArrayList<>(List.of("secrets", "versions", "access", version, "--secret=" + secret));
        if (parts.length > 1) {
            args.add("--project=" + parts[0]);
        }
        args.add("--format=json");
        request.account().ifPresent(a -> args.add("--account=" + a));
        return args;
    }

    /** {@code {"name": ..., "payload": {"data": BASE64}}}; gcloud prints the data URL-safe encoded. */
    static String parsePayload(String output, String command, String key) {
        JsonNode data = VaultJson.read(output, command).path("payload").path("data");
        if (!data.isTextual()) {
            throw new UsageException("`" + command + "` printed no payload.data");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(data.asText().replace('-', '+').replace('_', '/'));
        } catch (IllegalArgumentException e) {
            throw new UsageException("`" + command + "` printed a payload.data that is not base64");
        }
        return StrictUtf8.decode(bytes).orElseThrow(() -> new UsageException(
                "GCP secret '" + key + "' is not UTF-8 text; store binary values base64-encoded"));
    }
}
