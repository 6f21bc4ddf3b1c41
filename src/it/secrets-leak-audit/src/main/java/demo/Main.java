package demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Answers /health with ok and / with its version and the SHA-256 of each secret it got (so a
 * test can check the secrets arrived without the app ever printing one), on $PORT.
 */
public final class Main {
    public static void main(String[] args) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(Integer.parseInt(System.getenv("PORT"))), 50);
        server.createContext("/health", exchange -> respond(exchange, "ok\n"));
        server.createContext("/", exchange -> respond(exchange, System.getenv("XAMAL_VERSION")
                + " " + sha256("DB_PASSWORD") + " " + sha256("API_TOKEN") + " " + sha256("SIGNING_KEY") + "\n"));
        server.start();
    }

    private static String sha256(String name) {
        String value = System.getenv(name);
        if (value == null) {
            return "unset";
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void respond(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
