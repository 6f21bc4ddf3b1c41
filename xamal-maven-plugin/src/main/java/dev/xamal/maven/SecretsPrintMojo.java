package dev.xamal.maven;

import dev.xamal.core.output.Redactor;
import dev.xamal.core.secrets.Secrets;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Lists every key of the secrets files ({@code <secrets_path>-common}, then
 * {@code <secrets_path>} or {@code <secrets_path>.<destination>}) with its value hidden, after
 * running their {@code $(...)} commands: a check that the files load and define what you expect.
 */
@Mojo(name = "secrets-print", threadSafe = true, aggregator = true)
public class SecretsPrintMojo extends AbstractXamalMojo {
    @Override
    protected void run() {
        Secrets secrets = loadSecrets(loadConfig());
        if (secrets.keys().isEmpty()) {
            output().info("No secrets: " + secrets.files().describeSearch());
            return;
        }
        output().info("Secrets from " + String.join(", ", secrets.files().existing()) + ":");
        for (String key : secrets.keys()) {
            boolean empty = secrets.find(key).orElse("").isEmpty();
            output().info(key + "=" + (empty ? "" : Redactor.MASK));
        }
    }
}
