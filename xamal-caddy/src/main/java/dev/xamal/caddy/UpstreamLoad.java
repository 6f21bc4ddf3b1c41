package dev.xamal.caddy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xamal.core.EnvironmentException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The in-flight request counts Caddy's admin endpoint {@code GET /reverse_proxy/upstreams}
 * reports, by upstream address. While a site proxies to {@code new old} with
 * {@code lb_policy first}, the old port's count falls to zero as its requests finish: that is
 * the drain signal.
 */
public final class UpstreamLoad {
    /** The admin endpoint on the host, queried with curl over SSH. */
    public static final String ENDPOINT = "http://localhost:2019/reverse_proxy/upstreams";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Integer> requestsByAddress;

    private UpstreamLoad(Map<String, Integer> requestsByAddress) {
        this.requestsByAddress = Map.copyOf(requestsByAddress);
    }

    /** Parses the endpoint's JSON array of {@code {address, num_requests, fails}}. */
    public static UpstreamLoad parse(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null || !root.isArray()) {
                throw new EnvironmentException("Caddy's " + ENDPOINT + " did not answer with a JSON array: "
                        + abbreviated(json));
            }
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (JsonNode upstream : root) {
                counts.put(upstream.path("address").asText(), upstream.path("num_requests").asInt(0));
            }
            return new UpstreamLoad(counts);
        } catch (IOException e) {
            throw new EnvironmentException("Caddy's " + ENDPOINT + " answered with invalid JSON: "
                    + abbreviated(json), e);
        }
    }

    /** Requests in flight to {@code localhost:<port>}, or empty when Caddy does not list it. */
    public Optional<Integer> inFlight(int port) {
        return Optional.ofNullable(requestsByAddress.get("localhost:" + port));
    }

    private static String abbreviated(String text) {
        String stripped = text == null ? "" : text.strip();
        return stripped.length() > 200 ? stripped.substring(0, 200) + "..." : stripped;
    }
}
