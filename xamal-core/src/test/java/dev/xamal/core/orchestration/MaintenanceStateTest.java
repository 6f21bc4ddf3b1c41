package dev.xamal.core.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xamal.core.spi.ProxySite.Maintenance;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MaintenanceStateTest {
    @Test
    void aResponseSurvivesTheFile() {
        Maintenance withPage = new Maintenance("Upgrading \"db\"", Optional.of("/opt/xamal/shop/maintenance.html"), 120);
        assertThat(MaintenanceState.parse(MaintenanceState.text(withPage))).hasValue(withPage);
        Maintenance plain = new Maintenance(Maintenance.DEFAULT_MESSAGE, Optional.empty(), 0);
        assertThat(MaintenanceState.parse(MaintenanceState.text(plain))).hasValue(plain);
    }

    @Test
    void noFileIsNoMaintenanceAndAnUnreadableOneStillIs() {
        assertThat(MaintenanceState.parse("")).isEmpty();
        assertThat(MaintenanceState.parse("on\n")).hasValue(new Maintenance(Maintenance.DEFAULT_MESSAGE,
                Optional.empty(), MaintenanceState.DEFAULT_RETRY_AFTER));
    }
}
