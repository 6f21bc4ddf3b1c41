package dev.xamal.core.secrets.vault;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xamal.core.UsageException;
import dev.xamal.core.spi.CommandResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * LastPass's {@code lpass}: {@code lpass status --color=never} must say
 * {@code Logged in as ACCOUNT.}, then one {@code lpass show --json NAME...} for every key (names
 * are {@code [FOLDER/]ENTRY}; {@code -Dxamal.from=FOLDER} prefixes them). Names in the result are
 * the entries' full names; values their passwords.
 */
final class LastPassAdapter implements VaultAdapter {
    static final String USAGE = "-Dxamal.account=EMAIL -Dxamal.keys=[FOLDER/]ENTRY,...";

    @Override
    public String name() {
        return "lastpass";
    }

    @Override
    public String program() {
        return "lpass";
    }

    @Override
    public String loginCommand(FetchRequest request) {
        return "lpass login " + request.account().orElse("EMAIL");
    }

    @Override
    public Map<String, String> fetch(FetchRequest request, VaultCli cli) {
        request.requireKeys(name(), USAGE);
        List<String> status = List.of("status", "--color=never");
        CommandResult result = cli.exec(status);
        String said = result.stdout().strip();
        if (!result.succeeded() || !said.startsWith("Logged in as ")) {
            throw cli.notSignedIn(status, "says it is not logged in", loginCommand(request));
        }
        String user = said.substring("Logged in as ".length()).replaceFirst("\\.$", "");
        if (request.account().isPresent() && !user.equalsIgnoreCase(request.account().get())) {
            throw new UsageException("lpass is logged in as " + user + ", not " + request.account().get()
                    + "; run `lpass logout`, then `" + loginCommand(request) + "`");
        }
        List<String> args = showArgs(request.qualifiedKeys());
        Map<String, String> values = parseEntries(cli.output(args), cli.display(args));
        for (String key : request.qualifiedKeys()) {
            if (!values.containsKey(key) && values.keySet().stream().noneMatch(n -> n.endsWith("/" + key))) {
                throw new UsageException("lpass returned no entry named '" + key + "'");
            }
        }
        return values;
    }

    static List<String> showArgs(List<String> names) {
        List<String> args = new ArrayList<>(List.of("show", "--json"));
        args.addAll(names);
        return args;
    }

    /** An array of entries, each with {@code fullname} and {@code password}. */
    static Map<String, String> parseEntries(String output, String command) {
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode entry : VaultJson.elements(VaultJson.read(output, command))) {
            String name = VaultJson.text(entry, "fullname");
            if (name == null) {
                throw new UsageException("`" + command + "` printed an entry without a fullname");
            }
            String password = VaultJson.text(entry, "password");
            values.put(name, password == null ? "" : password);
        }
        return values;
    }
}
