package dev.xamal.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xamal.core.config.Host;
import dev.xamal.core.orchestration.ServerExec;
import dev.xamal.core.output.Output;
import dev.xamal.core.spi.CommandResult;
import dev.xamal.core.spi.RemoteCommand;
import dev.xamal.core.spi.RemoteCommandException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;
import org.junit.jupiter.api.Test;

class ServerExecOverSshTest extends InProcessServerTest {
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final Output output = new Output() {
        @Override
        public void info(String line) {
            lines.add(line);
        }

        @Override
        public void warn(String line) {
            lines.add("WARN " + line);
        }

        @Override
        public void error(String line) {
            lines.add("ERROR " + line);
        }

        @Override
        public void debug(String line) {
        }

        @Override
        public boolean isDebugEnabled() {
            return false;
        }
    };

    @Test
    void runsOnEveryHostAndPrefixesEachLineWithItsHost() throws IOException {
        try (TestSshServer second = startAnother(); TestSshServer third = startAnother()) {
            List<Host> hosts = List.of(host(), hostOf(second), hostOf(third));
            try (SshTransport transport = new SshTransport(options())) {
                List<CommandResult> results = new ServerExec(transport, output, 3)
                        .run(hosts, RemoteCommand.of("echo hello; echo warning 1>&2"));

                assertThat(results).extracting(CommandResult::stdout).containsOnly("hello\n");
            }
            for (Host host : hosts) {
                assertThat(lines).contains("[" + host.id() + "] hello", "[" + host.id() + "] warning");
            }
        }
    }

    @Test
    void aFailingHostFailsTheWholeAfterEveryHostRan() throws IOException {
        try (TestSshServer second = startAnother()) {
            // the server runs commands as the test user and passes the login name as USER
            Host healthy = Host.parse("good@127.0.0.1:" + server.port());
            Host failing = Host.parse("bad@127.0.0.1:" + second.port());
            String command = "if [ \"$USER\" = bad ]; then echo broken 1>&2; exit 4; fi; echo fine";
            try (SshTransport transport = new SshTransport(options())) {
                assertThatThrownBy(() -> new ServerExec(transport, output, 2).run(List.of(failing, healthy),
                        RemoteCommand.of(command)))
                        .isInstanceOf(RemoteCommandException.class)
                        .hasMessageContaining("Command failed on 127.0.0.1:" + second.port() + " with exit status 4")
                        .hasMessageContaining("broken");
            }
            assertThat(lines).contains("[127.0.0.1:" + server.port() + "] fine", "[127.0.0.1:" + second.port() + "] broken");
        }
    }

    private TestSshServer startAnother() throws IOException {
        TestSshServer server = TestSshServer.start("127.0.0.1", TestSshServer.newHostKey(),
                new AuthorizedKeysAuthenticator(dir.resolve("authorized_keys")));
        Files.writeString(knownHosts, server.knownHostsLine() + "\n", java.nio.file.StandardOpenOption.APPEND);
        return server;
    }

    private static Host hostOf(TestSshServer server) {
        return new Host(Optional.empty(), "127.0.0.1", Optional.of(server.port()));
    }
}
