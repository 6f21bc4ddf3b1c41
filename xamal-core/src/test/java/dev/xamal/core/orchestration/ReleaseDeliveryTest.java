package dev.xamal.core.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xamal.core.UsageException;
import dev.xamal.core.commands.AppLayout;
import dev.xamal.core.commands.DeployCommands;
import dev.xamal.core.config.Host;
import dev.xamal.core.config.ReleaseConfig;
import dev.xamal.core.release.Layer;
import dev.xamal.core.release.LayerKind;
import dev.xamal.core.release.Platform;
import dev.xamal.core.release.ReleaseLayers;
import dev.xamal.core.release.ReleaseManifest;
import dev.xamal.core.release.TestOutput;
import dev.xamal.core.spi.CommandResult;
import dev.xamal.core.spi.ConnectionLostException;
import dev.xamal.core.spi.RemoteCommand;
import dev.xamal.core.spi.RemoteCommandException;
import dev.xamal.core.spi.RemoteHost;
import dev.xamal.core.spi.Terminal;
import dev.xamal.core.spi.UploadProgress;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A delivery's commands run by a real shell on this machine, the app's directory moved into a
 * temporary one: which round trips a delivery makes, and what it leaves in the cache and the
 * releases.
 */
class ReleaseDeliveryTest {
    private static final AppLayout LAYOUT = new AppLayout("shop");
    private static final String LOCAL_UNAME = uname();

    @TempDir
    Path root;
    @TempDir
    Path build;

    @Test
    void aRedeployWhoseOnlyNewLayerIsTheLastIsDeliveredInOneRoundTrip() throws Exception {
        ReleaseLayers release = onlyTheApplicationLayerNew();
        ShellHost host = new ShellHost();

        ReleaseDelivery.Delivered delivered = delivery().deliver(host, release, "shop");

        assertThat(host.commands).hasSize(1);
        assertThat(host.uploads).isEmpty();
        assertThat(delivered.uploaded()).containsExactly(release.layers().get(2));
        assertThat(delivered.bytesSent()).isEqualTo(release.layers().get(2).size());
        assertComplete("v2", release);
    }

    @Test
    void aFirstDeliveryWritesTheLastLayerWithTheQueryThenUploadsTheOthersAndAssembles() throws Exception {
        ReleaseLayers release = release("v1", Platform.ofUname(LOCAL_UNAME, 17).orElseThrow());
        ShellHost host = new ShellHost();

        ReleaseDelivery.Delivered delivered = delivery().deliver(host, release, "shop");

        assertThat(host.uploads).containsExactly(release.layers().get(0).file(), release.layers().get(1).file());
        assertThat(host.commands).as("the query with the last layer, then the assembly").hasSize(2);
        assertThat(delivered.uploaded()).containsExactlyInAnyOrderElementsOf(release.layers());
        assertComplete("v1", release);
    }

    @Test
    void aReleaseCompleteOnTheHostIsNeitherWrittenNorAssembledAgain() throws Exception {
        ReleaseLayers release = release("v1", Platform.ofUname(LOCAL_UNAME, 17).orElseThrow());
        delivery().deliver(new ShellHost(), release, "shop");
        Path marker = root.resolve("releases/v1/" + DeployCommands.COMPLETE_MARKER);
        long assembledAt = Files.getLastModifiedTime(marker).toMillis();
        Files.delete(root.resolve("layers/" + release.layers().get(2).sha256() + "/" + DeployCommands.COMPLETE_MARKER));

        ShellHost again = new ShellHost();
        ReleaseDelivery.Delivered delivered = delivery().deliver(again, release, "shop");

        assertThat(delivered.assembled()).isFalse();
        assertThat(delivered.uploaded()).isEmpty();
        assertThat(again.commands).hasSize(1);
        assertThat(Files.getLastModifiedTime(marker).toMillis()).isEqualTo(assembledAt);
        assertThat(root.resolve("layers/" + release.layers().get(2).sha256() + "/" + DeployCommands.COMPLETE_MARKER))
                .as("the complete release's layer is not written again").doesNotExist();
    }

    @Test
    void aHostOfAnotherPlatformIsRefusedWithNothingWrittenThere() throws Exception {
        ReleaseLayers release = release("v1", new Platform("linux", "sparc64", 17));
        ShellHost host = new ShellHost();

        assertThatThrownBy(() -> delivery().deliver(host, release, "shop"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("built for linux/sparc64");
        assertThat(root.resolve("layers/" + release.layers().get(2).sha256())).doesNotExist();
        assertThat(root.resolve("releases")).doesNotExist();
    }

    @Test
    void aLastLayerThatArrivesCorruptedWithTheQueryIsUploadedOnceMoreStepByStep() throws Exception {
        ReleaseLayers release = onlyTheApplicationLayerNew();
        ShellHost host = new ShellHost();
        host.corruptFirstInput = true;
        TestOutput output = TestOutput.quiet();

        ReleaseDelivery.Delivered delivered = delivery(output).deliver(host, release, "shop");

        assertThat(host.uploads).containsExactly(release.layers().get(2).file());
        assertThat(host.commands).as("the query and the assembly (the upload runs its own)").hasSize(2);
        assertThat(output.lines).anyMatch(line -> line.startsWith("DEBUG") && line.contains("delivering step by step"));
        assertThat(delivered.uploaded()).containsExactly(release.layers().get(2));
        assertComplete("v2", release);
    }

    @Test
    void anAssemblyThatFailsInTheFirstQueryIsTriedOnceMoreAloneAndItsErrorSaysWhy() throws Exception {
        ReleaseLayers release = onlyTheApplicationLayerNew();
        Files.writeString(root.resolve("releases"), "a file where the releases' directory belongs");
        ShellHost host = new ShellHost();

        assertThatThrownBy(() -> delivery().deliver(host, release, "shop"))
                .isInstanceOf(RemoteCommandException.class)
                .hasMessageContaining("cannot create directory"); // the assembly's mkdir, in its output
        assertThat(host.uploads).as("the layer the query wrote is not sent again").isEmpty();
        assertThat(host.commands).as("the query, then the assembly alone").hasSize(2);
        assertThat(root.resolve("layers/" + release.layers().get(2).sha256() + "/" + DeployCommands.COMPLETE_MARKER))
                .exists();
    }

    @Test
    void aConnectionThatDropsDuringTheFirstQueryIsAskedAgainAndTheDeliveryGoesOnStepByStep() throws Exception {
        ReleaseLayers release = onlyTheApplicationLayerNew();
        ShellHost host = new ShellHost();
        host.dropFirstCommand = true;
        TestOutput output = TestOutput.quiet();

        ReleaseDelivery.Delivered delivered = delivery(output).deliver(host, release, "shop");

        assertThat(output.lines).anyMatch(line -> line.startsWith("WARN") && line.contains("asking again"));
        assertThat(host.commands).as("the dropped query, the query again, the assembly").hasSize(3);
        assertThat(host.commands.get(1)).doesNotContain(DeployCommands.ASSEMBLED);
        assertThat(host.uploads).containsExactly(release.layers().get(2).file());
        assertThat(delivered.uploaded()).containsExactly(release.layers().get(2));
        assertComplete("v2", release);
    }

    private ReleaseDelivery delivery() {
        return delivery(TestOutput.quiet());
    }

    private ReleaseDelivery delivery(TestOutput output) {
        return new ReleaseDelivery(new DeployCommands(LAYOUT, true), output, UploadProgress.NONE);
    }

    /** Release v2 on a host that has its runtime and dependency layers cached: only the application layer is new. */
    private ReleaseLayers onlyTheApplicationLayerNew() throws Exception {
        ReleaseLayers release = release("v2", Platform.ofUname(LOCAL_UNAME, 17).orElseThrow());
        markCached(release.layers().get(0));
        markCached(release.layers().get(1));
        return release;
    }

    private void assertComplete(String version, ReleaseLayers release) throws Exception {
        Path dir = root.resolve("releases/" + version);
        assertThat(Files.readString(dir.resolve(DeployCommands.COMPLETE_MARKER)))
                .isEqualTo(DeployCommands.markerContent(release.layers().stream().map(Layer::sha256).toList()));
        assertThat(Files.readString(dir.resolve("RELEASE"))).isEqualTo(release.manifest().render());
        assertThat(Files.readString(dir.resolve("runtime/lib/modules"))).isEqualTo("the runtime\n");
        assertThat(Files.readString(dir.resolve("lib/dep.jar"))).isEqualTo("a dependency\n");
        assertThat(Files.isExecutable(dir.resolve("bin/shop"))).isTrue();
        for (Layer layer : release.layers()) {
            assertThat(root.resolve("layers/" + layer.sha256() + "/" + DeployCommands.COMPLETE_MARKER)).exists();
        }
    }

    /** A layer in the host's cache already, complete. */
    private void markCached(Layer layer) throws Exception {
        Path dir = root.resolve("layers/" + layer.sha256());
        Files.createDirectories(dir);
        Files.copy(layer.file(), dir.resolve(DeployCommands.LAYER_FILE));
        Files.writeString(dir.resolve(DeployCommands.COMPLETE_MARKER), "");
    }

    /** Three layers (runtime, dependencies, the application with RELEASE and its launcher), built as archives. */
    private ReleaseLayers release(String version, Platform platform) throws Exception {
        Map<LayerKind, Path> files = new LinkedHashMap<>();
        files.put(LayerKind.RUNTIME, archive("runtime", Map.of("runtime/lib/modules", "the runtime\n")));
        files.put(LayerKind.DEPENDENCIES, archive("dependencies", Map.of("lib/dep.jar", "a dependency\n")));
        Map<LayerKind, String> shas = new LinkedHashMap<>();
        shas.put(LayerKind.RUNTIME, sha256(files.get(LayerKind.RUNTIME)));
        shas.put(LayerKind.DEPENDENCIES, sha256(files.get(LayerKind.DEPENDENCIES)));
        ReleaseManifest manifest = new ReleaseManifest("shop", version, Optional.empty(), Optional.empty(), false,
                platform, ReleaseConfig.Runtime.JLINK, List.of("java.base"), shas);
        files.put(LayerKind.APPLICATION, archive("application-" + version,
                Map.of("RELEASE", manifest.render(), "bin/shop", "#!/bin/sh\n")));
        List<Layer> layers = new ArrayList<>();
        for (Map.Entry<LayerKind, Path> file : files.entrySet()) {
            layers.add(new Layer(file.getKey(), file.getValue(), sha256(file.getValue()), Files.size(file.getValue())));
        }
        return new ReleaseLayers(manifest, layers);
    }

    private Path archive(String name, Map<String, String> content) throws Exception {
        Path dir = build.resolve(name);
        for (Map.Entry<String, String> file : content.entrySet()) {
            Path path = dir.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
            if (file.getKey().startsWith("bin/")) {
                assertThat(path.toFile().setExecutable(true)).isTrue();
            }
        }
        Path tarball = build.resolve(name + ".tar.gz");
        Process tar = new ProcessBuilder("tar", "-czf", tarball.toString(), "-C", dir.toString(), ".").inheritIO().start();
        assertThat(tar.waitFor()).isZero();
        return tarball;
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static String uname() {
        try {
            Process process = new ProcessBuilder("uname", "-s", "-m").start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(process.waitFor()).isZero();
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs each command with {@code sh -c} here, the app's directory moved to {@link #root}; an
     * upload runs its commands around a copy of the file.
     */
    private final class ShellHost implements RemoteHost {
        final List<String> commands = new ArrayList<>();
        final List<Path> uploads = new ArrayList<>();
        /** Cut the first command's standard input short, as a transfer that corrupted it would. */
        boolean corruptFirstInput;
        /** Lose the connection before the first command reaches the host. */
        boolean dropFirstCommand;

        @Override
        public Host host() {
            return new Host(Optional.empty(), "shell.test", Optional.empty());
        }

        @Override
        public CommandResult exec(RemoteCommand command) {
            commands.add(command.line());
            if (dropFirstCommand && commands.size() == 1) {
                throw new ConnectionLostException("the connection to shell.test dropped", null);
            }
            byte[] input = command.stdin().orElse(new byte[0]);
            if (corruptFirstInput && commands.size() == 1) {
                input = Arrays.copyOf(input, input.length / 2);
            }
            return shell(command.line(), input);
        }

        private CommandResult shell(String line, byte[] input) {
            String moved = line.replace(AppLayout.BASE + "/shop", root.toString());
            assertThat(moved).doesNotContain(AppLayout.BASE);
            try {
                Process process = new ProcessBuilder("sh", "-c", moved).start();
                CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process, true));
                try (OutputStream in = process.getOutputStream()) {
                    in.write(input);
                } catch (java.io.IOException e) {
                    // the command did not read its input
                }
                String out = new String(readAll(process, false), StandardCharsets.UTF_8);
                int status = process.waitFor();
                return new CommandResult(status, out, new String(err.join(), StandardCharsets.UTF_8));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private byte[] readAll(Process process, boolean err) {
            try {
                return (err ? process.getErrorStream() : process.getInputStream()).readAllBytes();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public int interactive(String line, Terminal terminal) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void upload(Path local, String remotePath, UploadProgress progress) {
            upload(local, remotePath, progress, "", "");
        }

        @Override
        public void upload(Path local, String remotePath, UploadProgress progress, String before, String after) {
            uploads.add(local);
            runAround(before);
            try {
                Files.copy(local, Path.of(remotePath.replace(AppLayout.BASE + "/shop", root.toString())),
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            runAround(after);
        }

        private void runAround(String line) {
            if (!line.isEmpty()) {
                assertThat(shell(line, new byte[0]).exitStatus()).as(line).isZero();
            }
        }

        @Override
        public void write(byte[] content, String remotePath, int mode) {
            throw new UnsupportedOperationException();
        }
    }
}
