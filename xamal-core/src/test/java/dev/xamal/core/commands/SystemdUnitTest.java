package dev.xamal.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SystemdUnitTest {
    private final AppLayout layout = new AppLayout("shop.staging");

    @Test
    void templateUnitRunsThePortsOwnSlotWithItsOwnEnvFile() {
        String unit = SystemdUnit.template(new SystemdUnit.Spec(layout, "web", "shop", "deploy", Optional.empty(), 30));
        assertThat(unit)
                .contains("Description=shop.staging web on port %i\n")
                .contains("User=deploy\n")
                .contains("WorkingDirectory=/opt/xamal/shop.staging/slots/%i\n")
                .contains("EnvironmentFile=/opt/xamal/shop.staging/env/web-%i.env\n")
                .contains("Environment=PORT=%i\n")
                .contains("ExecStart=/opt/xamal/shop.staging/slots/%i/bin/shop start\n")
                .contains("SuccessExitStatus=143\n")
                .contains("TimeoutStopSec=45\n")
                .doesNotContain("/current");
    }

    @Test
    void plainUnitOfARoleWithoutProxyRunsItsCommandLiterally() {
        String unit = SystemdUnit.plain(new SystemdUnit.Spec(layout, "worker", "shop", "app",
                Optional.of("run com.example.Worker --share=50% $HOME"), 30));
        assertThat(unit)
                .contains("WorkingDirectory=/opt/xamal/shop.staging/slots/worker\n")
                .contains("EnvironmentFile=/opt/xamal/shop.staging/env/worker.env\n")
                .contains("ExecStart=/opt/xamal/shop.staging/slots/worker/bin/shop run com.example.Worker --share=50%% $$HOME\n")
                .doesNotContain("PORT");
    }

    @Test
    void unitNamesFollowTheAppAndRole() {
        assertThat(layout.templateUnitName("web")).isEqualTo("shop.staging.web@.service");
        assertThat(layout.instanceUnitName("web", 4001)).isEqualTo("shop.staging.web@4001.service");
        assertThat(layout.plainUnitName("worker")).isEqualTo("shop.staging.worker.service");
        assertThat(AppLayout.unitPath("shop.web@.service")).isEqualTo("/etc/systemd/system/shop.web@.service");
    }
}
