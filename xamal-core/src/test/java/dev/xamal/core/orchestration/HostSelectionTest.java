package dev.xamal.core.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xamal.core.UsageException;
import dev.xamal.core.config.ConfigLoader;
import dev.xamal.core.config.Host;
import dev.xamal.core.config.XamalConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostSelectionTest {
    @TempDir
    Path project;
    XamalConfig config;

    @BeforeEach
    void loadConfig() throws IOException {
        Files.createDirectories(project.resolve("config"));
        Files.writeString(project.resolve("config/xamal.yml"), """
                service: shop
                servers:
                  web:
                    - web1.example.com
                    - web2.example.com:2222
                    - "[2001:db8::1]:2200"
                  worker:
                    hosts:
                      - jobs1.example.com
                      - web1.example.com
                """);
        config = ConfigLoader.load(project, ConfigLoader.DEFAULT_CONFIG_FILE, Optional.empty(), Map.of());
    }

    @Test
    void noFilterSelectsEveryHostOnceInOrder() {
        assertThat(ids(HostSelection.select(config, Optional.empty(), Optional.empty())))
                .containsExactly("web1.example.com", "web2.example.com:2222", "[2001:db8::1]:2200", "jobs1.example.com");
    }

    @Test
    void rolesSelectTheirHosts() {
        assertThat(ids(HostSelection.select(config, Optional.empty(), Optional.of("work*"))))
                .containsExactly("jobs1.example.com", "web1.example.com");
    }

    @Test
    void hostPatternsMatchIdentityOrNameIgnoringCaseWithBracketsTakenLiterally() {
        assertThat(ids(HostSelection.select(config, Optional.of("WEB2.example.com, [2001:db8::1]:*"), Optional.empty())))
                .containsExactly("web2.example.com:2222", "[2001:db8::1]:2200");
        assertThat(ids(HostSelection.select(config, Optional.of("*.example.com"), Optional.of("web"))))
                .containsExactly("web1.example.com", "web2.example.com:2222");
    }

    @Test
    void aRolePatternMatchingNothingSaysWhichRolesExist() {
        assertThatThrownBy(() -> HostSelection.select(config, Optional.empty(), Optional.of("db")))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("No role matches -Dxamal.roles=db")
                .hasMessageContaining("web, worker");
    }

    @Test
    void aHostPatternMatchingNothingSaysWhichHostsExist() {
        assertThatThrownBy(() -> HostSelection.select(config, Optional.of("jobs*"), Optional.of("web")))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("No host of the selected roles matches -Dxamal.hosts=jobs*")
                .hasMessageContaining("web1.example.com, web2.example.com:2222, [2001:db8::1]:2200");
    }

    private static List<String> ids(List<Host> hosts) {
        return hosts.stream().map(Host::id).toList();
    }
}
