package dev.xamal.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xamal.core.EnvironmentException;
import dev.xamal.core.spi.ConnectionLostException;
import dev.xamal.core.spi.RemoteHost;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TransferTest extends InProcessServerTest {

    @Test
    void uploadsReportingProgressAndLeavesOnlyTheCompleteFile() throws IOException {
        Path local = randomFile("release.tar.gz", 3 * 1024 * 1024 + 17);
        Path remoteDir = Files.createDirectory(dir.resolve("remote"));
        List<long[]> progress = new ArrayList<>();
        try (SshTransport transport = new SshTransport(options())) {
            transport.open(host()).upload(local, remoteDir + "/release.tar.gz",
                    (sent, total) -> progress.add(new long[] {sent, total}));
        }

        assertThat(Files.readAllBytes(remoteDir.resolve("release.tar.gz"))).isEqualTo(Files.readAllBytes(local));
        assertThat(listing(remoteDir)).containsExactly("release.tar.gz");
        long size = Files.size(local);
        assertThat(progress).isNotEmpty().allMatch(p -> p[1] == size);
        assertThat(progress.get(progress.size() - 1)[0]).isEqualTo(Files.size(local));
        for (int i = 1; i < progress.size(); i++) {
            assertThat(progress.get(i)[0]).isGreaterThanOrEqualTo(progress.get(i - 1)[0]);
        }
    }

    @Test
    void uploadReplacesAnExistingFile() throws IOException {
        Path remoteDir = Files.createDirectory(dir.resolve("remote"));
        Files.writeString(remoteDir.resolve("app.jar"), "old");
        Path local = randomFile("app.jar", 1000);
        try (SshTransport transport = new SshTransport(options())) {
            transport.open(host()).upload(local, remoteDir + "/app.jar", (sent, total) -> { });
        }
        assertThat(Files.readAllBytes(remoteDir.resolve("app.jar"))).isEqualTo(Files.readAllBytes(local));
        assertThat(listing(remoteDir)).containsExactly("app.jar");
    }

    @Test
    void writeCreatesTheFileWithTheGivenMode() throws IOException {
        Path remoteDir = Files.createDirectory(dir.resolve("env"));
        try (SshTransport transport = new SshTransport(options())) {
            RemoteHost remote = transport.open(host());
            remote.write("SECRET=s3cr3t\n".getBytes(StandardCharsets.UTF_8), remoteDir + "/web-4000.env", 0600);
            remote.write("public\n".getBytes(StandardCharsets.UTF_8), remoteDir + "/notes.txt", 0644);
        }

        assertThat(Files.readString(remoteDir.resolve("web-4000.env"))).isEqualTo("SECRET=s3cr3t\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(remoteDir.resolve("web-4000.env"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(remoteDir.resolve("notes.txt"))))
                .isEqualTo("rw-r--r--");
        assertThat(listing(remoteDir)).containsExactlyInAnyOrder("web-4000.env", "notes.txt");
    }

    @Test
    void aSmallFileIsOneCommandOnTheHostItsContentOnStandardInputNotInTheLine() throws IOException {
        Path remoteDir = Files.createDirectory(dir.resolve("small"));
        Files.writeString(remoteDir.resolve("app.env"), "OLD=1\n");
        String secret = "TOKEN=never-in-a-command-line\n";
        Path layer = randomFile("application.tar.gz", FileTransfer.ONE_COMMAND_LIMIT);
        List<long[]> progress = new ArrayList<>();
        try (SshTransport transport = new SshTransport(options())) {
            RemoteHost remote = transport.open(host());
            remote.run("true");
            int before = server.commandsRun().size();
            remote.write(secret.getBytes(StandardCharsets.UTF_8), remoteDir + "/app.env", 0600);
            remote.upload(layer, remoteDir + "/application.tar.gz", (sent, total) -> progress.add(new long[] {sent, total}));
            List<String> run = server.commandsRun().subList(before, server.commandsRun().size());
            assertThat(run).as("one command per file").hasSize(2).noneMatch(line -> line.contains("never-in-a-command"));
        }
        assertThat(Files.readString(remoteDir.resolve("app.env"))).isEqualTo(secret);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(remoteDir.resolve("app.env"))))
                .isEqualTo("rw-------");
        assertThat(Files.readAllBytes(remoteDir.resolve("application.tar.gz"))).isEqualTo(Files.readAllBytes(layer));
        assertThat(listing(remoteDir)).containsExactlyInAnyOrder("app.env", "application.tar.gz");
        long size = FileTransfer.ONE_COMMAND_LIMIT;
        assertThat(progress).extracting(p -> p[0] + "/" + p[1]).containsExactly("0/" + size, size + "/" + size);
    }

    @Test
    void aFileAboveTheOneCommandLimitGoesOverSftpBetweenTwoCommands() throws IOException {
        Path remoteDir = Files.createDirectory(dir.resolve("large"));
        Path layer = randomFile("runtime.tar.gz", FileTransfer.ONE_COMMAND_LIMIT + 1);
        try (SshTransport transport = new SshTransport(options())) {
            RemoteHost remote = transport.open(host());
            remote.run("true");
            int before = server.commandsRun().size();
            remote.upload(layer, remoteDir + "/runtime.tar.gz", (sent, total) -> { });
            assertThat(server.commandsRun().subList(before, server.commandsRun().size())).hasSize(2);
        }
        assertThat(Files.readAllBytes(remoteDir.resolve("runtime.tar.gz"))).isEqualTo(Files.readAllBytes(layer));
        assertThat(listing(remoteDir)).containsExactly("runtime.tar.gz");
    }

    /**
     * The commands before and after an upload share its round trips: one command in all for a
     * small file, two (around the SFTP channel) for a larger one; before runs first, after only
     * once the file is in place, and neither reads the file's bytes.
     */
    @Test
    void stepsBeforeAndAfterAnUploadShareItsRoundTrips() throws IOException {
        Path small = randomFile("application.tar.gz", 9000);
        Path large = randomFile("runtime.tar.gz", FileTransfer.ONE_COMMAND_LIMIT + 1);
        try (SshTransport transport = new SshTransport(options())) {
            RemoteHost remote = transport.open(host());
            remote.run("true");
            for (Path local : List.of(small, large)) {
                Path layerDir = dir.resolve("layers/" + local.getFileName());
                String before = "mkdir -p " + layerDir + " && ls -A " + layerDir + " > " + dir.resolve(local.getFileName() + ".before");
                String after = "ls -A " + layerDir + " > " + dir.resolve(local.getFileName() + ".after") + " && touch "
                        + layerDir + "/.complete";
                int commands = server.commandsRun().size();
                remote.upload(local, layerDir + "/layer.tar.gz", (sent, total) -> { }, before, after);
                assertThat(server.commandsRun().size() - commands).as(local.getFileName() + ": commands")
                        .isEqualTo(local == small ? 1 : 2);
                assertThat(Files.readAllBytes(layerDir.resolve("layer.tar.gz"))).isEqualTo(Files.readAllBytes(local));
                assertThat(Files.readString(dir.resolve(local.getFileName() + ".before"))).as("before ran first").isEmpty();
                assertThat(Files.readString(dir.resolve(local.getFileName() + ".after"))).as("after saw the file in place")
                        .isEqualTo("layer.tar.gz\n");
                assertThat(listing(layerDir)).containsExactlyInAnyOrder("layer.tar.gz", ".complete");
            }
        }
    }

    @Test
    void aFailingStepBeforeAnUploadUploadsNothingAndAFailingStepAfterItIsNamed() throws IOException {
        Path remoteDir = Files.createDirectory(dir.resolve("steps"));
        try (SshTransport transport = new SshTransport(options())) {
            RemoteHost remote = transport.open(host());
            for (Path local : List.of(randomFile("small.tar.gz", 100), randomFile("large.tar.gz",
                    FileTransfer.ONE_COMMAND_LIMIT + 1))) {
                String target = remoteDir + "/" + local.getFileName();
                assertThatThrownBy(() -> remote.upload(local, target, (sent, total) -> { },
                        "echo no room for it; exit 3", "touch " + remoteDir + "/after-ran"))
                        .isInstanceOf(EnvironmentException.class)
                        .hasMessageContaining("The step before the upload of " + local)
                        .hasMessageContaining("(echo no room for it; exit 3): no room for it")
                        .hasMessageContaining("nothing was uploaded and " + target + " was not changed");
                assertThat(listing(remoteDir)).as("nothing uploaded, after not run").isEmpty();

                assertThatThrownBy(() -> remote.upload(local, target, (sent, total) -> { }, "",
                        "echo digest differs; exit 1"))
                        .isInstanceOf(EnvironmentException.class)
                        .hasMessageContaining("Uploaded " + local + " to 127.0.0.1:" + server.port() + ":" + target
                                + ", but the step after it failed (echo digest differs; exit 1): digest differs");
                Files.delete(Path.of(target));
            }
        }
    }

    @Test
    void writeIntoAMissingDirectoryFailsNamingHostAndPath() {
        Path missing = dir.resolve("no-such-dir");
        try (SshTransport transport = new SshTransport(options())) {
            assertThatThrownBy(() -> transport.open(host()).write(new byte[] {1}, missing + "/f", 0600))
                    .isInstanceOf(EnvironmentException.class)
                    .hasMessageContaining("127.0.0.1:" + server.port())
                    .hasMessageContaining(missing + "/.f.xamal-");
        }
    }

    @Test
    void aConnectionDroppedMidUploadLeavesNoCompleteLookingFileAndIsCleanedUpLater() throws IOException {
        Path local = randomFile("big.tar.gz", 8 * 1024 * 1024);
        Path remoteDir = Files.createDirectory(dir.resolve("remote"));
        try (SshTransport transport = new SshTransport(options())) {
            RemoteHost remote = transport.open(host());
            boolean[] dropped = {false};

            assertThatThrownBy(() -> remote.upload(local, remoteDir + "/big.tar.gz", (sent, total) -> {
                if (sent > 1024 * 1024 && !dropped[0]) {
                    dropped[0] = true;
                    server.dropAllSessions();
                }
            }))
                    .isInstanceOf(ConnectionLostException.class)
                    .hasMessageContaining("Upload of " + local + " to 127.0.0.1:" + server.port())
                    .hasMessageContaining("the connection was lost")
                    .hasMessageContaining(remoteDir + "/big.tar.gz was not changed");

            assertThat(Files.exists(remoteDir.resolve("big.tar.gz"))).isFalse();
            assertThat(listing(remoteDir)).allMatch(name -> name.startsWith(".big.tar.gz.xamal-") && name.endsWith(".part"));

            // the next use of the host reconnects and removes the partial file
            remote.run("true");
            assertThat(listing(remoteDir)).isEmpty();
            assertThat(server.sessionsCreated()).isEqualTo(2);
        }
    }

    private Path randomFile(String name, int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        return Files.write(dir.resolve(name), bytes);
    }

    private static List<String> listing(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
