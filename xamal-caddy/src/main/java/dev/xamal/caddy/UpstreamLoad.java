package dev.xamal.caddy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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
    /** The admin endpoint on the host, queried over SSH ({@link CaddyCommands#upstreams()}). */
    public static final String ENDPOINT = "http://localhost:2019/reverse_proxy/upstreams";

    /**
     * Jackson's streaming parser: a deploy reads this one small array while other hosts still
     * boot, and the data binding's hundreds of classes would load (on the deploying machine's
     * CPU) just then.
     */
    private static final JsonFactory JSON = new JsonFactory();

    private final Map<String, Integer> requestsByAddress;

    private UpstreamLoad(Map<String, Integer> requestsByAddress) {
        this.requestsByAddress = Map.copyOf(requestsByAddress);
    }

    /**
     * Parses the endpoint's JSON array of {@code {address, num_requests, fails}}: an entry without
     * an address is listed under "", a missing or non-numeric count is 0, other fields are skipped.
     */
    public static UpstreamLoad parse(String json) {
        try (JsonParser parser = JSON.createParser(json == null ? "" : json)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw notAnArray(json);
            }
            Map<String, Integer> counts = new LinkedHashMap<>();
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.START_OBJECT) {
                String address = "";
                int requests = 0;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    parser.nextToken();
                    if (field.equals("address")) {
                        address = parser.getValueAsString("");
                    } else if (field.equals("num_requests")) {
                        requests = parser.getValueAsInt(0);
                    }
                    parser.skipChildren();
                }
                counts.put(address, requests);
            }
            if (token != JsonToken.END_ARRAY) {
                throw notAnArray(json);
            }
            return new UpstreamLoad(counts);
        } catch (IOException e) {
            throw new EnvironmentException("Caddy's " + ENDPOINT + " answered with invalid JSON: "
                    + abbreviated(json), e);
        }
    }

    private static EnvironmentException notAnArray(String json) {
        return new EnvironmentException("Caddy's " + ENDPOINT + " did not answer with a JSON array of upstreams: "
                + abbreviated(json));
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
