package dev.xamal.core.secrets.vault;

import dev.xamal.core.UsageException;
import dev.xamal.core.output.Redactor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The vault adapters {@code secrets-fetch} knows, and the fetch itself. */
public final class Vaults {
    private static final List<VaultAdapter> ADAPTERS = List.of(new OnePasswordAdapter(), new BitwardenAdapter(),
            new BitwardenSecretsManagerAdapter(), new LastPassAdapter(), new AwsSecretsManagerAdapter(),
            new GcpSecretManagerAdapter(), new DopplerAdapter(), new PassboltAdapter(), new EnpassAdapter(),
            new TestAdapter());

    private Vaults() {
    }

    /** The adapters' names, as {@code -Dxamal.adapter} takes them. */
    public static List<String> names() {
        return ADAPTERS.stream().map(VaultAdapter::name).toList();
    }

    /**
     * @throws UsageException for an unknown name, listing the known ones
     */
    public static VaultAdapter adapter(String name) {
        if (name == null || name.isBlank()) {
            throw new UsageException("Name the vault with -Dxamal.adapter: one of " + String.join(", ", names()));
        }
        return ADAPTERS.stream().filter(a -> a.name().equalsIgnoreCase(name.strip())).findFirst()
                .orElseThrow(() -> new UsageException("Unknown secrets adapter '" + name + "'; -Dxamal.adapter takes one of "
                        + String.join(", ", names())));
    }

    /**
     * Fetches the secrets with the adapter's tool (found on the environment's {@code PATH}, run in
     * {@code directory} with that environment) and registers every value with the redactor.
     *
     * @return names to values, as the adapter names them
     */
    public static Map<String, String> fetch(VaultAdapter adapter, FetchRequest request, Path directory,
                                            Map<String, String> environment, Redactor redactor) {
        VaultCli cli = adapter.program().isEmpty() ? null : VaultCli.of(adapter, request, directory, environment);
        Map<String, String> values = adapter.fetch(request, cli);
        values.values().forEach(redactor::register);
        return values;
    }

    /** The JSON object {@code secrets-fetch} prints (and {@code secrets-extract -Dxamal.json} reads). */
    public static String toJson(Map<String, String> values) {
        return VaultJson.write(values);
    }
}
