package dev.xamal.core.secrets.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.xamal.core.EnvironmentException;
import dev.xamal.core.UsageException;
import dev.xamal.core.output.Redactor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each adapter against a stand-in for its vendor's CLI on {@code PATH}: the stand-in accepts only
 * the documented command lines quoted in the comments (anything else exits 2), and prints the
 * documented output format.
 */
class VaultAdaptersTest {
    @TempDir
    Path bin;

    private final Redactor redactor = new Redactor();

    private Map<String, String> fetch(String adapter, FetchRequest request, StandInCli... clis) {
        for (StandInCli cli : clis) {
            cli.writeInto(bin);
        }
        return Vaults.fetch(Vaults.adapter(adapter), request, bin, Map.of("PATH", bin.toString()), redactor);
    }

    private static FetchRequest request(String account, String from, String... keys) {
        return new FetchRequest(Optional.ofNullable(account), Optional.ofNullable(from), List.of(keys));
    }

    private List<List<String>> calls() throws IOException {
        return StandInCli.calls(bin);
    }

    // --- 1Password -----------------------------------------------------------------------------
    // https://developer.1password.com/docs/cli/reference/commands/whoami : `op whoami [--account <account>]`
    // https://developer.1password.com/docs/cli/reference/management-commands/item#item-get :
    //   `op item get <item> [--vault <vault>] [--fields label=<label>,...] [--format json] [--account <account>]`;
    //   JSON output: one field -> an object, several -> an array of {id, type, label, value, reference: "op://vault/item/field"}.
    @Test
    void onePasswordGetsEachItemsFieldsInOneCall() throws IOException {
        StandInCli op = StandInCli.named("op")
                .accepts(List.of("whoami", "--account", "my.1password.com"), "URL: https://my.1password.com\n")
                .accepts(List.of("item", "get", "db", "--vault", "Prod", "--fields", "label=user,label=password",
                                "--format", "json", "--account", "my.1password.com"),
                        "[{\"id\":\"username\",\"type\":\"STRING\",\"label\":\"user\",\"value\":\"app\",\"reference\":\"op://Prod/db/user\"},"
                                + "{\"id\":\"password\",\"type\":\"CONCEALED\",\"purpose\":\"PASSWORD\",\"label\":\"password\","
                                + "\"value\":\"s3cr\\\"et\",\"reference\":\"op://Prod/db/password\"}]\n")
                .accepts(List.of("item", "get", "api", "--vault", "Prod", "--fields", "label=token",
                                "--format", "json", "--account", "my.1password.com"),
                        "{\"id\":\"x\",\"type\":\"CONCEALED\",\"label\":\"token\",\"value\":\"tok\",\"reference\":\"op://Prod/api/token\"}\n");

        Map<String, String> values = fetch("1password",
                request("my.1password.com", "Prod", "db/user", "db/password", "api/token"), op);

        assertThat(values).containsExactly(entry("Prod/db/user", "app"), entry("Prod/db/password", "s3cr\"et"),
                entry("Prod/api/token", "tok"));
        assertThat(calls()).hasSize(3);
        assertThat(redactor.redact("s3cr\"et tok")).isEqualTo("[REDACTED] [REDACTED]");
    }

    @Test
    void onePasswordRefusesKeysThatAreNotVaultItemField() {
        assertThatThrownBy(() -> fetch("1password", request(null, null, "justafield"), StandInCli.named("op")))
                .isInstanceOf(UsageException.class).hasMessageContaining("VAULT/ITEM/FIELD");
    }

    // --- Bitwarden -----------------------------------------------------------------------------
    // https://bitwarden.com/help/cli/#status : `bw status` prints
    //   {"serverUrl":..., "lastSync":..., "userEmail":..., "userId":..., "status":"unlocked"|"locked"|"unauthenticated"}
    // https://bitwarden.com/help/cli/#sync : `bw sync`; https://bitwarden.com/help/cli/#get : `bw get item <name|id>`
    //   prints the item object: {"object":"item", "name", "login":{"username","password"}, "fields":[{"name","value","type"}]}
    //   (the session comes from the BW_SESSION environment variable, https://bitwarden.com/help/cli/#using-a-session-key)
    @Test
    void bitwardenReadsLoginPasswordsAndCustomFields() {
        String item = "{\"object\":\"item\",\"id\":\"1\",\"type\":1,\"name\":\"app-db\",\"notes\":null,"
                + "\"fields\":[{\"name\":\"api_key\",\"value\":\"k-123\",\"type\":1}],"
                + "\"login\":{\"username\":\"app\",\"password\":\"pw-456\",\"totp\":null}}";
        StandInCli bw = StandInCli.named("bw")
                .accepts(List.of("status"), "{\"serverUrl\":null,\"lastSync\":\"2024-01-01T00:00:00.000Z\","
                        + "\"userEmail\":\"dev@example.com\",\"userId\":\"u\",\"status\":\"unlocked\"}")
                .accepts(List.of("sync"), "Syncing complete.")
                .accepts(List.of("get", "item", "app-db"), item);

        Map<String, String> values = fetch("bitwarden", request("dev@example.com", null, "app-db", "app-db/api_key"), bw);

        assertThat(values).containsExactly(entry("app-db", "pw-456"), entry("app-db/api_key", "k-123"));
    }

    @Test
    void bitwardenLockedVaultSaysHowToUnlock() {
        StandInCli bw = StandInCli.named("bw").accepts(List.of("status"),
                "{\"serverUrl\":null,\"userEmail\":\"dev@example.com\",\"status\":\"locked\"}");

        assertThatThrownBy(() -> fetch("bitwarden", request("dev@example.com", null, "app-db"), bw))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("bw is not signed in").hasMessageContaining("bw unlock --raw");
    }

    @Test
    void bitwardenMissingFieldIsAUsageError() {
        StandInCli bw = StandInCli.named("bw")
                .accepts(List.of("status"), "{\"status\":\"unlocked\"}")
                .accepts(List.of("sync"), "")
                .accepts(List.of("get", "item", "app-db"), "{\"name\":\"app-db\",\"fields\":[]}");

        assertThatThrownBy(() -> fetch("bitwarden", request(null, "app-db", "nope"), bw))
                .isInstanceOf(UsageException.class).hasMessageContaining("no custom field 'nope'");
    }

    // --- Bitwarden Secrets Manager -------------------------------------------------------------
    // https://bitwarden.com/help/secrets-manager-cli/ : `bws project list`, `bws secret get <SECRET_ID>`,
    //   `bws secret list [PROJECT_ID]`, `--output json` (-o); a secret prints as
    //   {"object":"secret","id","organizationId","projectId","key","value","note","creationDate","revisionDate"}
    @Test
    void bitwardenSecretsManagerGetsSecretsById() {
        String id = "be8e0ad8-d545-4017-a55a-b02f014d4158";
        StandInCli bws = StandInCli.named("bws")
                .accepts(List.of("project", "list", "--output", "json"), "[]")
                .accepts(List.of("secret", "get", id, "--output", "json"),
                        "{\"object\":\"secret\",\"id\":\"" + id + "\",\"organizationId\":\"o\",\"projectId\":\"p\","
                                + "\"key\":\"SES_KEY\",\"value\":\"ses-789\",\"note\":\"\",\"creationDate\":\"2024-01-01T00:00:00Z\","
                                + "\"revisionDate\":\"2024-01-01T00:00:00Z\"}");

        assertThat(fetch("bitwarden-sm", request(null, null, id), bws)).containsExactly(entry("SES_KEY", "ses-789"));
    }

    @Test
    void bitwardenSecretsManagerListsAProjectWithoutKeys() {
        StandInCli bws = StandInCli.named("bws")
                .accepts(List.of("project", "list", "--output", "json"), "[]")
                .accepts(List.of("secret", "list", "proj-1", "--output", "json"),
                        "[{\"object\":\"secret\",\"key\":\"A\",\"value\":\"1a\"},{\"object\":\"secret\",\"key\":\"B\",\"value\":\"2b\"}]");

        assertThat(fetch("bitwarden-sm", request(null, "proj-1"), bws)).containsExactly(entry("A", "1a"), entry("B", "2b"));
    }

    // --- LastPass ------------------------------------------------------------------------------
    // lpass(1) (https://lastpass.github.io/lastpass-cli/lpass.1.html): `lpass status [--quiet, -q] [--color=auto|never|always]`
    //   prints "Logged in as USER." or "Not logged in." (exit 1);
    //   `lpass show [--json, -j] ... {NAME|UNIQUEID}*` prints a JSON array of
    //   {"id","name","fullname","username","password","last_modified_gmt","last_touch","group","url","note"}
    @Test
    void lastPassShowsEveryEntryInOneCall() {
        StandInCli lpass = StandInCli.named("lpass")
                .accepts(List.of("status", "--color=never"), "Logged in as dev@example.com.\n")
                .accepts(List.of("show", "--json", "Shared-app/db", "Shared-app/api"),
                        "[{\"id\":\"1\",\"name\":\"db\",\"fullname\":\"Shared-app/db\",\"username\":\"app\",\"password\":\"db-pw\","
                                + "\"last_modified_gmt\":\"0\",\"last_touch\":\"0\",\"group\":\"Shared-app\",\"url\":\"\",\"note\":\"\"},"
                                + "{\"id\":\"2\",\"name\":\"api\",\"fullname\":\"Shared-app/api\",\"username\":\"\",\"password\":\"api-pw\","
                                + "\"last_modified_gmt\":\"0\",\"last_touch\":\"0\",\"group\":\"Shared-app\",\"url\":\"\",\"note\":\"\"}]\n");

        assertThat(fetch("lastpass", request("dev@example.com", "Shared-app", "db", "api"), lpass))
                .containsExactly(entry("Shared-app/db", "db-pw"), entry("Shared-app/api", "api-pw"));
    }

    @Test
    void lastPassSignedInAsSomeoneElseIsAUsageError() {
        StandInCli lpass = StandInCli.named("lpass")
                .accepts(List.of("status", "--color=never"), "Logged in as other@example.com.\n");

        assertThatThrownBy(() -> fetch("lastpass", request("dev@example.com", null, "db"), lpass))
                .isInstanceOf(UsageException.class).hasMessageContaining("not dev@example.com")
                .hasMessageContaining("lpass login dev@example.com");
    }

    // --- AWS Secrets Manager -------------------------------------------------------------------
    // https://docs.aws.amazon.com/cli/latest/reference/sts/get-caller-identity.html : `aws sts get-caller-identity`
    // https://docs.aws.amazon.com/cli/latest/reference/secretsmanager/batch-get-secret-value.html :
    //   `aws secretsmanager batch-get-secret-value --secret-id-list <id> <id> ...` (up to 20), global `--output json`,
    //   `--profile`; output {"SecretValues":[{"ARN","Name","VersionId","SecretString","VersionStages","CreatedDate"}],"Errors":[]}
    @Test
    void awsBatchesSecretsAndSplitsJsonSecretStrings() {
        StandInCli aws = StandInCli.named("aws")
                .accepts(List.of("sts", "get-caller-identity", "--output", "json", "--profile", "prod"),
                        "{\"UserId\":\"AIDA\",\"Account\":\"123456789012\",\"Arn\":\"arn:aws:iam::123456789012:user/dev\"}")
                .accepts(List.of("secretsmanager", "batch-get-secret-value", "--secret-id-list", "app/db", "app/token",
                                "--output", "json", "--profile", "prod"),
                        "{\"SecretValues\":[{\"ARN\":\"arn:aws:secretsmanager:us-west-2:123456789012:secret:app/db-a1b2c3\","
                                + "\"Name\":\"app/db\",\"VersionId\":\"v1\",\"SecretString\":\"{\\\"username\\\":\\\"app\\\",\\\"password\\\":\\\"aws-pw\\\"}\","
                                + "\"VersionStages\":[\"AWSCURRENT\"],\"CreatedDate\":\"1523477145.729\"},"
                                + "{\"ARN\":\"arn:aws:secretsmanager:us-west-2:123456789012:secret:app/token-d4e5f6\","
                                + "\"Name\":\"app/token\",\"VersionId\":\"v2\",\"SecretString\":\"plain-token\","
                                + "\"VersionStages\":[\"AWSCURRENT\"],\"CreatedDate\":\"1523477145.729\"}],\"Errors\":[]}");

        assertThat(fetch("aws_secrets_manager", request("prod", "app", "db", "token"), aws)).containsExactly(
                entry("app/db/username", "app"), entry("app/db/password", "aws-pw"), entry("app/token", "plain-token"));
    }

    @Test
    void awsErrorsNameTheSecretAndCode() {
        StandInCli aws = StandInCli.named("aws")
                .accepts(List.of("sts", "get-caller-identity", "--output", "json"), "{}")
                .accepts(List.of("secretsmanager", "batch-get-secret-value", "--secret-id-list", "gone", "--output", "json"),
                        "{\"SecretValues\":[],\"Errors\":[{\"SecretId\":\"gone\",\"ErrorCode\":\"ResourceNotFoundException\","
                                + "\"Message\":\"Secrets Manager can't find the specified secret.\"}]}");

        assertThatThrownBy(() -> fetch("aws_secrets_manager", request(null, null, "gone"), aws))
                .isInstanceOf(UsageException.class).hasMessageContaining("gone: ResourceNotFoundException");
    }

    // --- GCP Secret Manager --------------------------------------------------------------------
    // https://cloud.google.com/sdk/gcloud/reference/auth/list : `gcloud auth list --filter=... --format=...`
    // https://cloud.google.com/sdk/gcloud/reference/secrets/versions/access :
    //   `gcloud secrets versions access (VERSION : --secret=SECRET)` with `--project`, `--format`, `--account`
    //   (gcloud-wide flags); `--format=json` prints {"name":"projects/.../versions/N","payload":{"data":BASE64,"dataCrc32c":...}}
    //   and the docs decode payload.data with `tr '_-' '/+' | base64 -d` (URL-safe alphabet).
    @Test
    void gcpDecodesPayloadData() {
        String data = Base64.getUrlEncoder().encodeToString("gcp?>secret~".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        StandInCli gcloud = StandInCli.named("gcloud")
                .accepts(List.of("auth", "list", "--filter=status:ACTIVE", "--format=value(account)"), "dev@example.com\n")
                .accepts(List.of("secrets", "versions", "access", "3", "--secret=db-password", "--project=my-proj",
                                "--format=json", "--account=dev@example.com"),
                        "{\n  \"name\": \"projects/123/secrets/db-password/versions/3\",\n  \"payload\": {\n    \"data\": \""
                                + data + "\",\n    \"dataCrc32c\": \"123\"\n  }\n}\n")
                .accepts(List.of("secrets", "versions", "access", "latest", "--secret=api", "--project=my-proj",
                                "--format=json", "--account=dev@example.com"),
                        "{\"name\":\"projects/123/secrets/api/versions/1\",\"payload\":{\"data\":\"YXBpLXRvaw==\"}}");

        assertThat(fetch("gcp_secret_manager", request("dev@example.com", "my-proj", "db-password/3", "api"), gcloud))
                .containsExactly(entry("my-proj/db-password/3", "gcp?>secret~"), entry("my-proj/api", "api-tok"));
    }

    @Test
    void gcpWithoutActiveAccountSaysHowToSignIn() {
        StandInCli gcloud = StandInCli.named("gcloud")
                .accepts(List.of("auth", "list", "--filter=status:ACTIVE", "--format=value(account)"), "");

        assertThatThrownBy(() -> fetch("gcp_secret_manager", request(null, null, "api"), gcloud))
                .isInstanceOf(UsageException.class).hasMessageContaining("gcloud auth login");
    }

    // --- Doppler -------------------------------------------------------------------------------
    // https://docs.doppler.com/docs/cli : `doppler me --json`;
    //   `doppler secrets download --no-file --format json --project <p> --config <c>` prints a JSON object NAME -> value
    //   (including DOPPLER_PROJECT, DOPPLER_CONFIG, DOPPLER_ENVIRONMENT)
    @Test
    void dopplerDownloadsTheConfigAndPicksTheKeys() {
        StandInCli doppler = StandInCli.named("doppler")
                .accepts(List.of("me", "--json"), "{\"type\":\"personal\",\"name\":\"dev\"}")
                .accepts(List.of("secrets", "download", "--no-file", "--format", "json", "--project", "app", "--config", "prd"),
                        "{\"DB_PASSWORD\":\"dop-pw\",\"DOPPLER_CONFIG\":\"prd\",\"DOPPLER_ENVIRONMENT\":\"prd\","
                                + "\"DOPPLER_PROJECT\":\"app\",\"API_KEY\":\"dop-key\"}");

        assertThat(fetch("doppler", request(null, "app/prd", "DB_PASSWORD", "API_KEY"), doppler))
                .containsExactly(entry("app/prd/DB_PASSWORD", "dop-pw"), entry("app/prd/API_KEY", "dop-key"));
    }

    @Test
    void dopplerUnknownKeyIsAUsageError() {
        StandInCli doppler = StandInCli.named("doppler")
                .accepts(List.of("me", "--json"), "{}")
                .accepts(List.of("secrets", "download", "--no-file", "--format", "json"), "{\"A\":\"1\"}");

        assertThatThrownBy(() -> fetch("doppler", request(null, null, "B"), doppler))
                .isInstanceOf(UsageException.class).hasMessageContaining("no secret 'B'");
    }

    // --- Passbolt ------------------------------------------------------------------------------
    // https://github.com/passbolt/go-passbolt-cli/wiki/passbolt_verify : `passbolt verify`
    // https://github.com/passbolt/go-passbolt-cli/wiki/passbolt_list_resource :
    //   `passbolt list resource [--filter CEL] [-f, --folder ID] [-c, --column Name ...] [-j, --json]`
    //   (JSON fields id, folder_parent_id, name, username, uri, password, description)
    // https://github.com/passbolt/go-passbolt-cli/wiki/passbolt_list_folder : `passbolt list folder [--filter CEL] [--json]`
    @Test
    void passboltFindsTheFolderThenFiltersResourcesByName() {
        StandInCli passbolt = StandInCli.named("passbolt")
                .accepts(List.of("verify"), "Verification Successful\n")
                .accepts(List.of("list", "folder", "--filter", "Name == \"app\"", "--json"),
                        "[{\"id\":\"f-1\",\"folder_parent_id\":\"\",\"name\":\"app\"}]")
                .accepts(List.of("list", "resource", "--filter", "Name == \"db\" || Name == \"say \\\"hi\\\"\"",
                                "--folder", "f-1", "--column", "Name", "--column", "Password", "--json"),
                        "[{\"name\":\"db\",\"password\":\"pb-pw\"},{\"name\":\"say \\\"hi\\\"\",\"password\":\"pb-hi\"}]");

        assertThat(fetch("passbolt", request(null, "app", "db", "say \"hi\""), passbolt))
                .containsExactly(entry("app/db", "pb-pw"), entry("app/say \"hi\"", "pb-hi"));
    }

    // --- Enpass --------------------------------------------------------------------------------
    // https://github.com/hazcod/enpass-cli (README): flags `-vault=PATH`, `-nonInteractive`; commands `dryrun`
    //   (opens the vault only) and `pass FILTER` (prints the password and a newline); the master password
    //   comes from MASTERPW
    @Test
    void enpassPrintsEachPassword() {
        StandInCli enpass = StandInCli.named("enpass-cli")
                .accepts(List.of("-vault=/vaults/primary", "-nonInteractive", "dryrun"), "")
                .accepts(List.of("-vault=/vaults/primary", "-nonInteractive", "pass", "github.com"), "gh pw \n");

        assertThat(fetch("enpass", request(null, "/vaults/primary", "github.com"), enpass))
                .containsExactly(entry("github.com", "gh pw "));
    }

    // --- test ----------------------------------------------------------------------------------
    @Test
    void testAdapterReversesKeysWithoutAnyProgram() {
        assertThat(Vaults.fetch(Vaults.adapter("test"), request(null, "vault", "a", "bc"), bin, Map.of("PATH", ""), redactor))
                .containsExactly(entry("vault/a", "a/tluav"), entry("vault/bc", "cb/tluav"));
    }

    @Test
    void unknownAdapterListsTheKnownOnes() {
        assertThatThrownBy(() -> Vaults.adapter("keepass")).isInstanceOf(UsageException.class)
                .hasMessageContaining("'keepass'").hasMessageContaining("1password, bitwarden, bitwarden-sm, lastpass");
    }

    // --- every vendor: the stand-in is strict, a missing CLI and a failed sign-in are clear ----

    /** adapter, program, the sign-in check's arguments, what the check prints when signed out, the login command. */
    static Stream<Arguments> signInChecks() {
        return Stream.of(
                Arguments.of("1password", "op", List.of("whoami"), "[ERROR] account is not signed in", "op signin"),
                Arguments.of("bitwarden", "bw", List.of("status"), "{\"status\":\"unauthenticated\"}", "bw login EMAIL"),
                Arguments.of("bitwarden-sm", "bws", List.of("project", "list", "--output", "json"),
                        "Error: Missing access token", "export BWS_ACCESS_TOKEN"),
                Arguments.of("lastpass", "lpass", List.of("status", "--color=never"), "Not logged in.", "lpass login EMAIL"),
                Arguments.of("aws_secrets_manager", "aws", List.of("sts", "get-caller-identity", "--output", "json"),
                        "Unable to locate credentials. You can configure credentials by running \"aws configure\".", "aws configure"),
                Arguments.of("gcp_secret_manager", "gcloud", List.of("auth", "list", "--filter=status:ACTIVE", "--format=value(account)"),
                        "", "gcloud auth login"),
                Arguments.of("doppler", "doppler", List.of("me", "--json"), "Doppler Error: you must provide a token", "doppler login"),
                Arguments.of("passbolt", "passbolt", List.of("verify"), "Error: Checking Session: ...", "passbolt configure"),
                Arguments.of("enpass", "enpass-cli", List.of("-vault=v", "-nonInteractive", "dryrun"),
                        "could not open vault", "export MASTERPW"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signInChecks")
    void missingProgramNamesItAndHowToSignIn(String adapter, String program, List<String> check, String out, String login) {
        assertThatThrownBy(() -> fetch(adapter, request(null, "/v", "k")))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("`" + program + "`, which is not on PATH")
                .hasMessageContaining(login);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signInChecks")
    void failedSignInNamesTheProgramAndHowToSignIn(String adapter, String program, List<String> check, String out,
                                                   String login) throws IOException {
        // A signed-out CLI: the documented check prints its complaint (status 1, except the checks
        // whose signed-out state is read from their output).
        boolean readsOutput = adapter.equals("bitwarden") || adapter.equals("gcp_secret_manager");
        StandInCli cli = StandInCli.named(program).answers(check, readsOutput ? out : "", readsOutput ? "" : out,
                readsOutput ? 0 : 1);

        assertThatThrownBy(() -> fetch(adapter, request(null, "v", "a/b/c"), cli))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining(program + " is not signed in")
                .hasMessageContaining(login);
        assertThat(calls()).containsExactly(check);
    }

    @Test
    void standInRejectsAnyOtherFlag() throws Exception {
        Path op = StandInCli.named("op").accepts(List.of("whoami"), "ok").writeInto(bin);

        Process process = new ProcessBuilder(op.toString(), "whoami", "--debug").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(process.waitFor()).isEqualTo(2);
        assertThat(output).contains("op: unknown command or flag: whoami --debug");
    }

    @Test
    void aFetchCommandThatFailsIsAnEnvironmentErrorNamingIt() {
        StandInCli lpass = StandInCli.named("lpass")
                .accepts(List.of("status", "--color=never"), "Logged in as dev@example.com.\n")
                .answers(List.of("show", "--json", "db"), "", "Error: Could not find specified account(s).\n", 1);

        assertThatThrownBy(() -> fetch("lastpass", request(null, null, "db"), lpass))
                .isInstanceOf(EnvironmentException.class)
                .hasMessageContaining("`lpass show --json db` failed with exit status 1")
                .hasMessageContaining("Could not find specified account(s)");
    }

    @Test
    void valuesNeverAppearInAnyArgumentTheToolsReceive() throws IOException {
        bitwardenReadsLoginPasswordsAndCustomFields();
        assertThat(calls()).allSatisfy(args -> assertThat(args).doesNotContain("pw-456", "k-123"));
        assertThat(calls()).contains(List.of("get", "item", "app-db"));
    }
}
