package dev.xamal.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xamal.core.spi.RemoteHost;
import dev.xamal.core.spi.UploadProgress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The transport's debug log: every command line the server is asked to run (the caller's, and
 * those a file transfer runs itself) is logged once, before it runs, naming the host (the line as
 * written; the server is asked to run it in {@code /bin/sh}); uploads and
 * writes are logged with their target path and size, never their content.
 */
class CommandLogTest extends InProcessServerTest {

    @Test
    void logsEveryCommandTheServerRunsAndEveryFileWritten() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        Path local = Files.writeString(dir.resolve("release.tar.gz"), "release bytes");
        String secretContent = "DB_PASSWORD=\"content-never-logged\"\n";
        try (SshTransport transport = new SshTransport(options(), log::add)) {
            RemoteHost remote = transport.open(host());
            remote.run("echo one");
            remote.exec(dev.xamal.core.spi.RemoteCommand.of("exit 3"));
            remote.upload(local, dir.resolve("uploaded.tar.gz").toString(), UploadProgress.NONE);
            remote.write(secretContent.getBytes(StandardCharsets.UTF_8), dir.resolve("app.env").toString(), 0600);
        }

        String prefix = "[127.0.0.1:" + server.port() + "] ";
        List<String> logged = log.stream().filter(l -> l.startsWith(prefix + "$ "))
                .map(l -> l.substring((prefix + "$ ").length())).toList();
        assertThat(server.commandsRun()).isNotEmpty();
        assertThat(logged).as("each logged line, as the server was asked to run it in /bin/sh")
                .map(line -> dev.xamal.core.spi.RemoteCommand.of(line).sentLine())
                .containsExactlyElementsOf(server.commandsRun());
        assertThat(logged).startsWith("echo one", "exit 3");
        assertThat(log).contains(prefix + "upload release.tar.gz (13 bytes) to " + dir.resolve("uploaded.tar.gz"),
                prefix + "write " + secretContent.length() + " bytes to " + dir.resolve("app.env") + " (mode 600)");
        assertThat(log).noneMatch(l -> l.contains("content-never-logged"));
    }
}
