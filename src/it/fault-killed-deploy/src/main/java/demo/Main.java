package demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Answers / with its version on $PORT at once; /health answers 503 for the first $BOOT_SECONDS
 * seconds, then ok: a deploy waits that long in its health check while the new instance already
 * runs and listens (the moment the test kills the deploying Maven process).
 */
public final class Main {
    public static void main(String[] args) throws IOException {
        String version = System.getenv("XAMAL_VERSION");
        long readyAt = System.nanoTime() + Long.parseLong(System.getenv("BOOT_SECONDS")) * 1_000_000_000L;
        HttpServer server = HttpServer.create(new InetSocketAddress(Integer.parseInt(System.getenv("PORT"))), 50);
        server.createContext("/health", exchange -> {
            if (System.nanoTime() - readyAt < 0) {
                respond(exchange, 503, "booting\n");
            } else {
                respond(exchange, 200, "ok\n");
            }
        });
        server.createContext("/", exchange -> respond(exchange, 200, version + "\n"));
        server.start();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
