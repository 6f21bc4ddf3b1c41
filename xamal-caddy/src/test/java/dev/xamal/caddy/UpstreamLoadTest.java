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
    void rejectsAnythingButAnArray() {
        assertThatThrownBy(() -> UpstreamLoad.parse("{\"error\":\"x\"}"))
                .isInstanceOf(EnvironmentException.class)
                .hasMessageContaining("/reverse_proxy/upstreams");
        assertThatThrownBy(() -> UpstreamLoad.parse("<html>"))
                .isInstanceOf(EnvironmentException.class)
                .hasMessageContaining("invalid JSON");
    }
}
