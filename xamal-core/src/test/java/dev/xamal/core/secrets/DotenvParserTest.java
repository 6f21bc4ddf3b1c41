package dev.xamal.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xamal.core.UsageException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DotenvParserTest {

    private static void assertSyntaxError(String text, int line, String problem) {
        assertThatThrownBy(() -> DotenvParser.parse("secrets-file", text))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("secrets-file line " + line + ": ")
                .hasMessageContaining(problem)
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void anUnclosedDoubleQuoteNamesTheLineItOpensOn() {
        assertSyntaxError("A=1\nB=\"s3cr3t\nmore\n", 2, "double quote is never closed");
    }

    @Test
    void anUnclosedSingleQuoteNamesTheLineItOpensOn() {
        assertSyntaxError("A=1\n\nB='s3cr3t\n", 3, "single quote is never closed");
    }

    @Test
    void textAfterAClosingQuoteIsAnError() {
        assertSyntaxError("A=\"x\" s3cr3t\n", 1, "unexpected text after the closing quote");
    }

    @Test
    void aLineWithoutEqualsIsAnError() {
        assertSyntaxError("A=1\nTOKEN s3cr3t\n", 2, "expected KEY=value after 'TOKEN'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1BAD=s3cr3t|expected KEY=value",
        "BAD-KEY=s3cr3t|invalid character after 'BAD' in the key",
        "A.B=s3cr3t|invalid character after 'A' in the key",
        "=s3cr3t|expected KEY=value",
    })
    void invalidKeysAreErrors(String text, String problem) {
        assertSyntaxError(text + "\n", 1, problem);
    }

    @Test
    void badVariableReferencesAreErrors() {
        assertSyntaxError("A=\"${s3cr3t:-x}\"\n", 1, "only ${NAME} is supported");
        assertSyntaxError("A=${s3cr3t\n", 1, "'${' is never closed");
    }

    @Test
    void badCommandSubstitutionsAreErrors() {
        assertSyntaxError("A=1\nB=$(echo s3cr3t\n", 2, "'$(' is never closed");
        assertSyntaxError("B=$( )\n", 1, "'$()' holds no command");
    }

    @Test
    void valuesAreSplitIntoLiteralsVariablesAndCommands() {
        List<DotenvEntry> entries = DotenvParser.parse("f", "K=\"a $B c $(echo d) ${E}\"\n");
        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.key()).isEqualTo("K");
            assertThat(entry.parts()).containsExactly(
                    new ValuePart.Literal("a "),
                    new ValuePart.VariableRef("B", 1),
                    new ValuePart.Literal(" c "),
                    new ValuePart.CommandSubstitution("echo d", 1),
                    new ValuePart.Literal(" "),
                    new ValuePart.VariableRef("E", 1));
        });
    }

    @Test
    void nestedParenthesesAndQuotesStayInsideTheCommand() {
        List<DotenvEntry> entries = DotenvParser.parse("f", "K=$(echo $(echo ')') \"(\" \\))\n");
        assertThat(entries.get(0).parts()).containsExactly(
                new ValuePart.CommandSubstitution("echo $(echo ')') \"(\" \\)", 1));
    }
}
