package dev.xamal.core.orchestration;

import dev.xamal.core.commands.AppStateCommands;
import dev.xamal.core.commands.AppStateCommands.Section;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An app's state on one host as {@link AppStateCommands#inventory()} printed it.
 *
 * @param present     whether the app has a directory on the host
 * @param releases    each release directory with the layers its completeness marker lists
 *                    (empty for an incomplete release), in the order listed
 * @param complete    the releases whose completeness marker exists
 * @param history     the versions of the history lines, oldest first
 * @param current     the release {@code current} points at
 * @param slots       each slot (port or role) and the release it points at
 * @param layers      the cached layers' digests
 * @param activePort  the active port
 * @param maintenance the maintenance state file's content, when the app is in maintenance
 */
public record AppInventory(boolean present, Map<String, List<String>> releases, List<String> complete,
                           List<String> history, Optional<String> current, Map<String, String> slots,
                           List<String> layers, OptionalInt activePort, Optional<String> maintenance) {
    private static final String INCOMPLETE = "?";

    public AppInventory {
        releases = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(releases));
        complete = List.copyOf(complete);
        history = List.copyOf(history);
        slots = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(slots));
        layers = List.copyOf(layers);
    }

    /** Parses the inventory command's output. */
    public static AppInventory parse(String output) {
        Map<Section, List<String>> sections = new EnumMap<>(Section.class);
        Section section = null;
        for (String line : output.split("\n", -1)) {
            Optional<Section> marker = Arrays.stream(Section.values()).filter(s -> s.marker().equals(line.strip()))
                    .findFirst();
            if (marker.isPresent()) {
                section = marker.get();
                sections.put(section, new ArrayList<>());
            } else if (section != null) {
                sections.get(section).add(line);
            }
        }
        if (sections.containsKey(Section.ABSENT) || !sections.containsKey(Section.RELEASES)) {
            return new AppInventory(false, Map.of(), List.of(), List.of(), Optional.empty(), Map.of(), List.of(),
                    OptionalInt.empty(), Optional.empty());
        }
        Map<String, List<String>> releases = new LinkedHashMap<>();
        List<String> complete = new ArrayList<>();
        for (String line : nonBlank(sections.get(Section.RELEASES))) {
            String[] words = line.strip().split("\\s+");
            boolean whole = !(words.length == 2 && words[1].equals(INCOMPLETE));
            releases.put(words[0], whole ? List.of(words).subList(1, words.length) : List.of());
            if (whole) {
                complete.add(words[0]);
            }
        }
        List<String> history = new ArrayList<>();
        for (String line : nonBlank(sections.getOrDefault(Section.HISTORY, List.of()))) {
            String[] fields = line.split("\t");
            if (fields.length >= 6) {
                history.add(fields[4]);
            }
        }
        Map<String, String> slots = new LinkedHashMap<>();
        for (String line : nonBlank(sections.getOrDefault(Section.SLOTS, List.of()))) {
            String[] words = line.strip().split("\\s+", 2);
            if (words.length == 2) {
                slots.put(words[0], releaseOf(words[1]));
            }
        }
        Optional<String> current = nonBlank(sections.getOrDefault(Section.CURRENT, List.of())).stream().findFirst()
                .map(AppInventory::releaseOf);
        OptionalInt activePort = nonBlank(sections.getOrDefault(Section.ACTIVE_PORT, List.of())).stream()
                .map(String::strip).filter(s -> s.matches("[0-9]{1,5}")).mapToInt(Integer::parseInt).findFirst();
        List<String> maintenanceLines = sections.getOrDefault(Section.MAINTENANCE, List.of());
        String maintenanceText = String.join("\n", maintenanceLines).strip();
        return new AppInventory(true, releases, complete, history, current, slots,
                nonBlank(sections.getOrDefault(Section.LAYERS, List.of())).stream().map(String::strip).toList(),
                activePort, maintenanceText.isEmpty() ? Optional.empty() : Optional.of(maintenanceText + "\n"));
    }

    /** The version a link target ({@code releases/v1}, {@code ../releases/v1}) names. */
    static String releaseOf(String target) {
        String t = target.strip();
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        return t.substring(t.lastIndexOf('/') + 1);
    }

    private static List<String> nonBlank(List<String> lines) {
        return lines.stream().filter(l -> !l.isBlank()).toList();
    }
}
