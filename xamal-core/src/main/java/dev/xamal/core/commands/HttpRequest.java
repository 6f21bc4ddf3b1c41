package dev.xamal.core.commands;

import java.net.URI;
import java.util.Optional;

/**
 * One HTTP request on the host to a local endpoint (a health probe, Caddy's admin endpoint), as
 * a command line that prints what curl would print for it. Pure.
 *
 * <p>For a plain {@code http://<address>:<port>/...} URL the request is made by bash through its
 * {@code /dev/tcp} redirection when the host has bash: starting bash costs a host well under half
 * of what starting curl does (curl links some thirty libraries; 10.7 against 26.5 ms of CPU a
 * request on the test hosts), and a deploy makes five such requests on each host. The request is
 * HTTP/1.1 with {@code Host}, {@code User-Agent: xamal}, {@code Accept: *}{@code /*} and
 * {@code Connection: close} (and a body's {@code Content-Type} and {@code Content-Length}); the
 * response's body is read up to its {@code Content-Length}, to the last chunk of a chunked body or
 * to the end of the connection, at most {@value #MAX_BODY} bytes, all within the timeout. Where
 * bash cannot connect (nothing listens, or a bash built without {@code /dev/tcp}) or the host has
 * no bash, curl makes the request (nothing was sent yet), so the answer does not depend on which
 * client ran.
 */
public final class HttpRequest {
    /** The most of a response's body that is read. */
    public static final int MAX_BODY = 65536;
    /** Prints, to standard error, that the file named by the next word cannot be read; both clients say it alike. */
    private static final String CANNOT_READ = "printf 'xamal-http: cannot read %s\\n'";

    /**
     * The bash program. Its arguments: method, address, port, path with query, timeout in seconds,
     * what to print ({@code status}: the body, a newline and the status code, {@code 000} when
     * nothing answered, as {@code curl -w '\n%{http_code}'}; {@code fail}: the body, exiting 22 for
     * a 4xx or 5xx status and 28 without an answer, as {@code curl --fail-with-body}), the body's
     * content type and file (empty: no body; one it cannot read ends it with exit status 26, as
     * curl's, and a message naming the file), then the curl command that makes the same request.
     * Timeouts count whole seconds ({@code SECONDS}), so a request ends within its timeout plus one.
     */
    private static final String BASH_CLIENT = String.join("; ",
            "LC_ALL=C; m=$6; no() { [ \"$m\" != status ] || printf '\\n000'; exit 28; }",
            "d=; if [ -n \"$8\" ]; then [ -r \"$8\" ] || { " + CANNOT_READ + " \"$8\" >&2; exit 26; }; "
                    + "IFS= read -r -d '' d <\"$8\"; fi",
            "{ exec 3<>\"/dev/tcp/$2/$3\"; } 2>/dev/null || { shift 8; exec \"$@\"; }",
            "{ printf '%s %s HTTP/1.1\\r\\nHost: %s:%s\\r\\nUser-Agent: xamal\\r\\nAccept: */*\\r\\nConnection: close\\r\\n'"
                    + " \"$1\" \"$4\" \"$2\" \"$3\"; [ -z \"$8\" ] || printf 'Content-Type: %s\\r\\nContent-Length: %s\\r\\n'"
                    + " \"$7\" \"${#d}\"; printf '\\r\\n%s' \"$d\"; } >&3 2>/dev/null || no",
            "e=$((SECONDS + $5)); left() { t=$((e - SECONDS)); [ \"$t\" -gt 0 ]; }",
            "c=; if left && IFS=' ' read -r -t \"$t\" v s _ <&3; then s=${s%$'\\r'}; case $v in HTTP/*) "
                    + "case $s in [1-5][0-9][0-9]) c=$s;; esac;; esac; fi; [ -n \"$c\" ] || no",
            "n=; k=; while left && IFS= read -r -t \"$t\" h <&3; do h=${h%$'\\r'}; [ -n \"$h\" ] || break; "
                    + "case ${h,,} in content-length:*) n=${h#*:}; n=${n//[!0-9]/};; transfer-encoding:*chunked*) k=1;; esac; done",
            "b=; if [ -n \"$k\" ]; then while [ ${#b} -lt " + MAX_BODY + " ] && left && IFS= read -r -t \"$t\" z <&3; do "
                    + "z=${z%$'\\r'}; z=${z%%;*}; [[ $z =~ ^[0-9A-Fa-f]+$ ]] && z=$((16#$z)) && [ \"$z\" -gt 0 ] && left "
                    + "&& IFS= read -r -N \"$z\" -t \"$t\" p <&3 || break; b=$b$p; IFS= read -r -t \"$t\" _ <&3; done; "
                    + "b=${b:0:" + MAX_BODY + "}",
            "else [ -n \"$n\" ] && [ \"$n\" -le " + MAX_BODY + " ] || n=" + MAX_BODY + "; "
                    + "[ \"$n\" -eq 0 ] || ! left || IFS= read -r -N \"$n\" -t \"$t\" b <&3; fi",
            "if [ \"$m\" = status ]; then printf '%s\\n%s' \"$b\" \"$c\"; else printf '%s' \"$b\"; "
                    + "case $c in [45]??) exit 22;; esac; fi");

    private HttpRequest() {
    }

    /**
     * A GET of {@code url} that prints the body, a newline and the status code ({@code 000} when
     * nothing answered), ending after at most about {@code timeoutSeconds}.
     */
    public static String get(String url, int timeoutSeconds) {
        return viaBash("GET", url, timeoutSeconds, "status", "", "", curlGet(url, timeoutSeconds));
    }

    /** {@link #get} made by curl alone. */
    public static String curlGet(String url, int timeoutSeconds) {
        return Shell.join("curl", "-s", "--max-time", Integer.toString(timeoutSeconds), "-w", "\\n%{http_code}", url);
    }

    /**
     * A POST of the host's file {@code file} as {@code contentType} to {@code url} that prints the
     * response's body and fails (exit status 22) on a 4xx or 5xx status, (28) without an answer
     * within about {@code timeoutSeconds}, as {@code curl -sS --fail-with-body} would.
     */
    public static String postFile(String url, String contentType, String file, int timeoutSeconds) {
        return viaBash("POST", url, timeoutSeconds, "fail", contentType, file,
                curlPostFile(url, contentType, file, timeoutSeconds));
    }

    /** {@link #postFile} made by curl alone. */
    public static String curlPostFile(String url, String contentType, String file, int timeoutSeconds) {
        return Shell.join("curl", "-sS", "--fail-with-body", "--max-time", Integer.toString(timeoutSeconds), "-X", "POST",
                "-H", "Content-Type: " + contentType, "--data-binary", "@" + file, url);
    }

    /** What {@link #get} printed without its last line (the status code). */
    public static String body(String printed) {
        int end = printed.lastIndexOf('\n');
        return end < 0 ? "" : printed.substring(0, end);
    }

    private static String viaBash(String method, String url, int timeoutSeconds, String print, String contentType,
                                  String file, String curl) {
        Optional<Target> plain = plainHttp(url);
        if (plain.isEmpty()) {
            return curlChecked(file, curl);
        }
        Target target = plain.get();
        String bash = Shell.join("bash", "-c", BASH_CLIENT, "xamal-http", method, target.address(),
                Integer.toString(target.port()), target.pathAndQuery(), Integer.toString(timeoutSeconds), print,
                contentType, file);
        return "if command -v bash >/dev/null 2>&1; then " + bash + " " + curl + "; else " + curlChecked(file, curl)
                + "; fi";
    }

    /**
     * {@code curl} preceded, for a request with a body, by the check the bash client makes first:
     * a file the shell cannot read ends the request with exit status 26 and a message naming it
     * (curl itself would warn and POST an empty body: an empty configuration, for Caddy).
     */
    private static String curlChecked(String file, String curl) {
        return file.isEmpty() ? curl : "{ [ -r " + Shell.quote(file) + " ] || { " + CANNOT_READ + " "
                + Shell.quote(file) + " >&2; (exit 26); }; } && " + curl;
    }

    private record Target(String address, int port, String pathAndQuery) {
    }

    /** An {@code http} URL with an explicit port, a host of letters, digits, dots and dashes, a printable path. */
    private static Optional<Target> plainHttp(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null || !uri.getHost().matches("[A-Za-z0-9.-]+")
                || uri.getPort() < 1 || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            return Optional.empty();
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (!path.matches("[\\x21-\\x7e]+") || (uri.getRawQuery() != null && !uri.getRawQuery().matches("[\\x21-\\x7e]*"))) {
            return Optional.empty();
        }
        return Optional.of(new Target(uri.getHost(), uri.getPort(),
                uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery()));
    }
}
