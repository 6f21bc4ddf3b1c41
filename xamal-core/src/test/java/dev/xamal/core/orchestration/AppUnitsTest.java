package dev.xamal.core.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xamal.core.config.ConfigLoader;
import dev.xamal.core.config.XamalConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppUnitsTest {
    @TempDir
    Path dir;

    private static final String DISCOVERY = String.join("\n",
            "caddy.service", "shop.web@.service", "shop.worker.service", "shop.old@.service",
            "shop.staging.web@.service", "shopping.web@.service",
            "/etc/systemd/system/multi-user.target.wants:", "shop.web@4001.service", "shop.staging.web@4000.service",
            "shop.web@5000.service loaded inactive dead Shop", "");

    @Test
    void findsOnlyThisAppsUnitsNotAnotherDestinationsOrServices() {
        AppUnits units = AppUnits.parse("shop", DISCOVERY);
        assertThat(units.names()).containsExactly("shop.old@.service", "shop.web@.service", "shop.web@4001.service",
                "shop.web@5000.service", "shop.worker.service");
        assertThat(units.runnable("shop")).containsExactly("shop.web@4001.service", "shop.web@5000.service",
                "shop.worker.service");
        assertThat(units.unitFiles("shop")).containsExactly("shop.old@.service", "shop.web@.service",
                "shop.worker.service");
        assertThat(AppUnits.parse("shop.staging", DISCOVERY).names())
                .containsExactly("shop.staging.web@.service", "shop.staging.web@4000.service");
    }

    @Test
    void driftNamesRolesAndPortsTheConfigurationNoLongerHas() throws IOException {
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("config/xamal.yml"), "service: shop\nservers:\n  web: [h1]\n  jobs:\n"
                + "    hosts: [h1]\n    cmd: run demo.Jobs\ncaddy:\n  app_port: 4000\n");
        XamalConfig config = ConfigLoader.load(dir, ConfigLoader.DEFAULT_CONFIG_FILE, Optional.empty(), Map.of());
        assertThat(AppUnits.parse("shop", DISCOVERY).drift(config, config.allHosts().get(0))).containsExactly(
                "unit shop.old@.service belongs to role old, which the configuration does not run on this host",
                "unit shop.web@5000.service runs on port 5000, not on 4000 or 4001 (caddy.app_port)",
                "unit shop.worker.service belongs to role worker, which the configuration does not run on this host",
                "role jobs has no unit file /etc/systemd/system/shop.jobs.service (run mvn xamal:setup)");
    }

    @Test
    void unitStatesReadSystemctlShowBlocks() {
        assertThat(AppDetails.unitStates("Id=shop.web@4000.service\nActiveState=active\nSubState=running\n"
                + "UnitFileState=enabled\n\nId=shop.web@4001.service\nActiveState=inactive\nSubState=dead\n"
                + "UnitFileState=\n")).containsExactly(
                Map.entry("shop.web@4000.service", "active/running enabled"),
                Map.entry("shop.web@4001.service", "inactive/dead"));
    }

    @Test
    void aUnitsPropertiesMayComeInSeveralBlocksAsTheStateCommandPrintsThem() {
        assertThat(AppDetails.unitStates("Id=shop.web@4000.service\nActiveState=active\nSubState=running\n\n"
                + "Id=shop.web@4001.service\nActiveState=inactive\nSubState=dead\n"
                + "\nId=shop.web@4000.service\nUnitFileState=enabled\n"
                + "\nId=shop.web@4001.service\nUnitFileState=disabled\n")).containsExactly(
                Map.entry("shop.web@4000.service", "active/running enabled"),
                Map.entry("shop.web@4001.service", "inactive/dead disabled"));
    }
}
