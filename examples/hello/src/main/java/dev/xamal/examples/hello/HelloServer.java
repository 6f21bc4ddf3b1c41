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
 * {@code /health} answer; {@code HELLO_WRONG_PORT=true} listens on {@code $PORT + 100} instead of
 * {@code $PORT}; {@code HELLO_IGNORE_SIGTERM=true} never finishes exiting on SIGTERM (a shutdown
 * hook that does not return), so only SIGKILL stops it.
 */
public final class HelloServer {
    /** How far from {@code $PORT} the server listens with {@code HELLO_WRONG_PORT=true}. */
    private static final int WRONG_PORT_OFFSET = 100;

    private HelloServer() {
    }

    public static void main(String[] args) throws IOException {
        if (flag("HELLO_FAIL_AT_START")) {
            System.err.println("hello: failing at start (HELLO_FAIL_AT_START)");
            System.exit(1);
        }
        int port = Integer.parseInt(env("PORT", "4000")) + (flag("HELLO_WRONG_PORT") ? WRONG_PORT_OFFSET : 0);
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
        if (flag("HELLO_IGNORE_SIGTERM")) {
            Runtime.getRuntime().addShutdownHook(new Thread(HelloServer::neverReturn, "ignore-sigterm"));
            System.err.println("hello: SIGTERM will not stop this process (HELLO_IGNORE_SIGTERM)");
        }
        if (failHealth) {
            System.err.println("hello: /health answers 503 (HELLO_FAIL_HEALTH)");
        }
    }

    /** A shutdown hook that never returns: the JVM cannot finish exiting until it is killed. */
    private static void neverReturn() {
        System.err.println("hello: got SIGTERM, ignoring it (HELLO_IGNORE_SIGTERM)");
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                // keep holding the exit
            }
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
