package dev.xamal.core.secrets.vault;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Enpass through {@code enpass-cli}, which reads the master password from {@code MASTERPW} (and
 * never prompts: {@code -nonInteractive}): {@code enpass-cli -vault=VAULT -nonInteractive dryrun}
 * checks that the vault opens, then {@code enpass-cli -vault=VAULT -nonInteractive pass TITLE}
 * per key prints that entry's password. {@code -Dxamal.from} is the vault directory. Names in the
 * result are the titles.
 */
final class EnpassAdapter implements VaultAdapter {
    static final String USAGE = "-Dxamal.from=VAULT_DIRECTORY -Dxamal.keys=TITLE,...";

    @Override
    public String name() {
        return "enpass";
    }

    @Override
    public String program() {
        return "enpass-cli";
    }

    @Override
    public String loginCommand(FetchRequest request) {
        return "export MASTERPW=<the vault's master password>";
    }

    @Override
    public Map<String, String> fetch(FetchRequest request, VaultCli cli) {
        request.requireKeys(name(), USAGE);
        String vault = request.requireFrom(name(), USAGE);
        cli.requireSignedIn(List.of("-vault=" + vault, "-nonInteractive", "dryrun"), loginCommand(request));
        Map<String, String> values = new LinkedHashMap<>();
        for (String title : request.keys()) {
            values.put(title, withoutLineEnd(cli.output(passArgs(vault, title))));
        }
        return values;
    }

    static List<String> passArgs(String vault, String title) {
        return List.of("-vault=" + vault, "-nonInteractive", "pass", title);
    }

    /** {@code pass} prints the password and one newline. */
    static String withoutLineEnd(String output) {
        return output.endsWith("\n") ? output.substring(0, output.length() - 1) : output;
    }
}
