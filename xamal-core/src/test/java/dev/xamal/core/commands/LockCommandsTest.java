package dev.xamal.core.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockCommandsTest {
    private final LockCommands lock = new LockCommands("shop.staging");

    @Test
    void acquiringIsOneAtomicMkdirInTheUsersHomeAndTheDetailsTravelEncoded() {
        String details = "Locked by: Jo '$(rm -rf /)' at 2026-01-01T00:00:00Z\nMessage: it's `x`\n";
        String command = lock.acquire(details);
        String encoded = Base64.getEncoder().encodeToString(details.getBytes(StandardCharsets.UTF_8));

        assertThat(command).startsWith("{ [ -d \"$HOME\"/.xamal ] || mkdir -p \"$HOME\"/.xamal; } && if mkdir \"$HOME\"/.xamal/lock-shop.staging 2>/dev/null;")
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
        assertThat(audit.append("[t] [Jo] it's $(x)")).isEqualTo("{ [ -d \"$HOME\"/.xamal ] || mkdir -p \"$HOME\"/.xamal; } && printf '%s\\n' "
                + "'[t] [Jo] it'\\''s $(x)' >> \"$HOME\"/.xamal/shop.staging-audit.log");
        assertThat(audit.tail(50)).isEqualTo("if [ -f \"$HOME\"/.xamal/shop.staging-audit.log ]; then tail -n 50"
                + " \"$HOME\"/.xamal/shop.staging-audit.log; fi");
        assertThatThrownBy(() -> audit.append("two\nlines")).isInstanceOf(IllegalArgumentException.class);
    }

    /** Several lines in one command, run by a shell with HOME in a temporary directory: appended in order, verbatim. */
    @Test
    void severalAuditLinesAreAppendedInOrderWithNothingInThemRun(@TempDir Path home) throws Exception {
        AuditCommands audit = new AuditCommands("shop");
        List<String> first = List.of("[t1] [Jo] Booted web version v2 on port 4001", "[t1] [Jo] it's $(touch x) `y` %s");
        List<String> second = List.of("[t2] [Jo] Rolled back web version v1");
        for (List<String> lines : List.of(first, second)) {
            ProcessBuilder shell = new ProcessBuilder("sh", "-c", audit.append(lines)).directory(home.toFile())
                    .redirectErrorStream(true);
            shell.environment().put("HOME", home.toString());
            Process run = shell.start();
            String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(run.waitFor()).as(out).isZero();
        }
        assertThat(Files.readString(home.resolve(".xamal/shop-audit.log")))
                .isEqualTo(String.join("\n", first) + "\n" + second.get(0) + "\n");
        assertThat(home.resolve("x")).as("nothing in a line ran").doesNotExist();
        assertThatThrownBy(() -> audit.append(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> audit.append(List.of("ok", "two\nlines"))).isInstanceOf(IllegalArgumentException.class);
    }
}
