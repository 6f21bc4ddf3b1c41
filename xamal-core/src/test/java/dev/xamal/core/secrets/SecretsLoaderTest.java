package dev.xamal.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.xamal.core.EnvironmentException;
import dev.xamal.core.UsageException;
import dev.xamal.core.config.SecretRef;
import dev.xamal.core.output.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsLoaderTest {
    @TempDir
    Path project;

    private final Redactor redactor = new Redactor();
    private final Map<String, String> environment = new HashMap<>(Map.of("PATH", System.getenv("PATH")));

    private void write(String name, String content) throws IOException {
        Path file = project.resolve(".xamal").resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private Secrets load() {
        return load(Optional.empty());
    }

    private Secrets load(Optional<String> destination) {
        return new SecretsLoader(environment, redactor).load(SecretFiles.of(project, null, destination));
    }

    /** Every key with its value, in order. */
    private static Map<String, String> values(Secrets secrets) {
        Map<String, String> values = new LinkedHashMap<>();
        secrets.keys().forEach(key -> values.put(key, secrets.find(key).orElseThrow()));
        return values;
    }

    /** Every key and value of a plain {@code .xamal/secrets} with this content. */
    private Map<String, String> loadedFrom(String content) throws IOException {
        write("secrets", content);
        return values(load());
    }

    private String value(String content, String key) throws IOException {
        write("secrets", content);
        return load().find(key).orElseThrow();
    }

    @Test
    void fullLineAndTrailingCommentsAreSkippedButHashesInValuesStay() throws IOException {
        write("secrets", """
                # a comment
                   # an indented comment

                A=one # trailing comment
                B=two#not-a-comment
                C="three # in quotes" # comment
                D='four # in quotes'   # comment
                E= # only a comment
                """);
        Secrets secrets = load();
        assertThat(secrets.keys()).containsExactly("A", "B", "C", "D", "E");
        assertThat(values(secrets)).contains(
                entry("A", "one"),
                entry("B", "two#not-a-comment"),
                entry("C", "three # in quotes"),
                entry("D", "four # in quotes"),
                entry("E", ""));
    }

    @Test
    void exportPrefixIsAccepted() throws IOException {
        assertThat(loadedFrom("export TOKEN=abc\nexport   SPACED = 'x'\nexport=plain-key-named-export\n")).contains(
                entry("TOKEN", "abc"),
                entry("SPACED", "x"),
                entry("export", "plain-key-named-export"));
    }

    @Test
    void singleQuotesAreLiteral() throws IOException {
        assertThat(value("K='$HOME ${X} $(echo no) \\n \"q\" = #'\n", "K"))
                .isEqualTo("$HOME ${X} $(echo no) \\n \"q\" = #");
    }

    @Test
    void doubleQuotesDecodeTheirEscapes() throws IOException {
        assertThat(value("K=\"a\\nb\\tc\\rd\\\"e\\\\f\\$g\"\n", "K")).isEqualTo("a\nb\tc\rd\"e\\f$g");
    }

    @Test
    void doubleQuotesKeepOtherBackslashesAndDecodeEscapedBackslashBeforeN() throws IOException {
        assertThat(value("K=\"C:\\dir\\\\new \\q\"\n", "K")).isEqualTo("C:\\dir\\new \\q");
    }

    @Test
    void unquotedValuesAreTrimmedAndKeepQuotesAndEqualsInside() throws IOException {
        assertThat(loadedFrom("A =   spaced value   \nURL=postgres://u:p@h/db?sslmode=require&x=1\nQ=it's \"ok\"\nB=\\$5 and C:\\path\n")).contains(
                entry("A", "spaced value"),
                entry("URL", "postgres://u:p@h/db?sslmode=require&x=1"),
                entry("Q", "it's \"ok\""),
                entry("B", "$5 and C:\\path"));
    }

    @Test
    void quotedValuesKeepSurroundingBlanksAndEquals() throws IOException {
        assertThat(loadedFrom("A=\"  padded = yes  \"\nB='  x=y  '\n")).contains(
                entry("A", "  padded = yes  "),
                entry("B", "  x=y  "));
    }

    @Test
    void unicodeValuesSurvive() throws IOException {
        assertThat(loadedFrom("GREETING=\"こんにちは \\\"世界\\\" ✓ 🚀\"\nPLAIN=naïve café\n")).contains(
                entry("GREETING", "こんにちは \"世界\" ✓ 🚀"),
                entry("PLAIN", "naïve café"));
    }

    @Test
    void quotedValuesMaySpanLinesAndLaterLineNumbersStayRight() throws IOException {
        write("secrets", "PEM=\"-----BEGIN KEY-----\nabc\n-----END KEY-----\n\"\nRAW='line1\nline2'\nBAD=${NOPE}\n");
        assertThatThrownBy(this::load).isInstanceOf(UsageException.class).hasMessageContaining(".xamal/secrets line 7");
        assertThat(loadedFrom("PEM=\"-----BEGIN KEY-----\nabc\n-----END KEY-----\n\"\nRAW='line1\nline2'\n")).contains(
                entry("PEM", "-----BEGIN KEY-----\nabc\n-----END KEY-----\n"),
                entry("RAW", "line1\nline2"));
    }

    @Test
    void loneDollarsAreLiteral() throws IOException {
        assertThat(loadedFrom("A=cost $ 5 $\nB=\"$-$1\"\nC='$5'\n")).contains(
                entry("A", "cost $ 5 $"),
                entry("B", "$-$1"),
                entry("C", "$5"));
    }

    @Test
    void variablesComeFromEarlierLinesThenTheEnvironment() throws IOException {
        environment.put("FROM_ENV", "env-value");
        environment.put("USER_NAME", "from-env");
        assertThat(loadedFrom("USER_NAME=alice\nA=${USER_NAME}@host\nB=\"$USER_NAME:$FROM_ENV\"\nC=x${A}y\n")).contains(
                entry("A", "alice@host"),
                entry("B", "alice:env-value"),
                entry("C", "xalice@hosty"));
    }

    @Test
    void anUndefinedVariableNamesTheVariableFileAndLine() throws IOException {
        write("secrets", "A=1\nB=\"prefix ${MISSING_VAR} suffix\"\n");
        assertThatThrownBy(this::load).isInstanceOf(UsageException.class)
                .hasMessageContaining("${MISSING_VAR}")
                .hasMessageContaining(".xamal/secrets line 2")
                .hasMessageContaining("value of B")
                .hasMessageNotContaining("prefix");
    }

    @Test
    void aVariableDefinedOnALaterLineIsUndefined() throws IOException {
        write("secrets", "A=$LATER\nLATER=x\n");
        assertThatThrownBy(this::load).isInstanceOf(UsageException.class).hasMessageContaining("${LATER}")
                .hasMessageContaining("line 1");
    }

    @Test
    void laterFilesOverrideEarlierKeysAndSeeTheirValues() throws IOException {
        write("secrets-common", "SHARED=common\nBASE=base\n");
        assertThat(loadedFrom("SHARED=plain\nDERIVED=${BASE}-plain\n")).containsExactly(
                entry("SHARED", "plain"),
                entry("BASE", "base"),
                entry("DERIVED", "base-plain"));
    }

    @Test
    void aDestinationReadsItsOwnFileInsteadOfThePlainOne() throws IOException {
        write("secrets-common", "SHARED=common\n");
        write("secrets", "ONLY_PLAIN=x\n");
        write("secrets.staging", "SHARED=staging\n");
        Secrets secrets = load(Optional.of("staging"));
        assertThat(secrets.find("SHARED")).contains("staging");
        assertThat(secrets.find("ONLY_PLAIN")).isEmpty();
    }

    @Test
    void secretsPathIsConfigurable() throws IOException {
        Files.createDirectories(project.resolve("config"));
        Files.writeString(project.resolve("config/vault-common"), "A=1\n");
        Files.writeString(project.resolve("config/vault.prod"), "B=2\n");
        Secrets secrets = new SecretsLoader(environment, redactor)
                .load(SecretFiles.of(project, "config/vault", Optional.of("prod")));
        assertThat(values(secrets)).contains(
                entry("A", "1"),
                entry("B", "2"));
    }

    @Test
    void noFilesIsAnEmptySetUntilASecretIsNeeded() {
        Secrets secrets = load();
        assertThat(secrets.keys()).isEmpty();
        assertThatThrownBy(() -> secrets.require("DB_PASSWORD", "env.secret entry 'DB_PASSWORD'"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("'DB_PASSWORD'")
                .hasMessageContaining("no secrets file exists")
                .hasMessageContaining(".xamal/secrets-common, .xamal/secrets");
    }

    @Test
    void aMissingSecretNamesTheKeyTheEntryAndTheFilesSearched() throws IOException {
        write("secrets", "OTHER=x\n");
        Secrets secrets = load(Optional.of("staging"));
        write("secrets.staging", "OTHER=x\n");
        Secrets staging = load(Optional.of("staging"));
        assertThatThrownBy(() -> staging.resolve(List.of(SecretRef.parse("OTHER"), SecretRef.parse("DB_URL:DATABASE_URL"))))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("Secret 'DATABASE_URL'")
                .hasMessageContaining("env.secret entry 'DB_URL:DATABASE_URL'")
                .hasMessageContaining("searched .xamal/secrets.staging")
                .hasMessageContaining(".xamal/secrets-common does not exist");
        assertThat(secrets.keys()).isEmpty();
    }

    @Test
    void envSecretEntriesResolveByNameOrByNameAndKey() throws IOException {
        write("secrets", "DATABASE_URL=postgres://db\nAPI_TOKEN=t0k\n");
        Map<String, String> env = load().resolve(List.of(SecretRef.parse("API_TOKEN"), SecretRef.parse("DB_URL:DATABASE_URL")));
        assertThat(env).containsExactly(Map.entry("API_TOKEN", "t0k"), Map.entry("DB_URL", "postgres://db"));
    }

    @Test
    void loadedValuesAreRegisteredWithTheRedactor() throws IOException {
        write("secrets-common", "OVERRIDDEN=first-marker-value\n");
        write("secrets", "OVERRIDDEN=second-marker-value\nCMD=$(printf 'from-command-marker')\nPEM=\"line-one-marker\nline-two-marker\"\n");
        load();
        assertThat(redactor.redact("a first-marker-value b second-marker-value c from-command-marker d line-two-marker"))
                .isEqualTo("a [REDACTED] b [REDACTED] c [REDACTED] d [REDACTED]");
    }

    @Test
    void commandsAreSubstitutedWithTrailingNewlinesRemoved() throws IOException {
        assertThat(loadedFrom("""
                A=$(printf 'one\\n\\n')
                B="pre-$(echo two)-post"
                C=$(echo "(paren)" ')' "#hash")
                D='$(echo not run)'
                E=$(printf '%s' '$HOME ${X}')
                """)).contains(
                entry("A", "one"),
                entry("B", "pre-two-post"),
                entry("C", "(paren) ) #hash"),
                entry("D", "$(echo not run)"),
                entry("E", "$HOME ${X}")); // command output is not interpolated again
    }

    @Test
    void commandsSeeTheGivenEnvironmentAndRunInTheProjectDirectory() throws IOException {
        environment.put("GREETING", "hello from env");
        Files.writeString(project.resolve("marker.txt"), "in project dir");
        assertThat(loadedFrom("A=$(printf '%s' \"$GREETING\")\nB=$(cat marker.txt)\n")).contains(
                entry("A", "hello from env"),
                entry("B", "in project dir"));
    }

    @Test
    void aFailingCommandReportsItsStatusAndStderrButNoOtherSecret() throws IOException {
        write("secrets", "OTHER=other-secret-marker\nBAD=$(echo \"vault says no; other-secret-marker\" >&2; exit 3)\n");
        assertThatThrownBy(this::load).isInstanceOf(EnvironmentException.class)
                .hasMessageContaining(".xamal/secrets line 2")
                .hasMessageContaining("for BAD")
                .hasMessageContaining("exited with status 3")
                .hasMessageContaining("vault says no; [REDACTED]")
                .hasMessageNotContaining("other-secret-marker");
    }

    @Test
    void aCommandThatPrintsNonUtf8IsRefusedNamingTheKey() throws IOException {
        write("secrets", "BIN=$(printf '\\377\\376')\n");
        assertThatThrownBy(this::load).isInstanceOf(UsageException.class)
                .hasMessageContaining("for BIN").hasMessageContaining("not UTF-8");
    }

    @Test
    void aCommandThatRunsTooLongIsStopped() throws IOException {
        write("secrets", "SLOW=$(sleep 60)\n");
        SecretsLoader loader = new SecretsLoader(environment, redactor).withCommandTimeout(Duration.ofMillis(300));
        assertThatThrownBy(() -> loader.load(SecretFiles.of(project, null, Optional.empty())))
                .isInstanceOf(EnvironmentException.class).hasMessageContaining("did not finish");
    }

    /**
     * Four commands that each wait until all four have started can only finish if they run at
     * the same time. Each gives up after a deadline (exit 7) so a serial run fails instead of hanging.
     */
    @Test
    void commandsRunInParallel() throws IOException {
        Path barrier = Files.createDirectory(project.resolve("barrier"));
        environment.put("BARRIER", barrier.toString());
        String waitForAll = "touch \"$BARRIER/NAME\"; i=0; while [ \"$(ls \"$BARRIER\" | wc -l)\" -lt 4 ]; do"
                + " i=$((i+1)); [ $i -gt 600 ] && exit 7; sleep 0.05; done; printf %s";
        StringBuilder file = new StringBuilder();
        for (String name : List.of("A", "B", "C", "D")) {
            file.append(name).append("=$(").append(waitForAll.replace("NAME", name)).append(" ").append(name).append(")\n");
        }
        write("secrets", file.toString());
        Secrets secrets = new SecretsLoader(environment, redactor).withMaxParallel(4)
                .load(SecretFiles.of(project, null, Optional.empty()));
        assertThat(values(secrets)).contains(
                entry("A", "A"),
                entry("D", "D"));
        assertThat(barrier.toFile().list()).hasSize(4);
    }

    @Test
    void valuesASystemdUnitCannotCarryAreRefusedNamingTheKey() throws IOException {
        write("secrets", "OK=fine\nWITH_NUL=$(printf 'a\\000b')\n");
        assertThatThrownBy(this::load).isInstanceOf(UsageException.class)
                .hasMessageContaining(".xamal/secrets line 2")
                .hasMessageContaining("WITH_NUL")
                .hasMessageContaining("NUL");
        write("secrets", "HUGE=$(head -c 140000 /dev/zero | tr '\\000' a)\n");
        assertThatThrownBy(this::load).isInstanceOf(UsageException.class)
                .hasMessageContaining("HUGE")
                .hasMessageContaining("bytes")
                .hasMessageNotContaining("aaaa");
    }

    @Test
    void aFileThatIsNotUtf8IsRefused() throws IOException {
        Path file = project.resolve(".xamal/secrets");
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[] {'A', '=', (byte) 0xff, '\n'});
        assertThatThrownBy(this::load).isInstanceOf(UsageException.class).hasMessageContaining(".xamal/secrets is not UTF-8");
    }

    @Test
    void crlfFilesReadLikeLfFiles() throws IOException {
        assertThat(loadedFrom("A=one\r\nB=\"two\r\nlines\"\r\n")).contains(
                entry("A", "one"),
                entry("B", "two\nlines"));
    }

    @Test
    void toStringShowsKeysOnly() throws IOException {
        write("secrets", "K=hidden-value\n");
        assertThat(load().toString()).contains("K").doesNotContain("hidden-value");
    }
}
