package dev.xamal.core.init;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The samples {@code init} writes: one per hook, each an executable shell script listing every
 * {@code XAMAL_*} variable docs/hooks.md documents, and a secrets template.
 */
class HookSamplesTest {
    private static final Path SAMPLES = Path.of("..", ".xamal-sample");
    private static final List<String> HOOKS = List.of("pre-connect", "pre-build", "post-build", "pre-deploy",
            "post-deploy", "pre-app-boot", "post-app-boot", "pre-caddy-reload", "post-caddy-reload");

    @Test
    void everyHookHasASampleListingItsVariables() throws Exception {
        List<String> variables = documentedVariables();
        assertThat(variables).contains("XAMAL_SERVICE", "XAMAL_HOSTS", "XAMAL_RUNTIME");
        List<String> problems = new ArrayList<>();
        for (String hook : HOOKS) {
            Path sample = SAMPLES.resolve("hooks/" + hook + ".sample");
            if (!Files.isRegularFile(sample)) {
                problems.add(hook + ": no sample " + sample);
                continue;
            }
            String text = Files.readString(sample);
            if (!text.startsWith("#!/bin/sh\n")) {
                problems.add(hook + ": the sample does not start with #!/bin/sh");
            }
            if (!Files.isExecutable(sample)) {
                problems.add(hook + ": the sample is not executable");
            }
            for (String variable : variables) {
                boolean expected = !variable.equals("XAMAL_RUNTIME") || hook.equals("post-deploy");
                if (expected && !text.contains("#   " + variable + " ")) {
                    problems.add(hook + ": the sample does not list " + variable);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void secretsTemplateIsThere() throws Exception {
        String secrets = Files.readString(SAMPLES.resolve("secrets"));
        assertThat(secrets).contains("Never commit this file").containsPattern("(?m)^[A-Z_]+=");
    }

    private static List<String> documentedVariables() throws Exception {
        List<String> variables = new ArrayList<>();
        Matcher row = Pattern.compile("(?m)^\\| `(XAMAL_[A-Z_]+)` \\|").matcher(Files.readString(Path.of("..", "docs", "hooks.md")));
        while (row.find()) {
            variables.add(row.group(1));
        }
        return variables;
    }
}
