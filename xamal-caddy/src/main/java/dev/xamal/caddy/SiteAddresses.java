package dev.xamal.caddy;

import dev.xamal.core.commands.AppLayout;
import dev.xamal.core.spi.ProxySite;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The addresses the apps' sites on a host answer for, so two apps never claim the same one (Caddy
 * would refuse the whole configuration as ambiguous, or route one app's traffic to the other).
 * Pure: reads the site files' address lines as {@link SiteRenderer} writes them.
 */
final class SiteAddresses {
    /** Marks the start of one site file in {@link #listOthers(String)}'s output. */
    static final String FILE_MARK = "== ";

    private SiteAddresses() {
    }

    /** A clash: the other app and the addresses both claim. */
    record Clash(String otherApp, List<String> addresses) {
    }

    /**
     * Prints, for every app's site file on the host but {@code appId}'s, a line {@code == <file>}
     * followed by the file's first line that opens a site block.
     */
    static String listOthers(String appId) {
        String own = AppLayout.BASE + "/" + appId + "/Caddyfile";
        return "for f in " + AppLayout.BASE + "/*/Caddyfile; do"
                + " if [ -f \"$f\" ] && [ \"$f\" != '" + own + "' ]; then echo \"" + FILE_MARK + "$f\";"
                + " grep -m 1 ' {$' \"$f\"; fi; done";
    }

    /** The first other app whose site answers for an address {@code site} answers for. */
    static Optional<Clash> clash(ProxySite site, String listed) {
        Set<String> ours = addresses(SiteRenderer.address(site.hostnames(), site.ssl()));
        String file = null;
        for (String line : listed.lines().toList()) {
            if (line.startsWith(FILE_MARK)) {
                file = line.substring(FILE_MARK.length()).strip();
                continue;
            }
            if (file == null || !line.strip().endsWith("{")) {
                continue;
            }
            String addressLine = line.strip();
            List<String> shared = new ArrayList<>(addresses(addressLine.substring(0, addressLine.length() - 1)));
            shared.retainAll(ours);
            if (!shared.isEmpty()) {
                return Optional.of(new Clash(appOf(file), shared));
            }
        }
        return Optional.empty();
    }

    /** An address line's addresses, without scheme, lower case: {@code http://a, b} → {@code a, b}. */
    static Set<String> addresses(String addressLine) {
        Set<String> addresses = new LinkedHashSet<>();
        Arrays.stream(addressLine.split(",")).map(String::strip).filter(a -> !a.isEmpty())
                .map(a -> a.replaceFirst("^https?://", "").toLowerCase(Locale.ROOT))
                .forEach(addresses::add);
        return addresses;
    }

    private static String appOf(String file) {
        String prefix = AppLayout.BASE + "/";
        String rest = file.startsWith(prefix) ? file.substring(prefix.length()) : file;
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }
}
