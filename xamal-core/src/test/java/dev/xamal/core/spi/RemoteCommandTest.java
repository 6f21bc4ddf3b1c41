package dev.xamal.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The line an SSH exec request carries: the builders' lines go to {@code /bin/sh} through the
 * login shell, unchanged by the quoting; a user's line goes to the login shell as it is.
 */
class RemoteCommandTest {

    private static final String LINE = "printf '%s|%s\\n' \"$0\" 'it'\\''s' && x=\"a b\"; echo \"$x\"; exit 3";

    @Test
    void aBuiltLineRunsInBinShWithItsOutputAndExitStatusUnchanged() throws Exception {
        String sent = RemoteCommand.of(LINE).sentLine();
        assertThat(sent).startsWith("exec /bin/sh -c '");

        // bash stands for a login shell that is not /bin/sh; $0 shows which shell ran the line
        Run viaLoginShell = run("bash", "-c", sent);
        assertThat(viaLoginShell.out()).isEqualTo("/bin/sh|it's\na b\n");
        assertThat(viaLoginShell.status()).isEqualTo(3);
    }

    @Test
    void aUsersLineGoesToTheLoginShellAsWritten() throws Exception {
        RemoteCommand command = RemoteCommand.inLoginShell("echo \"$0\"");
        assertThat(command.sentLine()).isEqualTo(command.line());
        assertThat(run("bash", "-c", command.sentLine()).out()).as("run by the login shell itself").isEqualTo("bash\n");
        assertThat(run("bash", "-c", RemoteCommand.of(command.line()).sentLine()).out())
                .as("the same line sent as a built one").isEqualTo("/bin/sh\n");
    }

    @Test
    void everyChangedCopyKeepsWhichShellRunsIt() {
        RemoteCommand users = RemoteCommand.inLoginShell("uptime").withTimeout(Duration.ofSeconds(5))
                .withStdin(new byte[] {1}).withPty(true).describedAs("uptime").withListener(LineListener.NONE);
        assertThat(users.loginShell()).isTrue();
        assertThat(users.sentLine()).isEqualTo("uptime");
        assertThat(RemoteCommand.of("uptime").withTimeout(Duration.ofSeconds(5)).withPty(true).sentLine())
                .isEqualTo("exec /bin/sh -c 'uptime'");
    }

    private record Run(String out, int status) {
    }

    private static Run run(String... argv) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(out, process.waitFor());
    }
}
