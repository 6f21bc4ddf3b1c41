package demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Answers / with its version and GREETING, on $PORT; /health answers ok, except for versions
 * named hang-*, which never become healthy (a deploy of one waits in its health check).
 */
public final class Main {
    public static void main(String[] args) throws IOException {
        String version = System.getenv("XAMAL_VERSION");
        HttpServer server = HttpServer.create(new InetSocketAddress(Integer.parseInt(System.getenv("PORT"))), 50);
        server.createContext("/health", exchange -> {
            if (version.startsWith("hang-")) {
                respond(exchange, 503, "not yet\n");
            } else {
                respond(exchange, 200, "ok\n");
            }
        });
        server.createContext("/", exchange -> respond(exchange, 200, version + ": " + System.getenv("GREETING") + "\n"));
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
