package dev.xamal.core.output;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnsiEscapesTest {
    @Test
    void removesColoursCursorMovesAndTitles() {
        assertThat(AnsiEscapes.strip("\u001b[1;31mfailed\u001b[0m: disk full")).isEqualTo("failed: disk full");
        assertThat(AnsiEscapes.strip("\u001b[2K\u001b[1Gprogress 50%")).isEqualTo("progress 50%");
        assertThat(AnsiEscapes.strip("\u001b]0;title\u0007done")).isEqualTo("done");
    }

    @Test
    void leavesPlainTextAlone() {
        assertThat(AnsiEscapes.strip("plain [web1] 100% ok")).isEqualTo("plain [web1] 100% ok");
    }
}
