package dev.xamal.core.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xamal.core.config.ConfigLoader;
import dev.xamal.core.config.Host;
import dev.xamal.core.config.XamalConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootGroupsTest {
    @TempDir
    Path project;

    private XamalConfig config(String boot) throws IOException {
        Files.createDirectories(project.resolve("config"));
        Files.writeString(project.resolve("config/xamal.yml"), """
                service: shop
                servers:
                  worker:
                    hosts: [jobs1, jobs2]
                    cmd: run shop.Worker
                  web: [web1, web2, web3]
                """ + boot);
        return ConfigLoader.load(project, ConfigLoader.DEFAULT_CONFIG_FILE, Optional.empty(), Map.of());
    }

    private static List<List<String>> ids(List<List<Host>> groups) {
        return groups.stream().map(g -> g.stream().map(Host::id).toList()).toList();
    }

    @Test
    void withoutALimitAllHostsBootInOneGroupPrimaryRoleFirst() throws IOException {
        XamalConfig config = config("");
        assertThat(ids(BootGroups.of(config, config.allHosts())))
                .containsExactly(List.of("web1", "web2", "web3", "jobs1", "jobs2"));
    }

    @Test
    void aCountCutsGroupsOfThatSizeAfterThePrimaryRolesHosts() throws IOException {
        XamalConfig config = config("boot:\n  limit: 2\n");
        assertThat(ids(BootGroups.of(config, config.allHosts())))
                .containsExactly(List.of("web1", "web2"), List.of("web3", "jobs1"), List.of("jobs2"));
    }

    @Test
    void aPercentageIsOfTheHostsBootedRoundedDownButAtLeastOne() throws IOException {
        XamalConfig config = config("boot:\n  limit: 40%\n");
        assertThat(ids(BootGroups.of(config, config.allHosts())))
                .containsExactly(List.of("web1", "web2"), List.of("web3", "jobs1"), List.of("jobs2"));
        XamalConfig tiny = config("boot:\n  limit: 10%\n");
        assertThat(ids(BootGroups.of(tiny, tiny.allHosts().subList(0, 2)))).containsExactly(List.of("jobs1"),
                List.of("jobs2"));
    }

    @Test
    void aSelectionBootsOnlyItsHosts() throws IOException {
        XamalConfig config = config("boot:\n  limit: 1\n");
        List<Host> selected = config.allHosts().stream().filter(h -> h.id().endsWith("2")).toList();
        assertThat(ids(BootGroups.of(config, selected))).containsExactly(List.of("web2"), List.of("jobs2"));
    }
}
