package dev.xamal.testhosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostsSpecTest {

    @Test
    void publicHostsAreNamedH1ToHn() {
        HostsSpec spec = HostsSpec.builder(3).privateHost("internal").tmpfs("/srv/small", "8m").spec();
        assertThat(spec.publicNames()).containsExactly("h1", "h2", "h3");
        assertThat(spec.privateHosts()).containsExactly("internal");
        assertThat(spec.variant()).isEqualTo(ImageVariant.DEFAULT);
    }

    @Test
    void badOptionsAreRefusedWithWhatToChange() {
        assertThatThrownBy(() -> HostsSpec.builder(0).spec()).hasMessageContaining("at least one host");
        assertThatThrownBy(() -> HostsSpec.builder(1).privateHost("h2").spec()).hasMessageContaining("h2");
        assertThatThrownBy(() -> HostsSpec.builder(1).privateHost("Bad_Name").spec()).hasMessageContaining("[a-z]");
        assertThatThrownBy(() -> HostsSpec.builder(1).tmpfs("relative", "8m").spec()).hasMessageContaining("absolute");
        assertThatThrownBy(() -> HostsSpec.builder(1).tmpfs("/x", "lots").spec()).hasMessageContaining("16m");
        assertThatThrownBy(() -> HostsSpec.builder(2).fixedPorts(1, 2, 3).spec()).hasMessageContaining("2 public hosts");
    }

    @Test
    void hostsStartWithBootstrapsNetworkSettingsUnlessAskedForTheKernelsOwn() {
        assertThat(HostsSpec.builder(1).spec().sysctls()).containsExactly(Map.entry("net.ipv4.tcp_migrate_req", "1"));
        assertThat(HostsSpec.builder(1).kernelDefaults().spec().sysctls()).isEmpty();
        HostsSpec spec = HostsSpec.builder(1).spec();
        assertThatThrownBy(() -> new HostsSpec(1, List.of(), ImageVariant.DEFAULT, Map.of(), List.of(), spec.owner(),
                Map.of("kernel.pid_max", "4096"))).hasMessageContaining("kernel.pid_max")
                .hasMessageContaining("network settings (net.*)");
    }

    @Test
    void ownerLabelsNameTheRunAndTheProcess() {
        Ownership owner = HostsSpec.builder(1).spec().owner();
        assertThat(owner.ownerPid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(owner.labels()).containsEntry(Ownership.MARKER, "true")
                .containsEntry(Ownership.PID, Long.toString(ProcessHandle.current().pid()))
                .containsKey(Ownership.RUN).containsKey(Ownership.PID_START);
    }
}
