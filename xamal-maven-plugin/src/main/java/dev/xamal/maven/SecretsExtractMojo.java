package dev.xamal.maven;

import dev.xamal.core.UsageException;
import dev.xamal.core.secrets.FetchedSecrets;
import java.io.IOException;
import java.nio.file.Files;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes one secret's value, exactly its bytes (UTF-8, no newline added), to standard output, for
 * scripts: {@code mvn -q xamal:secrets-extract -Dxamal.key=DB_PASSWORD}. The value comes from the
 * secrets files, or, with {@code -Dxamal.json}, from a JSON map that {@code secrets-fetch}
 * printed, and then the secrets files are not read at all. Use {@code -q} so Maven prints nothing
 * else.
 */
@Mojo(name = "secrets-extract", threadSafe = true, aggregator = true, requiresProject = false)
public class SecretsExtractMojo extends AbstractXamalMojo {

    /** The key of the secret to print. */
    @Parameter(property = "xamal.key")
    private String key;

    /**
     * A file holding the JSON map {@code secrets-fetch} printed, or {@code -} for standard input.
     * When set, the secrets files are not read.
     */
    @Parameter(property = "xamal.json")
    private String json;

    @Override
    protected void run() {
        if (key == null || key.isBlank()) {
            throw new UsageException("Name the secret to extract: -Dxamal.key=KEY");
        }
        String value = json == null || json.isBlank()
                ? loadSecrets(loadConfig()).require(key, "-Dxamal.key")
                : FetchedSecrets.parse(readJson(), jsonSource(), redactor()).extract(key);
        RawStandardOutput.write(value);
    }

    private byte[] readJson() {
        try {
            return "-".equals(json) ? System.in.readAllBytes() : Files.readAllBytes(projectDir().resolve(json));
        } catch (IOException e) {
            throw new UsageException("Cannot read " + jsonSource() + ": " + e.getMessage()
                    + "; fix -Dxamal.json (a file, or - for standard input)");
        }
    }

    private String jsonSource() {
        return "-".equals(json) ? "standard input" : json;
    }
}
