package dev.xamal.core.orchestration;

import dev.xamal.core.UsageException;
import dev.xamal.core.config.Host;
import dev.xamal.core.config.Role;
import dev.xamal.core.config.XamalConfig;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The hosts a goal acts on: the hosts of the roles matching {@code -Dxamal.roles}, narrowed to
 * those matching {@code -Dxamal.hosts}. Both are comma-separated patterns where {@code *} matches
 * any characters; a missing filter selects everything. A host pattern is compared with the host's
 * identity ({@code name} or {@code name:port}, {@code [v6]:port}) and with its bare name, ignoring
 * case. A filter that matches nothing is the user's mistake and says what exists.
 */
public final class HostSelection {
    private HostSelection() {
    }

    public static List<Host> select(XamalConfig config, Optional<String> hostPatterns, Optional<String> rolePatterns) {
        List<Role> roles = roles(config, rolePatterns);
        Optional<List<Pattern>> roleFilter = patterns(rolePatterns, false);
        Set<Host> candidates = new LinkedHashSet<>();
        roles.forEach(role -> candidates.addAll(role.hosts()));
        Optional<List<Pattern>> hostFilter = patterns(hostPatterns, true);
        if (hostFilter.isEmpty()) {
            return List.copyOf(candidates);
        }
        List<Host> selected = candidates.stream()
                .filter(host -> matchesAny(hostFilter.get(), host.id()) || matchesAny(hostFilter.get(), host.hostname()))
                .toList();
        if (selected.isEmpty()) {
            throw new UsageException("No host " + (roleFilter.isPresent() ? "of the selected roles " : "")
                    + "matches -Dxamal.hosts=" + hostPatterns.get() + "; the hosts are: "
                    + candidates.stream().map(Host::id).collect(Collectors.joining(", ")));
        }
        return selected;
    }

    /**
     * The roles whose names match the comma-separated globs (all roles without patterns).
     *
     * @throws UsageException when no role matches
     */
    public static List<Role> roles(XamalConfig config, Optional<String> rolePatterns) {
        Optional<List<Pattern>> roleFilter = patterns(rolePatterns, false);
        if (roleFilter.isEmpty()) {
            return config.roles();
        }
        List<Role> roles = config.roles().stream().filter(role -> matchesAny(roleFilter.get(), role.name())).toList();
        if (roles.isEmpty()) {
            throw new UsageException("No role matches -Dxamal.roles=" + rolePatterns.get() + "; the roles are: "
                    + String.join(", ", config.roleNames()));
        }
        return roles;
    }

    private static Optional<List<Pattern>> patterns(Optional<String> text, boolean ignoreCase) {
        List<String> parts = text.stream()
                .flatMap(t -> Arrays.stream(t.split(",")))
                .map(String::strip)
                .filter(p -> !p.isEmpty())
                .toList();
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(parts.stream().map(p -> glob(p, ignoreCase)).toList());
    }

    private static Pattern glob(String pattern, boolean ignoreCase) {
        String regex = Arrays.stream(pattern.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*"));
        return Pattern.compile(regex,
                ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
    }

    private static boolean matchesAny(List<Pattern> patterns, String value) {
        return patterns.stream().anyMatch(p -> p.matcher(value).matches());
    }
}
