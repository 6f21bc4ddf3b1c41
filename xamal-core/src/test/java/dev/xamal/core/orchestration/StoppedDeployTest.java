package dev.xamal.core.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xamal.core.EnvironmentException;
import dev.xamal.core.config.Host;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoppedDeployTest {
    private static Host host(String name) {
        return Host.parse(name);
    }

    @Test
    void saysHostByHostWhichVersionRunsAndWhyTheFailedHostFailed() {
        Host a = host("a");
        Host b = host("b");
        Host c = host("c");
        Host d = host("d");
        Map<Host, String> before = new LinkedHashMap<>();
        before.put(a, "v1");
        before.put(b, "v1");
        before.put(c, "v1");
        before.put(d, "");
        EnvironmentException error = new StoppedDeploy("shop", "v2", before)
                .switched(a)
                .failed(b, new EnvironmentException("Boot failed on b: health check"), List.of())
                .failed(c, new EnvironmentException("Boot failed on c: worker died"), List.of("web"))
                .notBooted(d)
                .exception(2, 3);
        assertThat(error.getMessage()).isEqualTo("""
                Deploy of shop v2 stopped: group 2 of 3 failed, so later groups were not booted. Each host now runs:
                  a: runs v2 (new)
                  b: still runs v1 (its boot failed)
                  c: still runs v1 (its boot failed; role web already switched to v2)
                  d: runs no release (not booted)
                Failure on b: Boot failed on b: health check
                Failure on c: Boot failed on c: worker died""");
        assertThat(error.getSuppressed()).hasSize(2);
    }
}
