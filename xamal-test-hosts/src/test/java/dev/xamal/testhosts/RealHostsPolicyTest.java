package dev.xamal.testhosts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RealHostsPolicyTest {

    @Test
    void offUnlessCiOrForced() {
        assertThat(RealHostsPolicy.of(Map.of(), null).enabled()).isFalse();
        assertThat(RealHostsPolicy.of(Map.of(), "").enabled()).isFalse();
        assertThat(RealHostsPolicy.of(Map.of("CI", "false"), "false").enabled()).isFalse();
    }

    @Test
    void ciTurnsThemOnAndMakesThemRequired() {
        RealHostsPolicy policy = RealHostsPolicy.of(Map.of("CI", "true"), null);
        assertThat(policy.enabled()).isTrue();
        assertThat(policy.ci()).isTrue();
    }

    @Test
    void propertyOrVariableForcesThem() {
        assertThat(RealHostsPolicy.of(Map.of(), "true").forced()).isTrue();
        assertThat(RealHostsPolicy.of(Map.of("XAMAL_REAL_HOSTS", "TRUE"), null).forced()).isTrue();
    }
}
