package dev.xamal.maven;

import dev.xamal.core.secrets.vault.FetchRequest;
import dev.xamal.core.secrets.vault.Vaults;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Fetches secrets from a vault with the vendor's command-line tool and prints them as one JSON
 * object of names to values on standard output, and nothing else (use {@code -q}), so that a
 * secrets file can run it in {@code $(...)}:
 * {@code mvn -q xamal:secrets-fetch -Dxamal.adapter=1password -Dxamal.from=Prod/app -Dxamal.keys=DB_PASSWORD}.
 * It reads neither the configuration nor the secrets files. Pick one value from the JSON with
 * {@code secrets-extract -Dxamal.json=-}.
 */
@Mojo(name = "secrets-fetch", threadSafe = true, aggregator = true, requiresProject = false)
public class SecretsFetchMojo extends AbstractXamalMojo {

    /**
     * The vault: {@code 1password}, {@code bitwarden}, {@code bitwarden-sm}, {@code lastpass},
     * {@code aws_secrets_manager}, {@code gcp_secret_manager}, {@code doppler}, {@code passbolt},
     * {@code enpass} or {@code test}.
     */
    @Parameter(property = "xamal.adapter")
    private String adapter;

    /** The vault account (e-mail, 1Password account, AWS profile, Google account), where the adapter uses one. */
    @Parameter(property = "xamal.account")
    private String account;

    /** Where the keys live (vault/item, prefix, project, PROJECT/CONFIG, folder, vault directory); prefixes every key. */
    @Parameter(property = "xamal.from")
    private String from;

    /** The secrets to fetch, separated by commas or blanks. */
    @Parameter(property = "xamal.keys")
    private String keys;

    @Override
    protected void run() {
        FetchRequest request = new FetchRequest(Optional.ofNullable(account), Optional.ofNullable(from), keyList(keys));
        Map<String, String> values = Vaults.fetch(Vaults.adapter(adapter), request, projectDir(), System.getenv(), redactor());
        output().debug("Fetched " + values.size() + " secrets with the " + adapter + " adapter: " + String.join(", ", values.keySet()));
        RawStandardOutput.write(Vaults.toJson(values) + "\n");
    }

    static List<String> keyList(String keys) {
        if (keys == null || keys.isBlank()) {
            return List.of();
        }
        return Arrays.stream(keys.split("[,\\s]+")).filter(k -> !k.isEmpty()).toList();
    }
}
