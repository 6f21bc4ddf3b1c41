package dev.xamal.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xamal.core.UsageException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvFileRendererTest {

    private static String render(Map<String, String> variables) {
        return new String(EnvFileRenderer.render(variables), StandardCharsets.UTF_8);
    }

    @Test
    void writesOneDoubleQuotedAssignmentPerVariableInOrder() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ZED", "last-first");
        env.put("ALPHA", "plain");
        env.put("EMPTY", "");
        assertThat(render(env)).isEqualTo("ZED=\"last-first\"\nALPHA=\"plain\"\nEMPTY=\"\"\n");
    }

    @Test
    void escapesExactlyQuoteBackslashBacktickAndDollar() {
        assertThat(render(Map.of("V", "a\"b\\c`d$e")))
                .isEqualTo("V=\"a\\\"b\\\\c\\`d\\$e\"\n");
    }

    @Test
    void keepsEverythingElseAsItIs() {
        String value = "  it's 100% #1; line\nCR\rTAB\t\u001b[0m こんにちは 🚀 ${X} ";
        String expected = "  it's 100% #1; line\nCR\rTAB\t\u001b[0m こんにちは 🚀 \\${X} ";
        assertThat(render(Map.of("V", value))).isEqualTo("V=\"" + expected + "\"\n");
    }

    @Test
    void noVariablesIsAnEmptyFile() {
        assertThat(EnvFileRenderer.render(Map.of())).isEmpty();
    }

    @Test
    void portIsRefused() {
        assertThatThrownBy(() -> EnvFileRenderer.render(Map.of("PORT", "8080")))
                .isInstanceOf(UsageException.class).hasMessageContaining("PORT is set by xamal");
    }

    @Test
    void namesSystemdWouldDropAreRefused() {
        for (String name : new String[] {"A.B", "A-B", "1A", "É", "A B", "A:B", ""}) {
            assertThatThrownBy(() -> EnvFileRenderer.render(Map.of(name, "v")))
                    .as(name).isInstanceOf(UsageException.class).hasMessageContaining("is not a name systemd accepts");
        }
        assertThat(render(Map.of("lower_case_1", "v"))).isEqualTo("lower_case_1=\"v\"\n");
    }

    @Test
    void valuesSystemdCannotCarryAreRefusedNamingTheVariableNotTheValue() {
        Map<String, String> bad = Map.of(
                "WITH_NUL", "sec\u0000ret",
                "LONE_SURROGATE", "sec\ud800ret",
                "NONCHAR_FFFE", "sec\ufffeet",
                "NONCHAR_FDD0", "sec\ufdd0ret",
                "NONCHAR_PLANE1", "sec" + new String(Character.toChars(0x1FFFF)) + "ret",
                "TOO_LONG", "s".repeat(EnvironmentFileLimits.MAX_ASSIGNMENT_BYTES));
        bad.forEach((name, value) -> assertThatThrownBy(() -> EnvFileRenderer.render(Map.of(name, value)))
                .as(name)
                .isInstanceOf(UsageException.class)
                .hasMessageContaining(name)
                .hasMessageNotContaining("sec")
                .hasMessageNotContaining("sss"));
    }

    @Test
    void theLongestAssignmentFitsExactly() {
        String value = "v".repeat(EnvironmentFileLimits.MAX_ASSIGNMENT_BYTES - "L=".length());
        assertThat(EnvFileRenderer.render(Map.of("L", value))).hasSize(EnvironmentFileLimits.MAX_ASSIGNMENT_BYTES + 3);
        assertThatThrownBy(() -> EnvFileRenderer.render(Map.of("L", value + "v"))).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> EnvFileRenderer.render(Map.of("L", value.substring(1) + "é")))
                .as("the limit counts UTF-8 bytes").isInstanceOf(UsageException.class);
    }

    @Test
    void aWholeEnvTooBigForOneProcessIsRefusedNamingTheLargest() {
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < 16; i++) {
            env.put("V" + i, "x".repeat(120_000));
        }
        env.put("BIGGEST", "x".repeat(130_000));
        assertThatThrownBy(() -> EnvFileRenderer.render(env)).isInstanceOf(UsageException.class)
                .hasMessageContaining("the largest is BIGGEST");
    }

    @Test
    void supplementaryCharactersAndNonAsciiNoncharacterNeighboursAreFine() {
        String value = "\ufdcf\ufdf0" + new String(Character.toChars(0x1FFFD)) + "\ufeff\ue000";
        assertThat(render(Map.of("V", value))).isEqualTo("V=\"" + value + "\"\n");
    }
}
