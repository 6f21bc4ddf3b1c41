package dev.xamal.examples.hello;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The example app: a JDK HTTP server on {@code $PORT} (default 4000).
 *
 * <ul>
 *   <li>{@code /health}: 200 {@code ok} (503 when {@code HELLO_FAIL_HEALTH=true});</li>
 *   <li>{@code /version}: the release's version label ({@code XAMAL_VERSION});</li>
 *   <li>{@code /slow?ms=N}: answers after N milliseconds (for drain tests);</li>
 *   <li>{@code /}: a greeting.</li>
 * </ul>
 * Switches for the tests' broken releases: {@code HELLO_FAIL_AT_START=true} exits with status 1
 * before listening; {@code HELLO_FAIL_HEALTH=true} keeps {@code /health} at 503;
 * {@code HELLO_CRASH_AFTER_HEALTHY=N} exits with status 1 N seconds after the first healthy
 * {@code /health} answer.
 */
public final class HelloServer {
    private HelloServer() {
    }

    public static void main(String[] args) throws IOException {
        if (flag("HELLO_FAIL_AT_START")) {
            System.err.println("hello: failing at start (HELLO_FAIL_AT_START)");
            System.exit(1);
        }
        int port = Integer.parseInt(env("PORT", "4000"));
        String version = env("XAMAL_VERSION", "unknown");
        boolean failHealth = flag("HELLO_FAIL_HEALTH");
        long crashAfter = Long.parseLong(env("HELLO_CRASH_AFTER_HEALTHY", "-1"));
        AtomicBoolean crashScheduled = new AtomicBoolean();

        HttpServer server = HttpServer.create(new InetSocketAddress(port), 100);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/health", exchange -> {
            if (failHealth) {
                respond(exchange, 503, "unhealthy (HELLO_FAIL_HEALTH)\n");
                return;
            }
            respond(exchange, 200, "ok\n");
            if (crashAfter >= 0 && crashScheduled.compareAndSet(false, true)) {
                Executors.newSingleThreadScheduledExecutor().schedule(() -> {
                    System.err.println("hello: crashing after becoming healthy (HELLO_CRASH_AFTER_HEALTHY)");
                    Runtime.getRuntime().halt(1);
                }, crashAfter, TimeUnit.SECONDS);
            }
        });
        server.createContext("/version", exchange -> respond(exchange, 200, version + "\n"));
        server.createContext("/slow", exchange -> {
            long ms = slowMillis(exchange.getRequestURI().getQuery());
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200, "slept " + ms + " ms\n");
        });
        server.createContext("/", exchange -> respond(exchange, 200, "hello from " + version + "\n"));
        server.start();
        System.out.println("hello " + version + " listening on port " + port);
        if (failHealth) {
            System.err.println("hello: /health answers 503 (HELLO_FAIL_HEALTH)");
        }
    }

    private static long slowMillis(String query) {
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("ms=")) {
                    return Math.max(0, Long.parseLong(pair.substring(3)));
                }
            }
        }
        return 1000;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static boolean flag(String name) {
        return Boolean.parseBoolean(env(name, "false"));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
