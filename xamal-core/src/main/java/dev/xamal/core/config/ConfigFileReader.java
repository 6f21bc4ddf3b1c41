package dev.xamal.core.config;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.FatalTemplateErrorsException;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads one configuration file: refuses absurd sizes, renders it with Jinjava (strict about
 * undefined variables, {@code env} and {@code destination} in scope), then parses the YAML with
 * anchors, aliases and merge keys, refusing duplicate keys and alias bombs.
 */
final class ConfigFileReader {
    /** The largest configuration file accepted, before and after rendering. */
    static final int MAX_FILE_BYTES = 1024 * 1024;
    /** The most values a file may expand to once its aliases are resolved. */
    static final int MAX_VALUES = 100_000;
    private static final int MAX_ALIASES = 200;
    private static final int MAX_NESTING = 64;

    /**
     * Strict about undefined variables; shared, as building one is costly and rendering is
     * stateless. No trim_blocks: it would join a line ending in an inline tag with the next line,
     * and the blank lines block tags leave are harmless in YAML. Built on first use only (a holder
     * class): a file without template tags never loads Jinjava, which takes most of a second.
     */
    private static final class Templates {
        static final Jinjava JINJAVA = new Jinjava(JinjavaConfig.newBuilder()
                .withFailOnUnknownTokens(true)
                .withMaxOutputSize(MAX_FILE_BYTES)
                .build());

        private Templates() {
        }
    }

    private final Map<String, String> env;
    private final String destination;

    ConfigFileReader(Map<String, String> env, Optional<String> destination) {
        this.env = Map.copyOf(env);
        this.destination = destination.orElse("");
    }

    /**
     * The file's top-level map (empty for an empty file).
     *
     * @param file    the file to read
     * @param display the file's name in messages
     */
    Map<String, Object> read(Path file, String display) {
        String text = readText(file, display);
        String rendered = render(text, display);
        Object parsed = parse(rendered, display);
        if (parsed == null) {
            return Map.of();
        }
        if (!(parsed instanceof Map)) {
            throw new ConfigException(display, "", "the file must be a map of keys (service:, servers:, ...), not "
                    + ConfigValue.describe(parsed));
        }
        refuseBombs(parsed, display);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) parsed;
        return map;
    }

    private static String readText(Path file, String display) {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new ConfigException(display, "", "the file is " + size + " bytes; the limit is "
                        + MAX_FILE_BYTES + " bytes, a configuration should be far smaller");
            }
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(display, "", "the file is not valid UTF-8; save it as UTF-8");
        } catch (IOException e) {
            throw new ConfigException(display, "", "cannot be read: " + e.getMessage());
        }
    }

    private String render(String text, String display) {
        if (!text.contains("{{") && !text.contains("{%") && !text.contains("{#")) {
            return text; // nothing to render
        }
        Map<String, Object> context = new HashMap<>();
        context.put("env", new LinkedHashMap<>(env));
        context.put("destination", destination);
        RenderResult result;
        try {
            result = Templates.JINJAVA.renderForResult(text, context);
        } catch (FatalTemplateErrorsException e) {
            throw templateError(display, e.getErrors());
        } catch (RuntimeException e) {
            throw new ConfigException(display, "", "template error: " + firstLine(e.getMessage())
                    + "; fix the {{ }} or {% %} expression (undefined variables need | default('...'))");
        }
        List<TemplateError> fatal = new ArrayList<>();
        for (TemplateError error : result.getErrors()) {
            if (error.getSeverity() == TemplateError.ErrorType.FATAL) {
                fatal.add(error);
            }
        }
        if (!fatal.isEmpty()) {
            throw templateError(display, fatal);
        }
        return result.getOutput();
    }

    private static ConfigException templateError(String display, Iterable<TemplateError> errors) {
        TemplateError first = errors.iterator().hasNext() ? errors.iterator().next() : null;
        if (first == null) {
            return new ConfigException(display, "", "template error; fix the {{ }} or {% %} expressions");
        }
        String message = firstLine(first.getMessage()).replaceFirst("^[A-Za-z.]*Exception: ", "");
        String hint = message.contains("Unknown token")
                ? "; define the variable or give it a default, e.g. {{ env.NAME | default('value') }}"
                : "; fix the {{ }} or {% %} expression";
        String where = first.getLineno() > 0 ? "line " + first.getLineno() + ": " : "";
        return new ConfigException(display, "", where + "template error: " + message + hint);
    }

    private static Object parse(String text, String display) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setCodePointLimit(MAX_FILE_BYTES);
        Yaml yaml = new Yaml(new SafeConstructor(options));
        try {
            Node document = yaml.compose(new StringReader(text));
            if (document == null) {
                return null;
            }
            DuplicateKeys.refuse(document, display);
            return yaml.load(text);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = mark == null ? "" : "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ": ";
            String problem = e.getProblem() == null ? firstLine(e.getMessage()) : e.getProblem();
            if (e.getContext() != null && e.getContext().contains("duplicate") || problem.contains("duplicate key")) {
                return failDuplicate(display, where, problem);
            }
            throw new ConfigException(display, "", where + "YAML syntax error: " + problem
                    + (e.getContext() == null ? "" : " (" + e.getContext() + ")")
                    + "; check the indentation and quoting there");
        } catch (YAMLException e) {
            String message = firstLine(e.getMessage());
            if (message.contains("aliases")) {
                throw new ConfigException(display, "", "too many aliases (" + message
                        + "); this looks like an alias bomb, use fewer anchors and aliases");
            }
            throw new ConfigException(display, "", "YAML error: " + message);
        }
    }

    private static Object failDuplicate(String display, String where, String problem) {
        throw new ConfigException(display, "", where + problem + "; each key may appear once in a map, remove or rename one");
    }

    /** Counts values with aliases expanded; a cycle or a huge expansion is refused. */
    private static void refuseBombs(Object root, String display) {
        int[] budget = {MAX_VALUES};
        Map<Object, Boolean> onPath = new IdentityHashMap<>();
        count(root, budget, onPath, display);
    }

    private static void count(Object value, int[] budget, Map<Object, Boolean> onPath, String display) {
        if (--budget[0] < 0) {
            throw new ConfigException(display, "", "the file expands to more than " + MAX_VALUES
                    + " values once its aliases are resolved; this looks like an alias bomb, use fewer aliases");
        }
        Collection<?> children;
        if (value instanceof Map<?, ?> map) {
            children = map.values();
        } else if (value instanceof List<?> list) {
            children = list;
        } else {
            return;
        }
        if (onPath.put(value, Boolean.TRUE) != null) {
            throw new ConfigException(display, "", "an alias refers to a map or list that contains it; "
                    + "a configuration cannot be self-referencing, copy the values instead");
        }
        for (Object child : children) {
            count(child, budget, onPath, display);
        }
        onPath.remove(value);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String line = message.strip();
        int newline = line.indexOf('\n');
        return newline < 0 ? line : line.substring(0, newline).strip();
    }
}
