package dev.xamal.core.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xamal.core.UsageException;
import org.junit.jupiter.api.Test;

class BackendTest {
    @Test
    void sshOnlyGoalsSayTheyDoNotApplyWithHostKitAndWhatToUseInstead() {
        assertThatThrownBy(() -> Backend.HOSTKIT.requireSsh("app-boot")).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("xamal:app-boot does not apply with backend: hostkit")
                .hasMessageContaining("xamal:hostkit-plan and xamal:hostkit-apply")
                .hasMessageContaining("backend: ssh")
                .hasMessageContaining("xamal:deploy and xamal:rollback delegate to HostKit");
        assertThatCode(() -> Backend.SSH.requireSsh("app-boot")).doesNotThrowAnyException();
    }
}
