package dev.xamal.hostkit.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xamal.core.EnvironmentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a HostKit plan artifact ({@code --out}, version 1) says it will do: the counts of
 * {@code stats.actions}, one line per change that creates, updates or deletes something, and the
 * diagnostics. The artifact itself is never rewritten; apply gets it unchanged.
 *
 * @param create   resources to create
 * @param update   resources to update
 * @param delete   resources to delete
 * @param noOp     resources already as declared
 * @param read     resources whose state could not be read
 * @param changes  the creates, updates and deletes, in the plan's order
 * @param errors   diagnostics errors
 * @param warnings diagnostics warnings (for a down plan: the steps it cannot reverse)
 */
public record PlanSummary(int create, int update, int delete, int noOp, int read, List<Change> changes,
                          List<String> errors, List<String> warnings) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public PlanSummary {
        changes = List.copyOf(changes);
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    /**
     * One change.
     *
     * @param action {@code create}, {@code update} or {@code delete}
     * @param type   the resource type, e.g. {@code command}
     * @param name   the resource name, e.g. {@code orders_unpack}
     * @param source where the config declares it ({@code file:line}), if known
     */
    public record Change(String action, String type, String name, Optional<String> source) {
        /** {@code + command.orders_unpack (infra/host.exs:12)}. */
        public String line() {
            String mark = switch (action) {
                case "create" -> "+";
                case "update" -> "~";
                case "delete" -> "-";
                default -> "?";
            };
            return mark + " " + type + "." + name + source.map(s -> " (" + s + ")").orElse("");
        }
    }

    /** Reads a plan artifact. */
    public static PlanSummary read(Path plan) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(plan));
        } catch (IOException e) {
            throw new EnvironmentException("could not read HostKit's plan " + plan + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || root.path("version").asInt(-1) != 1) {
            throw new EnvironmentException("HostKit's plan " + plan + " is not a version 1 plan artifact (version: "
                    + (root == null ? "none" : root.path("version")) + "); xamal reads version 1");
        }
        JsonNode actions = root.path("stats").path("actions");
        List<Change> changes = new ArrayList<>();
        for (JsonNode change : root.path("changes")) {
            String action = change.path("action").asText();
            if (action.equals("create") || action.equals("update") || action.equals("delete")) {
                JsonNode id = change.path("resource_id");
                JsonNode type;
                JsonNode name;
                if ("struct".equals(id.path("$type").asText())) {
                    type = id.path("fields").path("type");
                    name = id.path("fields").path("name");
                } else {
                    type = id.path("items").path(0);
                    name = id.path("items").path(1);
                }
                JsonNode source = change.path("source");
                Optional<String> where = source.hasNonNull("file")
                        ? Optional.of(source.path("file").asText() + (source.hasNonNull("line")
                        ? ":" + source.path("line").asText() : ""))
                        : Optional.empty();
                changes.add(new Change(action, text(type), text(name), where));
            }
        }
        JsonNode diagnostics = root.path("diagnostics").path("fields");
        return new PlanSummary(actions.path("create").asInt(), actions.path("update").asInt(),
                actions.path("delete").asInt(), actions.path("no_op").asInt(), actions.path("read").asInt(), changes,
                messages(diagnostics.path("errors")), messages(diagnostics.path("warnings")));
    }

    /** Whether the plan changes nothing. */
    public boolean nothingToDo() {
        return create + update + delete == 0;
    }

    /** HostKit's own header: {@code Plan: 1 to create, 0 to update, 0 to delete, 0 read errors, 4 unchanged}. */
    public String headline() {
        return String.format(Locale.ROOT, "Plan: %d to create, %d to update, %d to delete, %d read errors, %d unchanged",
                create, update, delete, read, noOp);
    }

    /** A dumped term as text: an atom's or string's value, else its JSON. */
    private static String text(JsonNode node) {
        if (node.isTextual()) {
            return node.asText();
        }
        if ("atom".equals(node.path("$type").asText())) {
            return node.path("value").asText();
        }
        return node.isMissingNode() ? "?" : node.toString();
    }

    private static List<String> messages(JsonNode list) {
        List<String> messages = new ArrayList<>();
        for (JsonNode entry : list) {
            JsonNode fields = entry.has("fields") ? entry.path("fields") : entry;
            JsonNode message = fields.path("message");
            JsonNode code = fields.path("code");
            messages.add(!message.isMissingNode() ? text(message)
                    : !code.isMissingNode() ? text(code) : entry.toString());
        }
        return messages;
    }
}
