package demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Answers /health with ok and / with its version on $PORT, logging one line when it listens.
 * {@code migrate <marker>} writes the version and $DATABASE to the marker; {@code migrate --fail}
 * fails with status 3.
 */
public final class Main {
    public static void main(String[] args) throws IOException {
        if (args.length == 2 && args[0].equals("migrate")) {
            migrate(args[1]);
            return;
        }
        int port = Integer.parseInt(System.getenv("PORT"));
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 50);
        server.createContext("/health", exchange -> respond(exchange, "ok\n"));
        server.createContext("/", exchange -> respond(exchange, System.getenv("XAMAL_VERSION") + "\n"));
        server.start();
        System.out.println("itops " + System.getenv("XAMAL_VERSION") + " listening on port " + port);
    }

    private static void migrate(String marker) throws IOException {
        System.out.println("migrating " + System.getenv("DATABASE"));
        if (marker.equals("--fail")) {
            System.err.println("migration failed: table greetings is locked");
            System.exit(3);
        }
        Files.writeString(Path.of(marker), "version=" + System.getenv("XAMAL_VERSION") + " database="
                + System.getenv("DATABASE") + "\n");
        System.out.println("migrated " + System.getenv("DATABASE"));
    }

    private static void respond(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
