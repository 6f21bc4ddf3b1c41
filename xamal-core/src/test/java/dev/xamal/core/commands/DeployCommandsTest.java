package dev.xamal.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeployCommandsTest {
    private final DeployCommands asDeploy = new DeployCommands(new AppLayout("shop.staging"), false);
    private final DeployCommands asRoot = new DeployCommands(new AppLayout("shop"), true);

    @Test
    void linksMoveAtomicallyThroughATemporaryLink() {
        assertThat(asDeploy.linkSlot(4001, "abc123")).isEqualTo(
                "ln -sfn ../releases/abc123 /opt/xamal/shop.staging/slots/4001.new"
                        + " && mv -T /opt/xamal/shop.staging/slots/4001.new /opt/xamal/shop.staging/slots/4001");
        assertThat(asDeploy.linkCurrent("abc123")).isEqualTo(
                "ln -sfn releases/abc123 /opt/xamal/shop.staging/current.new"
                        + " && mv -T /opt/xamal/shop.staging/current.new /opt/xamal/shop.staging/current");
        assertThat(asDeploy.linkSlot("worker", "abc123")).endsWith("/opt/xamal/shop.staging/slots/worker");
    }

    @Test
    void activePortIsWrittenToATemporaryFileAndRenamed() {
        assertThat(asDeploy.writeActivePort(4001)).isEqualTo("printf '%s\\n' 4001 > '/opt/xamal/shop.staging/active_port.new'"
                + " && mv -f /opt/xamal/shop.staging/active_port.new /opt/xamal/shop.staging/active_port");
    }

    @Test
    void rootCommandsUseSudoUnlessTheUserIsRootAndNameTheUnitExactly() {
        assertThat(asDeploy.systemctl(UnitCommands.Verb.START, "shop.staging.web@4001.service"))
                .isEqualTo("sudo -n /usr/bin/systemctl start shop.staging.web@4001.service");
        assertThat(asRoot.systemctl(UnitCommands.Verb.STOP, "shop.web@4000.service"))
                .isEqualTo("/usr/bin/systemctl stop shop.web@4000.service");
        assertThat(asDeploy.journalTail("shop.staging.web@4001.service"))
                .startsWith("sudo -n /usr/bin/journalctl --no-pager -n ").endsWith(" -u shop.staging.web@4001.service");
    }

    @Test
    void historyLinesAreQuotedSoNothingInThemRunsOnTheHost() {
        assertThat(asDeploy.appendHistory("t\th\tweb\t4000\tv'1$(x)\tdeploy")).isEqualTo(
                "printf '%s\\n' 't\th\tweb\t4000\tv'\\''1$(x)\tdeploy' >> '/opt/xamal/shop.staging/history'");
    }

    @Test
    void preparingALayerRemovesWhatACutOffUploadOfItLeftButNeverTheLayerOrItsMarker() {
        assertThat(asDeploy.prepareLayer("aaa")).isEqualTo("mkdir -p /opt/xamal/shop.staging/layers/aaa"
                + " && rm -f -- '/opt/xamal/shop.staging/layers/aaa'/.layer.tar.gz.xamal-*.part");
    }

    @Test
    void aFailedAssemblyRemovesItsScratchDirectory() {
        String line = asDeploy.assemble("v1", List.of("aaa"), "service=shop\n", "shop");
        assertThat(line).contains("trap 'rm -rf '\\''/opt/xamal/shop.staging/releases/v1.assembling'\\''' EXIT")
                .doesNotContain("trap 'rm -rf '\\''/opt/xamal/shop.staging/releases/v1'\\''' EXIT");
    }

    @Test
    void assemblyWorksInAScratchDirectoryAndMovesTheCompleteReleaseIntoPlace() {
        String line = asDeploy.assemble("v1", List.of("aaa", "bbb"), "service=shop\n", "shop");
        assertThat(line).startsWith("set -e; trap 'rm -rf '\\''/opt/xamal/shop.staging/releases/v1.assembling'\\''' EXIT;"
                + " rm -rf '/opt/xamal/shop.staging/releases/v1.assembling'");
        assertThat(line).containsSubsequence(
                "tar -xzf '/opt/xamal/shop.staging/layers/aaa/layer.tar.gz'",
                "tar -xzf '/opt/xamal/shop.staging/layers/bbb/layer.tar.gz'",
                "cmp -s - '/opt/xamal/shop.staging/releases/v1.assembling/RELEASE'",
                "test -x '/opt/xamal/shop.staging/releases/v1.assembling/bin/shop'",
                "> '/opt/xamal/shop.staging/releases/v1.assembling/.xamal-complete'",
                "mv -T '/opt/xamal/shop.staging/releases/v1.assembling' '/opt/xamal/shop.staging/releases/v1'");
        assertThat(DeployCommands.markerContent(List.of("aaa", "bbb"))).isEqualTo("aaa\nbbb\n");
    }

    @Test
    void theProbePrintsTheBodyThenTheStatus() {
        assertThat(DeployCommands.probe("http://127.0.0.1:4001/up", 5))
                .isEqualTo("curl -s --max-time 5 -w '\\n%{http_code}' http://127.0.0.1:4001/up");
    }
}
