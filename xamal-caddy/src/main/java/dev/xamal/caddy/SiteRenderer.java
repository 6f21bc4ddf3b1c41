package dev.xamal.caddy;

import dev.xamal.core.spi.ProxySite;
import dev.xamal.core.config.CaddyConfig.Ssl;
import java.util.List;
import java.util.stream.Collectors;

/** Renders an app's site file, the Caddyfile fragment the system Caddyfile imports. Pure. */
public final class SiteRenderer {
    private static final String INDENT = "\t";

    private SiteRenderer() {
    }

    public static String render(ProxySite site) {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(site.appId()).append(": written by xamal on every switch; edits are lost\n");
        out.append(address(site.hostnames(), site.ssl())).append(" {\n");
        if (site.ssl() == Ssl.INTERNAL && !site.hostnames().isEmpty()) {
            out.append(INDENT).append("tls internal\n");
        }
        site.maintenance().ifPresentOrElse(
                m -> maintenance(out, m),
                () -> proxy(out, site.upstreams()));
        out.append("}\n");
        return out.toString();
    }

    /** The site address line: names joined by ", ", {@code http://} when TLS is off, {@code :80} with no name. */
    static String address(List<String> hostnames, Ssl ssl) {
        if (hostnames.isEmpty()) {
            return ":80";
        }
        String prefix = ssl == Ssl.OFF ? "http://" : "";
        return hostnames.stream().map(h -> prefix + bracketed(h)).collect(Collectors.joining(", "));
    }

    private static String bracketed(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static void proxy(StringBuilder out, List<Integer> ports) {
        String upstreams = ports.stream().map(p -> "localhost:" + p).collect(Collectors.joining(" "));
        out.append(INDENT).append("reverse_proxy ").append(upstreams);
        if (ports.size() > 1) {
            // Every new request goes to the first port that is up; later ports only serve as
            // fallbacks while their in-flight requests finish.
            out.append(" {\n")
                    .append(INDENT).append(INDENT).append("lb_policy first\n")
                    .append(INDENT).append("}\n");
        } else {
            out.append('\n');
        }
    }

    private static void maintenance(StringBuilder out, ProxySite.Maintenance m) {
        String retryAfter = INDENT + "header Retry-After \"" + m.retryAfterSeconds() + "\"\n";
        if (m.page().isPresent()) {
            String page = m.page().get();
            int slash = page.lastIndexOf('/');
            String dir = slash > 0 ? page.substring(0, slash) : "/";
            String file = page.substring(slash + 1);
            out.append(INDENT).append("error 503\n");
            out.append(INDENT).append("handle_errors {\n");
            out.append(INDENT).append(retryAfter);
            out.append(INDENT).append(INDENT).append("root * ").append(quoted(dir)).append('\n');
            out.append(INDENT).append(INDENT).append("rewrite * ").append(quoted("/" + file)).append('\n');
            out.append(INDENT).append(INDENT).append("file_server\n");
            out.append(INDENT).append("}\n");
        } else {
            out.append(retryAfter);
            out.append(INDENT).append("respond ").append(quoted(m.message())).append(" 503\n");
        }
    }

    /** A Caddyfile double-quoted token. */
    static String quoted(String text) {
        String escaped = text.replace("\\", "\\\\").replace("\"", "\\\"");
        return "\"" + escaped + "\"";
    }
}
