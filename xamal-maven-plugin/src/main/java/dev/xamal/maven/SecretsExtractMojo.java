package dev.xamal.maven;

import dev.xamal.core.EnvironmentException;
import dev.xamal.core.UsageException;
import dev.xamal.core.secrets.FetchedSecrets;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
        writeRaw(value);
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

    /**
     * Bypasses System.out: Maven wraps it in a stream that re-encodes with the platform charset
     * and may strip ANSI escape sequences, either of which would alter the value.
     */
    @SuppressWarnings("resource") // closing it would close the process's standard output
    private static void writeRaw(String value) {
        System.out.flush();
        keepMavenConsoleFromResettingColours();
        FileOutputStream stdout = new FileOutputStream(FileDescriptor.out);
        try {
            stdout.write(value.getBytes(StandardCharsets.UTF_8));
            stdout.flush();
        } catch (IOException e) {
            throw new EnvironmentException("Could not write to standard output: " + e.getMessage(), e);
        }
    }

    /**
     * Maven 3.8's console (Jansi 2) writes a colour reset, ESC [ 0 m, to standard output when it
     * shuts down, even with {@code -q}, which would follow the value into a {@code $(...)}
     * capture. Its stream can be told not to; a console without that switch is left alone.
     */
    private static void keepMavenConsoleFromResettingColours() {
        try {
            System.out.getClass().getMethod("setResetAtUninstall", boolean.class).invoke(System.out, false);
        } catch (ReflectiveOperationException | RuntimeException notJansi) {
            // Not Jansi's stream (another Maven version or an IDE): nothing to switch off.
        }
    }
}
