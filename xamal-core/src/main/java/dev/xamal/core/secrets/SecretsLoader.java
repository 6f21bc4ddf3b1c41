package dev.xamal.core.secrets;

import dev.xamal.core.EnvironmentException;
import dev.xamal.core.UsageException;
import dev.xamal.core.output.Redactor;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the secrets files of a run: parses each existing file, runs every {@code $(command)} of
 * all files in parallel, resolves {@code ${NAME}}/{@code $NAME} from earlier assignments and then
 * from the given process environment, refuses values a systemd env file cannot carry, and
 * registers every value with the run's {@link Redactor} before returning them.
 *
 * <p>A command's text goes to {@code sh -c} exactly as written: nothing is interpolated into it
 * (that would put secrets into process arguments); the shell expands its own variables from the
 * process environment. A failing command is an {@link EnvironmentException} (the fix is outside
 * the files: log in to the vault, install its CLI); syntax errors, undefined variables and values
 * that cannot be carried are {@link UsageException}s. No message ever contains a secret value.
 */
public final class SecretsLoader {
    /** How many commands run at once by default. */
    public static final int DEFAULT_MAX_PARALLEL = 8;
    /** How long one command may take by default. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(120);

    private final Map<String, String> processEnvironment;
    private final Redactor redactor;
    private final int maxParallel;
    private final Duration commandTimeout;

    /**
     * @param processEnvironment the environment variables may come from and commands run with
     * @param redactor           the run's redactor; every loaded value is registered with it
     */
    public SecretsLoader(Map<String, String> processEnvironment, Redactor redactor) {
        this(processEnvironment, redactor, DEFAULT_MAX_PARALLEL, DEFAULT_COMMAND_TIMEOUT);
    }

    private SecretsLoader(Map<String, String> processEnvironment, Redactor redactor, int maxParallel, Duration commandTimeout) {
        this.processEnvironment = Map.copyOf(processEnvironment);
        this.redactor = redactor;
        this.maxParallel = maxParallel;
        this.commandTimeout = commandTimeout;
    }

    /** This loader with at most {@code max} commands running at once. */
    public SecretsLoader withMaxParallel(int max) {
        return new SecretsLoader(processEnvironment, redactor, max, commandTimeout);
    }

    /** This loader giving each command at most {@code timeout}. */
    public SecretsLoader withCommandTimeout(Duration timeout) {
        return new SecretsLoader(processEnvironment, redactor, maxParallel, timeout);
    }

    /** Loads the files that exist (none is fine: an empty set, until a secret is needed). */
    public Secrets load(SecretFiles files) {
        List<DotenvEntry> entries = new ArrayList<>();
        for (String file : files.existing()) {
            entries.addAll(DotenvParser.parse(file, read(files, file)));
        }
        Redactor known = new Redactor();
        entries.forEach(entry -> entry.parts().forEach(part -> {
            if (part instanceof ValuePart.Literal literal) {
                known.register(literal.text());
            }
        }));
        Map<ValuePart.CommandSubstitution, String> outputs = runCommands(files, entries, known);
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, DotenvEntry> definedAt = new LinkedHashMap<>();
        for (DotenvEntry entry : entries) {
            String value = evaluate(entry, values, outputs);
            redactor.register(value);
            values.put(entry.key(), value);
            definedAt.put(entry.key(), entry);
        }
        values.forEach((key, value) -> EnvironmentFileLimits.valueProblem(key, value).ifPresent(problem -> {
            throw new UsageException(definedAt.get(key).location() + ": the value of " + key
                    + " cannot be passed to the app unchanged: " + problem + ".");
        }));
        return new Secrets(values, files);
    }

    private Map<ValuePart.CommandSubstitution, String> runCommands(SecretFiles files, List<DotenvEntry> entries, Redactor known) {
        List<ValuePart.CommandSubstitution> commands = new ArrayList<>();
        List<DotenvEntry> owners = new ArrayList<>();
        for (DotenvEntry entry : entries) {
            for (ValuePart part : entry.parts()) {
                if (part instanceof ValuePart.CommandSubstitution command) {
                    commands.add(command);
                    owners.add(entry);
                }
            }
        }
        List<CommandSubstitutions.Outcome> outcomes = new CommandSubstitutions(
                files.projectDir(), processEnvironment, maxParallel, commandTimeout)
                .run(commands.stream().map(ValuePart.CommandSubstitution::command).toList());
        outcomes.stream().filter(o -> o.kind() == CommandSubstitutions.Outcome.Kind.OK)
                .forEach(o -> known.register(o.output()));
        Map<ValuePart.CommandSubstitution, String> outputs = new IdentityHashMap<>();
        for (int i = 0; i < commands.size(); i++) {
            CommandSubstitutions.Outcome outcome = outcomes.get(i);
            ValuePart.CommandSubstitution command = commands.get(i);
            String where = owners.get(i).source() + " line " + command.line() + ": $(" + command.command() + ") for "
                    + owners.get(i).key() + " ";
            switch (outcome.kind()) {
                case OK -> outputs.put(command, outcome.output());
                case NOT_UTF8 -> throw new UsageException(known.redact(where + outcome.detail()
                        + "; a secret must be UTF-8 text (encode binary values, e.g. with base64)."));
                case FAILED -> throw new EnvironmentException(known.redact(where + outcome.detail()));
            }
        }
        return outputs;
    }

    private String evaluate(DotenvEntry entry, Map<String, String> earlier, Map<ValuePart.CommandSubstitution, String> outputs) {
        StringBuilder value = new StringBuilder();
        for (ValuePart part : entry.parts()) {
            if (part instanceof ValuePart.Literal literal) {
                value.append(literal.text());
            } else if (part instanceof ValuePart.CommandSubstitution command) {
                value.append(outputs.get(command));
            } else if (part instanceof ValuePart.VariableRef ref) {
                String resolved = earlier.containsKey(ref.name()) ? earlier.get(ref.name()) : processEnvironment.get(ref.name());
                if (resolved == null) {
                    throw new UsageException(entry.source() + " line " + ref.line() + ": ${" + ref.name()
                            + "} is not defined (in the value of " + entry.key() + "). Define " + ref.name()
                            + " on an earlier line or in the environment, or write \\$ or use single quotes for a literal dollar.");
                }
                value.append(resolved);
            }
        }
        return value.toString();
    }

    private static String read(SecretFiles files, String file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(files.resolve(file));
        } catch (IOException e) {
            throw new EnvironmentException("Could not read secrets file " + file + ": " + e.getMessage(), e);
        }
        return StrictUtf8.decode(bytes)
                .orElseThrow(() -> new UsageException(file + " is not UTF-8 text; save it as UTF-8."));
    }
}
