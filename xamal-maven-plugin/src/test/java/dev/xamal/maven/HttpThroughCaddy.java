package dev.xamal.maven;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Plain HTTP/1.1 requests to a host's mapped Caddy port, each on a new connection. */
final class HttpThroughCaddy {
    private HttpThroughCaddy() {
    }

    /** A response's status and body. */
    record Answer(int status, String body) {
    }

    static Answer get(int port, String path) {
        try {
            return request(port, path, 30_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A GET for the site of {@code hostHeader} (Caddy picks the site by the Host header). */
    static Answer get(int port, String hostHeader, String path) {
        try {
            return request(port, hostHeader, path, 30_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One GET on a fresh connection ({@code Connection: close}); the response is read to its end. */
    static Answer request(int port, String path, int timeoutMillis) throws IOException {
        return request(port, "localhost", path, timeoutMillis);
    }

    private static Answer request(int port, String hostHeader, String path, int timeoutMillis) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int headerEnd = response.indexOf("\r\n\r\n");
            if (!response.startsWith("HTTP/1.1 ") || headerEnd < 0) {
                throw new IOException("not an HTTP response: " + response);
            }
            int status = Integer.parseInt(response.substring(9, 12));
            String headers = response.substring(0, headerEnd).toLowerCase(java.util.Locale.ROOT);
            String body = response.substring(headerEnd + 4);
            return new Answer(status, headers.contains("transfer-encoding: chunked") ? dechunk(body) : body);
        }
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
