package dev.xamal.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xamal.core.config.Host;
import dev.xamal.core.config.SshConfig.HostKeyChecking;
import dev.xamal.core.secrets.EnvFileRenderer;
import dev.xamal.core.secrets.EnvironmentFileLimits;
import dev.xamal.core.spi.CommandResult;
import dev.xamal.core.spi.RemoteCommand;
import dev.xamal.core.spi.RemoteHost;
import dev.xamal.ssh.SshOptions;
import dev.xamal.ssh.SshTransport;
import dev.xamal.testhosts.HostGroup;
import dev.xamal.testhosts.TestHost;
import dev.xamal.testhosts.TestHosts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The env file a slot's unit reads: rendered by {@link EnvFileRenderer}, written over SFTP by the
 * real SSH transport with mode 0600, read by a systemd unit through {@code EnvironmentFile=}, and
 * compared byte for byte with what the unit's main process got ({@code /proc/<MainPID>/environ}).
 */
class EnvFileRealHostIT {
    @RegisterExtension
    static TestHosts hosts = TestHosts.start(1);

    private static final String DIR = "/home/" + HostGroup.USER + "/envtest";
    private static final String UNIT = "xamal-envtest.service";

    @TempDir
    Path sshDirectory;

    private static Map<String, String> awkwardValues() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PLAIN", "hello");
        env.put("DOUBLE_QUOTES", "say \"hi\" \"\"");
        env.put("SINGLE_QUOTES", "it's 'quoted'");
        env.put("BACKSLASHES", "C:\\dir\\\\share\\ and \\n literally\\");
        env.put("DOLLARS", "$HOME ${PATH} $(id) `id` $$ $");
        env.put("EQUALS_AND_HASH", "a=b==c # not a comment #x");
        env.put("PERCENT", "100% %i %n %%");
        env.put("SHELL_META", "a;b && c | d > e < f * ? [x] ~");
        env.put("UNICODE", "こんにちは 世界 ✓ 🚀 naïve café \u00a0\u2028\ufeff");
        env.put("NEWLINES", "line one\nline two\n\nline four\n");
        env.put("CR_AND_CRLF", "a\rb\r\nc");
        env.put("TAB_AND_CONTROLS", "\t\u0001\u0007\u0008\u000b\u000c\u001b[31mred\u001b[0m\u007f");
        env.put("BACKSLASH_NEWLINE", "a\\\nb");
        env.put("PADDED", "   leading and trailing   ");
        env.put("ONLY_BLANKS", "   ");
        env.put("EMPTY", "");
        env.put("lower_case", "names may be lower case");
        String longest = "L".repeat(EnvironmentFileLimits.MAX_ASSIGNMENT_BYTES - "LONGEST=".length());
        env.put("LONGEST", longest);
        return env;
    }

    @Test
    void awkwardValuesReachTheUnitsProcessByteForByte() {
        Map<String, String> env = awkwardValues();
        byte[] file = EnvFileRenderer.render(env);
        try (SshTransport transport = new SshTransport(options())) {
            RemoteHost remote = open(transport);
            assertThat(start(remote, file).succeeded()).isTrue();

            assertThat(remote.run("stat -c %a " + DIR + "/app.env").stdout().strip()).isEqualTo("600");
            assertThat(remote.run("base64 -w0 " + DIR + "/app.env").stdout().strip())
                    .as("the transport wrote the rendered bytes").isEqualTo(Base64.getEncoder().encodeToString(file));
            Map<String, byte[]> received = environOfMainProcess(remote);
            env.forEach((name, value) -> assertThat(received.get(name))
                    .as(name).isEqualTo(value.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /**
     * What {@link EnvironmentFileLimits} refuses, written without the renderer's checks, really
     * does not reach the process: the unit does not start, or the variable is dropped.
     */
    @Test
    void whatTheRendererRefusesIsWhatSystemdCannotCarry() {
        String nonchar = "a\ufffeb";
        String tooLong = "L".repeat(EnvironmentFileLimits.MAX_ASSIGNMENT_BYTES - "LONG=".length() + 1);
        assertThat(EnvironmentFileLimits.valueProblem("NONCHAR", nonchar)).isPresent();
        assertThat(EnvironmentFileLimits.valueProblem("LONG", tooLong)).isPresent();
        assertThat(EnvironmentFileLimits.nameProblem("A.B")).isPresent();
        try (SshTransport transport = new SshTransport(options())) {
            RemoteHost remote = open(transport);
            assertThat(start(remote, raw("NONCHAR=\"" + nonchar + "\"\n")).succeeded())
                    .as("a noncharacter stops the unit from starting").isFalse();
            assertThat(start(remote, raw("LONG=\"" + tooLong + "\"\n")).succeeded())
                    .as("one byte over the entry limit stops the exec").isFalse();
            assertThat(start(remote, raw("A.B=\"dotted\"\nKEPT=\"yes\"\n")).succeeded()).isTrue();
            Map<String, byte[]> received = environOfMainProcess(remote);
            assertThat(received).containsKey("KEPT").doesNotContainKey("A.B");
        }
    }

    private SshOptions options() {
        return SshOptions.defaults()
                .withUser(hosts.user())
                .withKeys(List.of(hosts.keyPath()), List.of(), false)
                .withSshDirectory(sshDirectory, false)
                .withHostKeys(HostKeyChecking.STRICT, hosts.knownHostsPath())
                .withAgentSocket(Optional.empty());
    }

    private static RemoteHost open(SshTransport transport) {
        TestHost testHost = hosts.host(1);
        return transport.open(new Host(Optional.empty(), testHost.host(), Optional.of(testHost.sshPort())));
    }

    private static byte[] raw(String envFile) {
        return envFile.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes the env file (0600) and a unit reading it, then (re)starts the unit. {@code Type=exec}
     * makes the start fail when systemd cannot load the file or exec the program.
     */
    private static CommandResult start(RemoteHost remote, byte[] envFile) {
        remote.run("mkdir -p " + DIR);
        remote.write(envFile, DIR + "/app.env", 0600);
        remote.write(("[Service]\nType=exec\nUser=" + hosts.user() + "\nEnvironmentFile=" + DIR + "/app.env\n"
                + "ExecStart=/bin/sleep infinity\n").getBytes(StandardCharsets.UTF_8), DIR + "/" + UNIT, 0644);
        remote.run("sudo install -m 0644 " + DIR + "/" + UNIT + " /etc/systemd/system/" + UNIT
                + " && sudo systemctl daemon-reload");
        // The previous case's instance, running or failed, must not decide this one.
        remote.exec(RemoteCommand.of("sudo systemctl stop " + UNIT + "; sudo systemctl reset-failed " + UNIT));
        return remote.exec(RemoteCommand.of("sudo systemctl start " + UNIT));
    }

    private static Map<String, byte[]> environOfMainProcess(RemoteHost remote) {
        String pid = remote.run("systemctl show -p MainPID --value " + UNIT).stdout().strip();
        assertThat(pid).isNotEqualTo("0");
        return parseEnviron(Base64.getDecoder().decode(remote.run("base64 -w0 /proc/" + pid + "/environ").stdout().strip()));
    }

    private static Map<String, byte[]> parseEnviron(byte[] environ) {
        Map<String, byte[]> variables = new HashMap<>();
        int start = 0;
        for (int i = 0; i <= environ.length; i++) {
            if (i == environ.length || environ[i] == 0) {
                if (i > start) {
                    String entry = new String(environ, start, i - start, StandardCharsets.ISO_8859_1);
                    int equals = entry.indexOf('=');
                    byte[] value = new byte[i - start - equals - 1];
                    System.arraycopy(environ, start + equals + 1, value, 0, value.length);
                    variables.put(new String(environ, start, equals, StandardCharsets.UTF_8), value);
                }
                start = i + 1;
            }
        }
        return variables;
    }
}
