package dev.xamal.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xamal.core.EnvironmentException;
import dev.xamal.core.config.Host;
import dev.xamal.core.config.SshConfig.HostKeyChecking;
import dev.xamal.core.spi.CommandResult;
import dev.xamal.core.spi.RemoteCommand;
import dev.xamal.core.spi.RemoteHost;
import dev.xamal.testhosts.TestHost;
import dev.xamal.testhosts.TestHosts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The transport against real hosts (systemd + OpenSSH in containers): agent, jump host, hashed known_hosts. */
class RealHostSshTest {

    @RegisterExtension
    static TestHosts hosts = TestHosts.builder(1).privateHost("internal").build();

    @TempDir
    Path dir;

    private SshOptions options() {
        return SshOptions.defaults()
                .withUser(hosts.user())
                .withKeys(List.of(hosts.keyPath()), List.of(), false)
                .withSshDirectory(dir, false)
                .withAgentSocket(Optional.empty())
                .withHostKeys(HostKeyChecking.STRICT, hosts.knownHostsPath())
                .withConnection(Duration.ofSeconds(20), 10, Duration.ofSeconds(30), Duration.ZERO, 1, Duration.ZERO);
    }

    private static Host publicHost() {
        return Host.parse(hosts.host(1).sshAddress());
    }

    @Test
    void runsCommandsAndWritesPrivateFilesOnARealHost() {
        try (SshTransport transport = new SshTransport(options())) {
            RemoteHost remote = transport.open(publicHost());
            assertThat(remote.run("whoami").stdout()).isEqualTo(hosts.user() + "\n");
            assertThat(remote.exec(RemoteCommand.of("exit 5")).exitStatus()).isEqualTo(5);

            remote.write("TOKEN=abc\n".getBytes(StandardCharsets.UTF_8), "/tmp/app.env", 0600);
            assertThat(remote.run("stat -c '%a %U' /tmp/app.env && cat /tmp/app.env").stdout())
                    .isEqualTo("600 " + hosts.user() + "\nTOKEN=abc\n");
        }
    }

    @Test
    void runsBuiltLinesInBinShAndAUsersLineInTheLoginShell() {
        try (SshTransport transport = new SshTransport(options())) {
            RemoteHost remote = transport.open(publicHost());
            String shellOf = "readlink /proc/$$/exe; :"; // not the last command: the shell stays, $$ is its own
            assertThat(remote.run(RemoteCommand.inLoginShell("getent passwd \"$(id -un)\" | cut -d: -f7")).stdout())
                    .as("the test host's SSH user logs in with bash").isEqualTo("/bin/bash\n");
            assertThat(remote.run(RemoteCommand.inLoginShell(shellOf)).stdout()).isEqualTo("/usr/bin/bash\n");
            assertThat(remote.run(shellOf).stdout()).as("Debian's /bin/sh").isEqualTo("/usr/bin/dash\n");
            CommandResult status = remote.exec(RemoteCommand.of("printf '%s\\n' \"it's\" >&2; exit 7"));
            assertThat(status.exitStatus()).isEqualTo(7);
            assertThat(status.stderr()).isEqualTo("it's\n");
        }
    }

    @Test
    void allocatesAPseudoTerminalOnlyWhenAsked() {
        try (SshTransport transport = new SshTransport(options())) {
            RemoteHost remote = transport.open(publicHost());
            List<String> lines = new java.util.ArrayList<>();
            remote.run(RemoteCommand.of("tty").withPty(true).withListener((stream, line) -> lines.add(line)));
            assertThat(lines).hasSize(1);
            assertThat(lines.get(0)).matches("/dev/pts/[0-9]+");

            CommandResult withoutPty = remote.exec(RemoteCommand.of("tty"));
            assertThat(withoutPty.exitStatus()).isEqualTo(1);
            assertThat(withoutPty.stdout()).isEqualTo("not a tty\n");
        }
    }

    @Test
    void authenticatesWithARealSshAgentAndAnEmptyHome() throws IOException {
        Path home = Files.createDirectory(dir.resolve("home"));
        try (TestAgent agent = TestAgent.start(dir, home)) {
            agent.add(hosts.keyPath());
            // no key files, the default keys looked for in the empty home: only the agent can help
            SshOptions agentOnly = options().withKeys(List.of(), List.of(), true)
                    .withSshDirectory(home.resolve(".ssh"), true).withAgentSocket(Optional.of(agent.socket()));

            try (SshTransport transport = new SshTransport(agentOnly)) {
                assertThat(transport.open(publicHost()).run("echo agent ok").stdout()).isEqualTo("agent ok\n");
            }
            agent.removeAll();
            try (SshTransport transport = new SshTransport(agentOnly)) {
                assertThatThrownBy(() -> transport.open(publicHost()).run("true"))
                        .isInstanceOf(EnvironmentException.class)
                        .hasMessageContaining("accepted none of the offered keys");
            }
        }
    }

    @Test
    void reachesAnUnmappedHostThroughTheJumpHost() {
        TestHost jump = hosts.host(1);
        Host target = Host.parse("internal");
        try (SshTransport direct = new SshTransport(options())) {
            assertThatThrownBy(() -> direct.open(target).run("true")).isInstanceOf(EnvironmentException.class);
        }

        SshOptions viaJump = options().withProxy(Optional.of(hosts.user() + "@" + jump.sshAddress()));
        String sshConnection;
        try (SshTransport transport = new SshTransport(viaJump)) {
            RemoteHost remote = transport.open(target);
            assertThat(remote.run("hostname").stdout()).isEqualTo("internal\n");
            sshConnection = remote.run("echo $SSH_CONNECTION").stdout().strip();
        }
        List<String> jumpAddresses = Arrays.asList(jump.shell("hostname -I").strip().split("\\s+"));
        assertThat(sshConnection.split(" ")[0]).isIn(jumpAddresses);
    }

    @Test
    void acceptsAKnownHostsFileHoldingOnlyHashedEntries() throws IOException {
        Path hashed = dir.resolve("known_hosts");
        Files.copy(hosts.knownHostsPath(), hashed);
        TestKeys.run(List.of("ssh-keygen", "-H", "-f", hashed.toString()), dir);
        List<String> lines = Files.readAllLines(hashed).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        assertThat(lines).isNotEmpty().allMatch(line -> line.startsWith("|1|"));

        try (SshTransport transport = new SshTransport(options().withHostKeys(HostKeyChecking.STRICT, hashed))) {
            assertThat(transport.open(publicHost()).run("echo hashed ok").stdout()).isEqualTo("hashed ok\n");
        }
    }
}
