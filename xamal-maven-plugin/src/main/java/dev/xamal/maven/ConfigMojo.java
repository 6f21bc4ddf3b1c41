package dev.xamal.maven;

import dev.xamal.core.UsageException;
import dev.xamal.core.config.ConfigDocument;
import dev.xamal.core.config.XamalConfig;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Prints the configuration as xamal sees it: {@code config/xamal.yml} with the destination's
 * overlay merged on top, validated, with every default filled in. Secret values are never part of
 * it (only their names), and every line goes through the redactor.
 */
@Mojo(name = "config", threadSafe = true, aggregator = true)
public class ConfigMojo extends AbstractXamalMojo {

    /** Output format: {@code yaml} (default) or {@code json}. */
    @Parameter(property = "xamal.format", defaultValue = "yaml")
    protected String format;

    @Override
    protected void run() {
        String chosen = format == null ? "yaml" : format.strip().toLowerCase(Locale.ROOT);
        if (!chosen.equals("yaml") && !chosen.equals("json")) {
            throw new UsageException("-Dxamal.format=" + format + " is not a format; use yaml or json");
        }
        XamalConfig config = loadConfig();
        // Registers every secret value with the redactor, so none can appear in what follows.
        loadSecrets(config);
        String text;
        if (chosen.equals("json")) {
            text = ConfigDocument.toJson(config);
        } else {
            Path dir = projectDir();
            String files = config.files().stream().map(f -> dir.relativize(f).toString())
                    .collect(Collectors.joining(" + "));
            text = "# " + files + " (app id " + config.appId() + ")\n" + ConfigDocument.toYaml(config);
        }
        text.lines().forEach(output()::info);
    }
}
