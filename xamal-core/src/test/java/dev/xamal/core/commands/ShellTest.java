package dev.xamal.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ShellTest {
    @Test
    void quotesSingleQuotesSoTheShellReadsTheWordBack() throws IOException, InterruptedException {
        String word = "it's a \"test\" with $HOME, `ticks`, \\ and\nnewline";
        Process sh = new ProcessBuilder("sh", "-c", "printf '%s' " + Shell.quote(word)).start();
        String echoed = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(sh.waitFor()).isZero();
        assertThat(echoed).isEqualTo(word);
    }

    @Test
    void joinLeavesPlainWordsBare() {
        assertThat(Shell.join("systemctl", "start", "shop.web@4001", "a b", "")).isEqualTo("systemctl start shop.web@4001 'a b' ''");
    }
}
