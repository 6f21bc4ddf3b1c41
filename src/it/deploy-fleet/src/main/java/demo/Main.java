package demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Answers /health with ok and / with its version on $PORT; with the argument {@code worker} it is
 * a background worker instead, printing its version every second.
 */
public final class Main {
    public static void main(String[] args) throws IOException, InterruptedException {
        String version = System.getenv("XAMAL_VERSION");
        if (args.length > 0 && args[0].equals("worker")) {
            while (true) {
                System.out.println("worker " + version + " working");
                Thread.sleep(1000);
            }
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(Integer.parseInt(System.getenv("PORT"))), 50);
        server.createContext("/health", exchange -> respond(exchange, "ok\n"));
        server.createContext("/", exchange -> respond(exchange, version + "\n"));
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
