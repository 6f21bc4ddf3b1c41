package dev.xamal.core.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the probe's command line in {@code /bin/sh} against a real HTTP server on loopback; curl's own output is the oracle. */
class HttpRequestTest {
    private HttpServer server;
    private String base;
    private final List<String> agents = new CopyOnWriteArrayList<>();
    private final Map<String, String> queries = new ConcurrentHashMap<>();
    private final List<String> posted = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")) || Files.isExecutable(Path.of("/bin/curl")),
                "curl is the oracle of these tests");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/up", exchange -> respond(exchange, 200, "up\nline two\n", false));
        server.createContext("/starting", exchange -> respond(exchange, 503, "still starting", false));
        server.createContext("/chunked", exchange -> respond(exchange, 200, "streamed", true));
        server.createContext("/nothing", exchange -> respond(exchange, 204, "", false));
        server.createContext("/big", exchange -> respond(exchange, 200, "x".repeat(HttpRequest.MAX_BODY + 1000), false));
        server.createContext("/load", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            posted.add(exchange.getRequestHeaders().getFirst("Content-Type") + "|" + new String(body, StandardCharsets.UTF_8));
            String text = new String(body, StandardCharsets.UTF_8);
            if (text.contains("broken")) {
                respond(exchange, 400, "{\"error\":\"no_such_directive in the file\"}\n", false);
            } else {
                respond(exchange, 200, "", false);
            }
        });
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(4000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200, "late", false);
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void respond(HttpExchange exchange, int status, String body, boolean chunked) throws IOException {
        agents.add(exchange.getRequestHeaders().getFirst("User-Agent"));
        if (exchange.getRequestURI().getRawQuery() != null) {
            queries.put(exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery());
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, status == 204 ? -1 : chunked ? 0 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private record Ran(String out, int status) {
    }

    private static Ran runWithStatus(String line, String path) throws Exception {
        return exec(line, path, false);
    }

    /** Standard output and error together; the exit status is curl's, which no caller of a GET reads. */
    private static String run(String line, String path) throws Exception {
        return exec(line, path, true).out();
    }

    private static Ran exec(String line, String path, boolean withStderr) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", line).redirectErrorStream(withStderr);
        builder.environment().put("LC_ALL", "C.UTF-8"); // a host whose locale counts characters, not bytes
        if (path != null) {
            builder.environment().put("PATH", path);
        }
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Ran(out, process.waitFor());
    }

    /** A loopback port nothing listens on (it was free a moment ago). */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void printsTheBodyThenTheStatusExactlyAsCurlDoesAndAsksAsXamal() throws Exception {
        assumeTrue(Files.isExecutable(bash()), "bash");
        for (String path : List.of("/up", "/starting", "/chunked", "/nothing", "/up?ready=1&x=%20y")) {
            String url = base + path;
            agents.clear();
            String probed = run(HttpRequest.get(url, 5), null);
            assertThat(agents).as("bash made the request for %s", path).containsExactly("xamal");
            assertThat(probed).as(path).isEqualTo(run(HttpRequest.curlGet(url, 5), null));
        }
        assertThat(run(HttpRequest.get(base + "/up", 5), null)).isEqualTo("up\nline two\n\n200");
        assertThat(run(HttpRequest.get(base + "/starting", 5), null)).isEqualTo("still starting\n503");
        assertThat(queries).containsEntry("/up", "ready=1&x=%20y");
    }

    @Test
    void readsAtMostMaxBodyBytesOfABody() throws Exception {
        String out = run(HttpRequest.get(base + "/big", 5), null);
        assertThat(out).endsWith("\n200").hasSize(HttpRequest.MAX_BODY + "\n200".length());
    }

    @Test
    void nothingListeningIs000() throws Exception {
        int closed = closedPort();
        assertThat(run(HttpRequest.get("http://127.0.0.1:" + closed + "/up", 5), null)).isEqualTo("\n000");
    }

    @Test
    void anAnswerLaterThanTheTimeoutIs000AndTheProbeEndsByThen() throws Exception {
        Instant started = Instant.now();
        assertThat(run(HttpRequest.get(base + "/slow", 1), null)).isEqualTo("\n000");
        assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofMillis(3500));
    }

    @Test
    void withoutBashCurlMakesTheRequest(@TempDir Path bin) throws Exception {
        Files.createSymbolicLink(bin.resolve("curl"), curl());
        agents.clear();
        assertThat(run(HttpRequest.get(base + "/starting", 5), bin.toString())).isEqualTo("still starting\n503");
        assertThat(agents).hasSize(1).allMatch(agent -> agent.startsWith("curl/"));
    }

    @Test
    void whereBashCannotConnectCurlIsAsked(@TempDir Path bin) throws Exception {
        Files.createSymbolicLink(bin.resolve("bash"), bash());
        Path standIn = bin.resolve("curl");
        Files.writeString(standIn, "#!/bin/sh\nprintf 'curl was asked: %s' \"$*\"\n");
        assertThat(standIn.toFile().setExecutable(true)).isTrue();
        int closed = closedPort();
        String url = "http://127.0.0.1:" + closed + "/up";
        assertThat(run(HttpRequest.get(url, 5), bin.toString()))
                .isEqualTo("curl was asked: -s --max-time 5 -w \\n%{http_code} " + url);
    }

    @Test
    void urlsBashCannotAskGoToCurl() {
        assertThat(HttpRequest.get("https://127.0.0.1:4001/up", 5)).isEqualTo(HttpRequest.curlGet("https://127.0.0.1:4001/up", 5));
        assertThat(HttpRequest.get("http://127.0.0.1/up", 5)).isEqualTo(HttpRequest.curlGet("http://127.0.0.1/up", 5));
        assertThat(HttpRequest.get("http://127.0.0.1:4001/up", 5)).startsWith("if command -v bash >/dev/null 2>&1; then ")
                .endsWith("; else " + HttpRequest.curlGet("http://127.0.0.1:4001/up", 5) + "; fi");
    }

    @Test
    void theBodyIsWhatWasPrintedBeforeTheStatusLine() throws Exception {
        assertThat(HttpRequest.body(run(HttpRequest.get(base + "/up", 5), null))).isEqualTo("up\nline two\n");
        assertThat(HttpRequest.body("\n000")).isEmpty();
        assertThat(HttpRequest.body("")).isEmpty();
    }

    @Test
    void postsAFileAndFailsOnA4xxWithTheBodyExactlyAsCurlDoes(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good");
        Files.writeString(good, "# caf\u00e9, na\u00efve: bytes, not characters\nimport /opt/xamal/*/Caddyfile\n\n");
        Path bad = dir.resolve("bad");
        Files.writeString(bad, "broken {\n}\n");
        String url = base + "/load";
        for (Path file : List.of(good, bad)) {
            agents.clear();
            posted.clear();
            Ran bash = runWithStatus(HttpRequest.postFile(url, "text/caddyfile", file.toString(), 60), null);
            assertThat(agents).containsExactly("xamal");
            Ran curl = runWithStatus(HttpRequest.curlPostFile(url, "text/caddyfile", file.toString(), 60), null);
            assertThat(bash).as(file.toString()).isEqualTo(curl);
            assertThat(posted).as("the same bytes and type from both").hasSize(2).allMatch(
                    body -> body.equals(posted.get(0))).first().isEqualTo("text/caddyfile|" + Files.readString(file));
        }
        assertThat(runWithStatus(HttpRequest.postFile(url, "text/caddyfile", good.toString(), 60), null))
                .isEqualTo(new Ran("", 0));
        assertThat(runWithStatus(HttpRequest.postFile(url, "text/caddyfile", bad.toString(), 60), null))
                .isEqualTo(new Ran("{\"error\":\"no_such_directive in the file\"}\n", 22));
    }

    @Test
    void aPostOfAFileTheHostCannotReadFailsWithCurlsStatusSendsNothingAndSaysWhichFile(@TempDir Path dir)
            throws Exception {
        assumeTrue(Files.isExecutable(bash()), "bash");
        String missing = dir.resolve("no-such-Caddyfile").toString();
        agents.clear();
        Ran bash = exec(HttpRequest.postFile(base + "/load", "text/caddyfile", missing, 5), null, true);
        assertThat(bash).isEqualTo(new Ran("xamal-http: cannot read " + missing + "\n", 26));
        assertThat(agents).as("nothing was sent").isEmpty();
        Path curlOnly = Files.createDirectories(dir.resolve("bin"));
        Files.createSymbolicLink(curlOnly.resolve("curl"), curl());
        Ran curl = exec(HttpRequest.postFile(base + "/load", "text/caddyfile", missing, 5), curlOnly.toString(), true);
        assertThat(curl).as("without bash: not curl's empty POST").isEqualTo(bash);
        assertThat(agents).as("nothing was sent").isEmpty();
        String https = HttpRequest.postFile("https://localhost:2019/load", "text/caddyfile", missing, 5);
        assertThat(exec(https + "; echo \"status $?\"", curlOnly.toString(), true).out())
                .as("a URL only curl asks gets the same check").endsWith("status 26\n");
    }

    @Test
    void aPostWithoutAnAnswerInTimeFailsAndOneNobodyTakesIsCurls(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "x");
        Instant started = Instant.now();
        assertThat(runWithStatus(HttpRequest.postFile(base + "/slow", "text/plain", file.toString(), 1), null).status())
                .isEqualTo(28);
        assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofMillis(3500));
        int closed = closedPort();
        String url = "http://127.0.0.1:" + closed + "/load";
        assertThat(runWithStatus(HttpRequest.postFile(url, "text/plain", file.toString(), 5), null).status())
                .as("curl's own status for a refused connection").isEqualTo(7);
    }

    private static Path bash() {
        return Files.isExecutable(Path.of("/bin/bash")) ? Path.of("/bin/bash") : Path.of("/usr/bin/bash");
    }

    private static Path curl() {
        return Files.isExecutable(Path.of("/usr/bin/curl")) ? Path.of("/usr/bin/curl") : Path.of("/bin/curl");
    }
}
