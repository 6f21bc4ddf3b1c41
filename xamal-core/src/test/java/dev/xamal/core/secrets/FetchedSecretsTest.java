package dev.xamal.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xamal.core.UsageException;
import dev.xamal.core.output.Redactor;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FetchedSecretsTest {
    private final Redactor redactor = new Redactor();

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void extractsByExactNameOrByTheUniqueLastPathSegment() {
        FetchedSecrets fetched = FetchedSecrets.parse(bytes("{\"vault/app/DB_PASSWORD\":\"pa\\\"ss\\nword\",\"API_TOKEN\":\"t0k\",\"vault/app/API_TOKEN\":\"other\"}"),
                "fetched.json", redactor);
        assertThat(fetched.extract("DB_PASSWORD")).isEqualTo("pa\"ss\nword");
        assertThat(fetched.extract("API_TOKEN")).as("an exact name wins").isEqualTo("t0k");
        assertThat(fetched.extract("vault/app/API_TOKEN")).isEqualTo("other");
    }

    @Test
    void registersEveryValueWithTheRedactor() {
        FetchedSecrets.parse(bytes("{\"a/X\":\"fetched-marker\"}"), "stdin", redactor);
        assertThat(redactor.redact("has fetched-marker")).isEqualTo("has [REDACTED]");
    }

    @Test
    void missingAndAmbiguousKeysAreUsageErrorsNamingNamesNotValues() {
        FetchedSecrets fetched = FetchedSecrets.parse(bytes("{\"a/KEY\":\"value-one\",\"b/KEY\":\"value-two\"}"), "f.json", redactor);
        assertThatThrownBy(() -> fetched.extract("NOPE")).isInstanceOf(UsageException.class)
                .hasMessageContaining("'NOPE' is not in f.json").hasMessageContaining("a/KEY, b/KEY")
                .hasMessageNotContaining("value-");
        assertThatThrownBy(() -> fetched.extract("KEY")).isInstanceOf(UsageException.class)
                .hasMessageContaining("ambiguous").hasMessageNotContaining("value-");
    }

    @Test
    void refusesInvalidUtf8() {
        assertThatThrownBy(() -> FetchedSecrets.parse(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xff, '"', '}'}, "f.json", redactor))
                .isInstanceOf(UsageException.class).hasMessageContaining("not UTF-8 JSON");
    }

    @Test
    void refusesWhatIsNotAMapOfStringsWithoutQuotingIt() {
        assertThatThrownBy(() -> FetchedSecrets.parse(bytes("{\"a\": \"unterminated-secret"), "f.json", redactor))
                .isInstanceOf(UsageException.class).hasMessageContaining("f.json is not UTF-8 JSON")
                .hasMessageNotContaining("unterminated-secret");
        assertThatThrownBy(() -> FetchedSecrets.parse(bytes("[\"list-secret\"]"), "f.json", redactor))
                .isInstanceOf(UsageException.class).hasMessageContaining("JSON object")
                .hasMessageNotContaining("list-secret");
        assertThatThrownBy(() -> FetchedSecrets.parse(bytes("{\"a\": 42}"), "f.json", redactor))
                .isInstanceOf(UsageException.class).hasMessageContaining("'a' is not a string");
    }
}
