package demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Answers /health with ok and / with its version and GREETING, on $PORT. The app of deploy-setup,
 * rollback, ops-maintenance and ops-prune-remove (their poms name this directory).
 */
public final class Main {
    public static void main(String[] args) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(Integer.parseInt(System.getenv("PORT"))), 50);
        server.createContext("/health", exchange -> respond(exchange, "ok\n"));
        server.createContext("/", exchange -> respond(exchange,
                System.getenv("XAMAL_VERSION") + ": " + System.getenv("GREETING") + "\n"));
        server.start();
    }

    private static void respond(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
