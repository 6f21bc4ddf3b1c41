package dev.xamal.core.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reading a unit's journal with {@code journalctl}. Pure.
 *
 * <p>The system journal is readable by root and by the groups {@code systemd-journal} and
 * {@code adm}; any other SSH user reads it through {@code sudo -n}, which needs its own sudoers
 * line (or that user in the {@code systemd-journal} group, the narrower choice).
 */
public final class JournalCommands {
    /** The groups that may read the whole system journal. */
    static final String JOURNAL_GROUPS = "systemd-journal|adm";

    private JournalCommands() {
    }

    /**
     * Which journal lines to show.
     *
     * @param lines  the last lines to show (empty: all of the time range)
     * @param since  the earliest time ({@code journalctl --since}: {@code 2026-01-01 10:00}, {@code -1h},
     *               {@code @<epoch seconds>}...)
     * @param until  the latest time
     * @param grep   a pattern (PCRE2) the message must match
     * @param follow whether to keep printing new lines until interrupted
     */
    public record Query(OptionalInt lines, Optional<String> since, Optional<String> until, Optional<String> grep,
                        boolean follow) {
        public Query {
            Objects.requireNonNull(lines, "lines");
            Objects.requireNonNull(since, "since");
            Objects.requireNonNull(until, "until");
            Objects.requireNonNull(grep, "grep");
        }

        /** The same query over a time range (when the query names none itself). */
        public Query within(Optional<String> from, Optional<String> to) {
            return new Query(lines, since.or(() -> from), until.or(() -> to), grep, follow);
        }
    }

    /**
     * The journal of one or more units: {@code journalctl} directly for root and the journal
     * groups, through {@code sudo -n} otherwise.
     */
    public static String journal(List<String> units, Query query, boolean sshUserIsRoot) {
        List<String> words = new ArrayList<>(List.of(UnitCommands.JOURNALCTL, "--no-pager", "--output=short-iso"));
        units.forEach(unit -> words.addAll(List.of("-u", unit)));
        query.lines().ifPresent(n -> words.addAll(List.of("-n", Integer.toString(n))));
        query.since().ifPresent(s -> words.add("--since=" + s));
        query.until().ifPresent(u -> words.add("--until=" + u));
        query.grep().ifPresent(g -> words.add("--grep=" + g));
        if (query.follow()) {
            words.add("--follow");
        }
        String journalctl = Shell.join(words.toArray(String[]::new));
        if (sshUserIsRoot) {
            return journalctl;
        }
        return "if id -nG | tr ' ' '\\n' | grep -qxE " + Shell.quote(JOURNAL_GROUPS) + "; then " + journalctl
                + "; else sudo -n " + journalctl + "; fi";
    }
}
