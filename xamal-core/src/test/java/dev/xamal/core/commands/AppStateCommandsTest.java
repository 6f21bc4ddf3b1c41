package dev.xamal.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xamal.core.orchestration.AppInventory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state commands run by a local bash against a directory laid out as {@code /opt/xamal/<app>}
 * (the app's root replaced by the temporary directory), read back by {@link AppInventory}.
 */
class AppStateCommandsTest {
    private static final AppLayout LAYOUT = new AppLayout("shop");
    private static final AppStateCommands COMMANDS = new AppStateCommands(LAYOUT);

    @TempDir
    Path root;

    @Test
    void inventoryListsReleasesHistoryLinksLayersAndState() throws Exception {
        release("v1", "rt app1");
        release("v2", "rt app2");
        Files.createDirectories(root.resolve("releases/v3"));
        Files.createDirectories(root.resolve("releases/v4.assembling"));
        Files.writeString(root.resolve("history"), "2026-11-26T08:00:00Z\th1\tweb\t4000\tv2\tdeploy\n"
                + "2026-11-26T08:01:00Z\th1\tweb\t4001\tv1\tdeploy\n");
        Files.createDirectories(root.resolve("slots"));
        Files.createSymbolicLink(root.resolve("slots/4001"), Path.of("../releases/v1"));
        Files.createSymbolicLink(root.resolve("current"), Path.of("releases/v1"));
        for (String layer : List.of("rt", "app1", "app2")) {
            Files.createDirectories(root.resolve("layers/" + layer));
        }
        Files.writeString(root.resolve("active_port"), "4001\n");
        Files.writeString(root.resolve("maintenance"), "retry_after 60\nmessage Back # soon\n");

        AppInventory inventory = AppInventory.parse(run(COMMANDS.inventory()));
        assertThat(inventory.present()).isTrue();
        assertThat(inventory.releases()).containsOnlyKeys("v1", "v2", "v3");
        assertThat(inventory.releases().get("v2")).containsExactly("rt", "app2");
        assertThat(inventory.complete()).containsExactlyInAnyOrder("v1", "v2");
        assertThat(inventory.history()).containsExactly("v2", "v1");
        assertThat(inventory.current()).hasValue("v1");
        assertThat(inventory.slots()).containsExactly(java.util.Map.entry("4001", "v1"));
        assertThat(inventory.layers()).containsExactlyInAnyOrder("rt", "app1", "app2");
        assertThat(inventory.activePort()).hasValue(4001);
        assertThat(inventory.maintenance()).hasValue("retry_after 60\nmessage Back # soon\n");
    }

    @Test
    void anAppWithoutDirectoryIsAbsent() throws Exception {
        Files.delete(root);
        assertThat(AppInventory.parse(run(COMMANDS.inventory())).present()).isFalse();
    }

    @Test
    void removeMeasuredPrintsTheBytesAndRemoves() throws Exception {
        release("v1", "a");
        Files.write(root.resolve("releases/v1/big"), new byte[5000]);
        Files.createDirectories(root.resolve("layers/a"));
        Files.write(root.resolve("layers/a/layer.tar.gz"), new byte[3000]);
        long measured = AppStateCommands.totalBytes(run(COMMANDS.measure(List.of("releases/v1", "layers/a", "gone"))));
        assertThat(measured).as("a missing path counts nothing").isBetween(8000L, 8000L + 4 * 4096);
        assertThat(root.resolve("releases/v1")).exists();
        assertThat(AppStateCommands.totalBytes(run(COMMANDS.removeMeasured(List.of("releases/v1", "layers/a", "gone")))))
                .isEqualTo(measured);
        assertThat(root.resolve("releases/v1")).doesNotExist();
        assertThat(root.resolve("layers/a")).doesNotExist();
    }

    @Test
    void theTotalIsTheLastLineOfWhatDuPrinted() {
        assertThat(AppStateCommands.totalBytes("5000\treleases/v1\n3000\tlayers/a\n8000\ttotal\n")).isEqualTo(8000);
        assertThat(AppStateCommands.totalBytes("")).isZero();
        assertThat(AppStateCommands.totalBytes("du: cannot read\n")).isZero();
    }

    @Test
    void everyLineIsValidShell() throws Exception {
        for (String line : List.of(COMMANDS.inventory(), COMMANDS.clearMaintenance(), COMMANDS.unitNames(),
                AppStateCommands.unitStates(List.of("shop.web@4000.service")), COMMANDS.measure(List.of("releases/a b")))) {
            Process check = new ProcessBuilder("bash", "-n", "-c", line).redirectErrorStream(true).start();
            String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(check.waitFor()).as(line + "\n" + out).isZero();
        }
    }

    private void release(String version, String layers) throws IOException {
        Path dir = Files.createDirectories(root.resolve("releases/" + version));
        Files.writeString(dir.resolve(DeployCommands.COMPLETE_MARKER), layers.replace(' ', '\n') + "\n");
        Files.setLastModifiedTime(dir, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
    }

    /** Runs a command with the app's root pointing at the temporary directory. */
    private String run(String line) throws Exception {
        String local = line.replace(Shell.quote(LAYOUT.root()), Shell.quote(root.toString()));
        assertThat(local).as("the command names the app's root").isNotEqualTo(line);
        Process process = new ProcessBuilder("bash", "-c", local).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(out).isZero();
        return out;
    }
}
