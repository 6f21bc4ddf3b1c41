package dev.xamal.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostTest {
    @Test
    void identityIsNamePlusPortNotUser() {
        assertThat(Host.parse("deploy@app1")).isEqualTo(Host.parse("app1"));
        assertThat(Host.parse("localhost:2201")).isNotEqualTo(Host.parse("localhost:2202"));
        assertThat(Host.parse("app1:22").withDefaultPort(22)).isEqualTo(Host.parse("app1"));
        assertThat(Host.parse("app1:2222").withDefaultPort(22)).isNotEqualTo(Host.parse("app1"));
    }

    @Test
    void parsesEveryWrittenForm() {
        assertThat(Host.parse("ops@[2001:DB8::1]:2200"))
                .isEqualTo(new Host(Optional.of("ops"), "2001:db8::1", Optional.of(2200)));
        assertThat(Host.parse("ops@[2001:db8::1]:2200").user()).contains("ops");
        assertThat(Host.parse("::1").hostname()).isEqualTo("::1");
        assertThat(Host.parse("App1.Example.COM").hostname()).isEqualTo("app1.example.com");
        assertThat(Host.parse("[::1]:2201").id()).isEqualTo("[::1]:2201");
        assertThat(Host.parse("[::1]").id(22)).isEqualTo("[::1]:22");
        assertThat(Host.parse("deploy@h:2201").toString()).isEqualTo("deploy@h:2201");
    }

    @Test
    void refusesMalformedHostsSayingWhichFormsWork() {
        for (String bad : new String[] {"", "h h", "h:", "h:0", "h:65536", "@h", "-h", "h..example", "[h]", "[::1", "a:b:zz"}) {
            assertThatThrownBy(() -> Host.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("write host, host:port, user@host, [v6] or [v6]:port");
        }
    }
}
