package dev.xamal.core.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xamal.core.EnvironmentException;
import dev.xamal.core.UsageException;
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

    @Test
    void aPreAppBootHookThatFailsAfterAGroupSwitchedSaysWhichHostsSwitchedAndThatTheRestWasNotBooted() {
        Host a = host("a");
        Host b = host("b");
        Host c = host("c");
        Map<Host, String> before = Map.of(a, "v1", b, "v1", c, "v1");
        UsageException hook = new UsageException("hook pre-app-boot (.xamal/hooks/pre-app-boot) failed with exit status 3");
        EnvironmentException error = new StoppedDeploy("shop", "v2", before)
                .switched(a).notBooted(b).notBooted(c)
                .preAppBootFailed(2, 3, hook);
        assertThat(error.getMessage()).isEqualTo("""
                Deploy of shop v2 stopped: the pre-app-boot hook of group 2 of 3 failed, so groups 2 to 3 were not \
                booted. Each host now runs:
                  a: runs v2 (new)
                  b: still runs v1 (not booted)
                  c: still runs v1 (not booted)
                Failure: hook pre-app-boot (.xamal/hooks/pre-app-boot) failed with exit status 3""");
        assertThat(error.getSuppressed()).containsExactly(hook);
        assertThat(new StoppedDeploy("shop", "v2", before).switched(a).notBooted(b).preAppBootFailed(2, 2, hook)
                .getMessage()).startsWith("Deploy of shop v2 stopped: the pre-app-boot hook of group 2 of 2 failed, so"
                        + " group 2 was not booted. Each host now runs:\n");
    }

    @Test
    void aPostAppBootHookThatFailsSaysTheGroupBootedAndWhetherLaterGroupsWereNot() {
        Host a = host("a");
        Host b = host("b");
        Map<Host, String> before = Map.of(a, "v1", b, "");
        UsageException hook = new UsageException("hook post-app-boot (hooks/post-app-boot) failed with exit status 1");
        assertThat(new StoppedDeploy("shop", "v2", before).switched(a).notBooted(b).postAppBootFailed(1, 2, hook)
                .getMessage()).isEqualTo("""
                Deploy of shop v2 stopped: the post-app-boot hook of group 1 of 2 failed after the group booted, so \
                later groups were not booted. Each host now runs:
                  a: runs v2 (new)
                  b: runs no release (not booted)
                Failure: hook post-app-boot (hooks/post-app-boot) failed with exit status 1""");
        assertThat(new StoppedDeploy("shop", "v2", before).switched(a).switched(b).postAppBootFailed(2, 2, hook)
                .getMessage()).startsWith("Deploy of shop v2 stopped: the post-app-boot hook of group 2 of 2 failed"
                        + " after every group booted. Each host now runs:\n  a: runs v2 (new)\n  b: runs v2 (new)\n");
        assertThat(new StoppedDeploy("shop", "v2", before).switched(a).postAppBootFailed(1, 1, hook).getMessage())
                .startsWith("Deploy of shop v2 stopped: the post-app-boot hook failed after every host booted. Each host"
                        + " now runs:\n  a: runs v2 (new)\nFailure: hook post-app-boot");
    }
}
