package dev.xamal.caddy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xamal.core.EnvironmentException;
import org.junit.jupiter.api.Test;

class UpstreamLoadTest {
    @Test
    void readsInFlightRequestsPerPort() {
        UpstreamLoad load = UpstreamLoad.parse("""
                [{"address":"localhost:4001","num_requests":0,"fails":0},
                 {"address":"localhost:4000","num_requests":3,"fails":0}]""");
        assertThat(load.inFlight(4000)).contains(3);
        assertThat(load.inFlight(4001)).contains(0);
        assertThat(load.inFlight(4002)).isEmpty();
    }

    @Test
    void skipsFieldsItDoesNotNeedAndCountsWhatIsNotANumberAsZero() {
        UpstreamLoad load = UpstreamLoad.parse("""
                [{"fails":{"recent":[1,2]},"address":"localhost:4001","num_requests":"2"},
                 {"address":"localhost:4000","num_requests":null,"extra":[{"address":"localhost:9"}]},
                 {"num_requests":5}]""");
        assertThat(load.inFlight(4001)).contains(2);
        assertThat(load.inFlight(4000)).contains(0);
        assertThat(load.inFlight(9)).isEmpty();
        assertThat(UpstreamLoad.parse("[]").inFlight(4000)).isEmpty();
    }

    @Test
    void rejectsAnythingButAnArrayOfObjects() {
        assertRefused("{\"error\":\"x\"}", "/reverse_proxy/upstreams");
        assertRefused("<html>", "invalid JSON");
        assertRefused("[1, 2]", "JSON array of upstreams");
        assertRefused("[{\"address\":\"localhost:4000\"}", "invalid JSON");
        assertRefused("", "/reverse_proxy/upstreams");
    }

    private static void assertRefused(String json, String message) {
        assertThatThrownBy(() -> UpstreamLoad.parse(json)).as(json)
                .isInstanceOf(EnvironmentException.class)
                .hasMessageContaining(message);
    }
}
