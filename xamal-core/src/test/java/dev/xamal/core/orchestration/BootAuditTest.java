package dev.xamal.core.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootAuditTest {
    private static final Instant TIME = Instant.parse("2026-11-28T08:45:33.719280Z");
    private final BootAudit audit = new BootAudit("Ada <ada@example.com>", "shop.staging");

    @Test
    void aSwitchSaysWhatHappenedToWhichRoleVersionAndPort() {
        assertThat(audit.line(TIME, "web", "v3", OptionalInt.of(4001), HistoryEntry.DEPLOY)).isEqualTo(
                "[2026-11-28T08:45:33.719280Z] [Ada <ada@example.com>] [shop.staging] [web] [v3] Booted web version v3 on port 4001");
        assertThat(audit.line(TIME, "web", "v2", OptionalInt.of(4000), HistoryEntry.ROLLBACK))
                .endsWith("[web] [v2] Rolled back web version v2 on port 4000");
        assertThat(audit.line(TIME, "worker", "v3", OptionalInt.empty(), HistoryEntry.BOOT))
                .as("a role without proxy has no port").endsWith("[worker] [v3] Booted worker version v3");
    }

    @Test
    void theAuditLineFollowsASucceededRecordAndItsFailureNeitherFailsTheCommandNorStaysSilent(@TempDir Path root)
            throws Exception {
        Path log = root.resolve("audit.log");
        Ran ok = sh(SlotBoot.thenAudit("echo recorded", "printf '%s\\n' line >> " + log));
        assertThat(ok.out()).isEqualTo("recorded\n");
        assertThat(ok.status()).isZero();
        assertThat(Files.readString(log)).isEqualTo("line\n");

        Ran notRecorded = sh(SlotBoot.thenAudit("false", "printf '%s\\n' line >> " + log));
        assertThat(notRecorded.status()).as("a record that failed is the command's failure").isNotZero();
        assertThat(Files.readString(log)).as("and gets no audit line").isEqualTo("line\n");

        Ran unwritable = sh(SlotBoot.thenAudit("echo recorded", "printf '%s\\n' line >> " + root.resolve("no/such/dir/log")));
        assertThat(unwritable.status()).isZero();
        assertThat(unwritable.out()).startsWith("recorded\n" + SlotBoot.AUDIT_FAILED + " ").contains("no/such/dir/log");
    }

    private record Ran(String out, int status) {
    }

    private static Ran sh(String line) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("sh", "-c", line).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Ran(out, process.waitFor());
    }
}
