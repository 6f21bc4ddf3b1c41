package dev.xamal.caddy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xamal.core.spi.CommandResult;
import org.junit.jupiter.api.Test;

class SiteChangeFailureTest {
    @Test
    void theLastLineNamesTheFailedStepAndItsOwnExitStatus() {
        SiteChangeFailure failure = SiteChangeFailure.parse(new CommandResult(1,
                "{\"error\":\"adapting config using caddyfile adapter: unrecognized directive: not_a_directive\"}\n"
                        + CaddyCommands.FAILED_STEP + " load 22\n", "warning\n"));
        assertThat(failure.step()).isEqualTo("load");
        assertThat(failure.result()).isEqualTo(new CommandResult(22,
                "{\"error\":\"adapting config using caddyfile adapter: unrecognized directive: not_a_directive\"}",
                "warning\n"));
    }

    @Test
    void aChangeThatEndedWithoutSayingKeepsItsWholeResult() {
        CommandResult killed = new CommandResult(-1, "half a line", "");
        assertThat(SiteChangeFailure.parse(killed)).isEqualTo(new SiteChangeFailure("unknown", killed));
        CommandResult onlyMarker = new CommandResult(1, CaddyCommands.FAILED_STEP + " load 2\n", "");
        assertThat(SiteChangeFailure.parse(onlyMarker)).isEqualTo(new SiteChangeFailure("load",
                new CommandResult(2, "", "")));
    }
}
