package dev.xamal.core.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class LockCommandsTest {
    private final LockCommands lock = new LockCommands("shop.staging");

    @Test
    void acquiringIsOneAtomicMkdirInTheUsersHomeAndTheDetailsTravelEncoded() {
        String details = "Locked by: Jo '$(rm -rf /)' at 2026-01-01T00:00:00Z\nMessage: it's `x`\n";
        String command = lock.acquire(details);
        String encoded = Base64.getEncoder().encodeToString(details.getBytes(StandardCharsets.UTF_8));

        assertThat(command).startsWith("mkdir -p \"$HOME\"/.xamal && if mkdir \"$HOME\"/.xamal/lock-shop.staging 2>/dev/null;")
                .contains("printf '%s' '" + encoded + "' | base64 -d > \"$HOME\"/.xamal/lock-shop.staging/details")
                .contains("echo acquired").contains("else echo held; cat \"$HOME\"/.xamal/lock-shop.staging/details")
                .doesNotContain("rm -rf /").doesNotContain("`");
    }

    @Test
    void statusTellsHeldFromFreeAndReleaseRemovesTheDirectory() {
        assertThat(lock.status()).isEqualTo("if [ -d \"$HOME\"/.xamal/lock-shop.staging ]; then echo held;"
                + " cat \"$HOME\"/.xamal/lock-shop.staging/details 2>/dev/null; else echo free; fi");
        assertThat(lock.release()).isEqualTo("rm -rf \"$HOME\"/.xamal/lock-shop.staging");
    }

    @Test
    void onlyAppIdsMakeLockNames() {
        assertThatThrownBy(() -> new LockCommands("a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LockCommands("../x y")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void auditLinesAreAppendedQuotedAndTailedFromTheSameFile() {
        AuditCommands audit = new AuditCommands("shop.staging");
        assertThat(audit.append("[t] [Jo] it's $(x)")).isEqualTo("mkdir -p \"$HOME\"/.xamal && printf '%s\\n' "
                + "'[t] [Jo] it'\\''s $(x)' >> \"$HOME\"/.xamal/shop.staging-audit.log");
        assertThat(audit.tail(50)).isEqualTo("if [ -f \"$HOME\"/.xamal/shop.staging-audit.log ]; then tail -n 50"
                + " \"$HOME\"/.xamal/shop.staging-audit.log; fi");
        assertThatThrownBy(() -> audit.append("two\nlines")).isInstanceOf(IllegalArgumentException.class);
    }
}
