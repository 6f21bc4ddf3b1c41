package dev.xamal.core.secrets.vault;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xamal.core.UsageException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AWS Secrets Manager through the {@code aws} CLI: {@code aws sts get-caller-identity} checks the
 * credentials, then {@code aws secretsmanager batch-get-secret-value --secret-id-list ID...}
 * (at most 20 IDs a call, the API's limit) with {@code --profile ACCOUNT} when an account is
 * given. {@code -Dxamal.from} prefixes the IDs. A secret string that is a JSON object gives one
 * name per member ({@code SECRET/MEMBER}); any other string gives the secret's name.
 */
final class AwsSecretsManagerAdapter implements VaultAdapter {
    static final String USAGE = "[-Dxamal.account=PROFILE] [-Dxamal.from=PREFIX] -Dxamal.keys=SECRET,...";
    static final int BATCH = 20;

    @Override
    public String name() {
        return "aws_secrets_manager";
    }

    @Override
    public String program() {
        return "aws";
    }

    @Override
    public String loginCommand(FetchRequest request) {
        return request.account().map(p -> "aws sso login --profile " + p).orElse("aws configure");
    }

    @Override
    public Map<String, String> fetch(FetchRequest request, VaultCli cli) {
        request.requireKeys(name(), USAGE);
        cli.requireSignedIn(withProfile(new ArrayList<>(List.of("sts", "get-caller-identity", "--output", "json")), request),
                loginCommand(request));
        List<String> ids = request.qualifiedKeys();
        Map<String, String> values = new LinkedHashMap<>();
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<String> args = batchArgs(ids.subList(from, Math.min(ids.size(), from + BATCH)), request);
            values.putAll(parseBatch(cli.output(args), cli.display(args)));
        }
        return values;
    }

    static List<String> batchArgs(List<String> ids, FetchRequest request) {
        List<String> args = new ArrayList<>(List.of("secretsmanager", "batch-get-secret-value", "--secret-id-list"));
        args.addAll(ids);
        args.addAll(List.of("--output", "json"));
        return withProfile(args, request);
    }

    private static List<String> withProfile(List<String> args, FetchRequest request) {
        request.account().ifPresent(p -> args.addAll(List.of("--profile", p)));
        return args;
    }

    /** {@code {"SecretValues": [{"Name", "SecretString"}...], "Errors": [{"SecretId", "ErrorCode", "Message"}...]}}. */
    static Map<String, String> parseBatch(String output, String command) {
        JsonNode root = VaultJson.read(output, command);
        JsonNode errors = root.path("Errors");
        if (errors.isArray() && !errors.isEmpty()) {
            List<String> failures = new ArrayList<>();
            errors.forEach(e -> failures.add(VaultJson.text(e, "SecretId") + ": " + VaultJson.text(e, "ErrorCode")
                    + (VaultJson.text(e, "Message") == null ? "" : " (" + VaultJson.text(e, "Message") + ")")));
            throw new UsageException("AWS Secrets Manager could not return every secret: " + String.join("; ", failures));
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode secret : root.path("SecretValues")) {
            String name = VaultJson.text(secret, "Name");
            String string = VaultJson.text(secret, "SecretString");
            if (string == null) {
                throw new UsageException("AWS secret '" + name + "' holds binary data (SecretBinary); store it as a string");
            }
            JsonNode members = jsonObject(string);
            if (members == null) {
                values.put(name, string);
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = members.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> member = it.next();
                    JsonNode value = member.getValue();
                    values.put(name + "/" + member.getKey(), value.isValueNode() ? value.asText() : value.toString());
                }
            }
        }
        return values;
    }

    private static JsonNode jsonObject(String text) {
        if (!text.strip().startsWith("{")) {
            return null;
        }
        try {
            JsonNode node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (java.io.IOException notJson) {
            return null;
        }
    }
}
