package dev.xamal.core.secrets.vault;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xamal.core.UsageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Passbolt through go-passbolt-cli's {@code passbolt}: {@code passbolt verify} checks the
 * configured sign-in; with {@code -Dxamal.from=FOLDER}, {@code passbolt list folder --filter
 * 'Name == "FOLDER"' --json} finds the folder's ID; then one {@code passbolt list resource
 * --filter 'Name == "A" || Name == "B"' [--folder ID] --column Name --column Password --json}.
 * Names in the result are {@code FOLDER/NAME} with {@code from}, else {@code NAME}.
 */
final class PassboltAdapter implements VaultAdapter {
    static final String USAGE = "[-Dxamal.from=FOLDER] -Dxamal.keys=RESOURCE,...";

    @Override
    public String name() {
        return "passbolt";
    }

    @Override
    public String program() {
        return "passbolt";
    }

    @Override
    public String loginCommand(FetchRequest request) {
        return "passbolt configure --serverAddress https://... --userPrivateKeyFile ... --userPassword ...";
    }

    @Override
    public Map<String, String> fetch(FetchRequest request, VaultCli cli) {
        request.requireKeys(name(), USAGE);
        cli.requireSignedIn(List.of("verify"), loginCommand(request));
        String folderId = null;
        if (request.from().isPresent()) {
            List<String> args = folderArgs(request.from().get());
            List<JsonNode> folders = VaultJson.elements(VaultJson.read(cli.output(args), cli.display(args)));
            if (folders.size() != 1 || VaultJson.text(folders.get(0), "id") == null) {
                throw new UsageException("Passbolt has " + (folders.isEmpty() ? "no" : folders.size())
                        + " folders named '" + request.from().get() + "'; -Dxamal.from must name exactly one");
            }
            folderId = VaultJson.text(folders.get(0), "id");
        }
        List<String> args = resourceArgs(request.keys(), folderId);
        Map<String, String> found = parseResources(cli.output(args), cli.display(args));
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : request.keys()) {
            if (!found.containsKey(key)) {
                throw new UsageException("Passbolt has no resource named '" + key + "'"
                        + request.from().map(f -> " in folder " + f).orElse(""));
            }
            values.put(request.qualified(key), found.get(key));
        }
        return values;
    }

    static List<String> folderArgs(String folder) {
        return List.of("list", "folder", "--filter", "Name == " + celString(folder), "--json");
    }

    static List<String> resourceArgs(List<String> names, String folderId) {
        List<String> args = new ArrayList<>(List.of("list", "resource", "--filter",
                String.join(" || ", names.stream().map(n -> "Name == " + celString(n)).toList())));
        if (folderId != null) {
            args.addAll(List.of("--folder", folderId));
        }
        args.addAll(List.of("--column", "Name", "--column", "Password", "--json"));
        return args;
    }

    /** A CEL string literal. */
    static String celString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** An array of resources with {@code name} and {@code password}. */
    static Map<String, String> parseResources(String output, String command) {
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode resource : VaultJson.elements(VaultJson.read(output, command))) {
            String name = VaultJson.text(resource, "name");
            if (name == null) {
                throw new UsageException("`" + command + "` printed a resource without a name");
            }
            if (values.containsKey(name)) {
                throw new UsageException("Passbolt has several resources named '" + name + "'; use -Dxamal.from=FOLDER");
            }
            String password = VaultJson.text(resource, "password");
            values.put(name, password == null ? "" : password);
        }
        return values;
    }
}
