package dev.xamal.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeparatedOutputTest {
    @Test
    void splitsAtTheFirstOrTheLastSeparatorLine() {
        String out = "a\n--sep--\nb\n--sep--\nc\n";
        assertThat(SeparatedOutput.aroundLine(out, "--sep--", false)).containsExactly("a", "b\n--sep--\nc\n");
        assertThat(SeparatedOutput.aroundLine(out, "--sep--", true)).containsExactly("a\n--sep--\nb", "c\n");
    }

    @Test
    void theSeparatorMayBeTheFirstLineWithNothingBeforeIt() {
        assertThat(SeparatedOutput.aroundLine("--sep--\nb\n", "--sep--", false)).containsExactly("", "b\n");
        assertThat(SeparatedOutput.aroundLine("--sep--\nb\n", "--sep--", true)).containsExactly("", "b\n");
        assertThat(SeparatedOutput.aroundLine("--sep--\nb\n--sep--\nc", "--sep--", false))
                .containsExactly("", "b\n--sep--\nc");
        assertThat(SeparatedOutput.aroundLine("--sep--\nb\n--sep--\nc", "--sep--", true))
                .containsExactly("--sep--\nb", "c");
    }

    @Test
    void aSeparatorThatIsNotAWholeLineDoesNotSplit() {
        assertThat(SeparatedOutput.aroundLine("a --sep--\nb\n", "--sep--", false)).isNull();
        assertThat(SeparatedOutput.aroundLine("a\n--sep--b\n", "--sep--", true)).isNull();
        assertThat(SeparatedOutput.aroundLine("", "--sep--", false)).isNull();
    }
}
