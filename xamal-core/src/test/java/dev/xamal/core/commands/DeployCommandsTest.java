package dev.xamal.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployCommandsTest {
    private final DeployCommands asDeploy = new DeployCommands(new AppLayout("shop.staging"), false);
    private final DeployCommands asRoot = new DeployCommands(new AppLayout("shop"), true);

    @Test
    void linksMoveAtomicallyThroughATemporaryLink() {
        assertThat(asDeploy.linkSlot(4001, "abc123")).isEqualTo(
                "ln -sfn ../releases/abc123 /opt/xamal/shop.staging/slots/4001.new"
                        + " && mv -T /opt/xamal/shop.staging/slots/4001.new /opt/xamal/shop.staging/slots/4001");
        assertThat(asDeploy.linkCurrent("abc123")).isEqualTo(
                "ln -sfn releases/abc123 /opt/xamal/shop.staging/current.new"
                        + " && mv -T /opt/xamal/shop.staging/current.new /opt/xamal/shop.staging/current");
        assertThat(asDeploy.linkSlot("worker", "abc123")).endsWith("/opt/xamal/shop.staging/slots/worker");
    }

    @Test
    void activePortIsWrittenToATemporaryFileAndRenamed() {
        assertThat(asDeploy.writeActivePort(4001)).isEqualTo("printf '%s\\n' 4001 > '/opt/xamal/shop.staging/active_port.new'"
                + " && mv -f /opt/xamal/shop.staging/active_port.new /opt/xamal/shop.staging/active_port");
    }

    @Test
    void rootCommandsUseSudoUnlessTheUserIsRootAndNameTheUnitExactly() {
        assertThat(asDeploy.systemctl(UnitCommands.Verb.START, "shop.staging.web@4001.service"))
                .isEqualTo("sudo -n /usr/bin/systemctl start shop.staging.web@4001.service");
        assertThat(asRoot.systemctl(UnitCommands.Verb.STOP, "shop.web@4000.service"))
                .isEqualTo("/usr/bin/systemctl stop shop.web@4000.service");
        assertThat(asDeploy.journalTail("shop.staging.web@4001.service"))
                .startsWith("sudo -n /usr/bin/journalctl --no-pager -n ").endsWith(" -u shop.staging.web@4001.service");
    }

    @Test
    void aSwitchIsRecordedInOneCommandThatStopsAtTheFirstFailingStep() {
        assertThat(asDeploy.recordSwitch("shop.staging.web@4001.service", "v1", OptionalInt.of(4001), "t\th\tdeploy"))
                .isEqualTo("{ " + asDeploy.enablement(UnitCommands.Verb.ENABLE, "shop.staging.web@4001.service") + "; }"
                        + " && { " + asDeploy.linkCurrent("v1") + "; }"
                        + " && { " + asDeploy.writeActivePort(4001) + "; }"
                        + " && { " + asDeploy.appendHistory("t\th\tdeploy") + "; }"
                        + " && { " + asDeploy.reloadInBackground() + "; }");
        assertThat(asDeploy.recordSwitch("shop.staging.worker.service", "v1", OptionalInt.empty(), "line"))
                .as("a role without proxy has no active port")
                .isEqualTo("{ " + asDeploy.enablement(UnitCommands.Verb.ENABLE, "shop.staging.worker.service") + "; }"
                        + " && { " + asDeploy.linkCurrent("v1") + "; }"
                        + " && { " + asDeploy.appendHistory("line") + "; }"
                        + " && { " + asDeploy.reloadInBackground() + "; }");
    }

    @Test
    void recordingASwitchRunsEveryStepInOrderAndStopsAtAFailure(@TempDir Path root) throws Exception {
        assertThat(statusIn(root, switchWith("true", "v1", 4001, "h1"))).isZero();
        assertThat(Files.readSymbolicLink(root.resolve("current"))).hasToString("releases/v1");
        assertThat(Files.readString(root.resolve("active_port"))).isEqualTo("4001\n");
        assertThat(Files.readString(root.resolve("history"))).isEqualTo("h1\n");

        assertThat(statusIn(root, switchWith("false", "v2", 4000, "h2"))).as("enabling the unit failed").isNotZero();
        assertThat(Files.readSymbolicLink(root.resolve("current"))).hasToString("releases/v1");
        assertThat(Files.readString(root.resolve("active_port"))).isEqualTo("4001\n");
        assertThat(Files.readString(root.resolve("history"))).isEqualTo("h1\n");
    }

    @Test
    void enablingSkipsSystemdsReloadAndFallsBackToThePlainFormWhereSudoRefusesIt(@TempDir Path root) throws Exception {
        String noReload = UnitCommands.systemctlWithoutReload(UnitCommands.Verb.ENABLE, "u").line(false);
        String plain = UnitCommands.systemctl(UnitCommands.Verb.ENABLE, "u").line(false);
        assertThat(noReload).isEqualTo("sudo -n " + UnitCommands.SYSTEMCTL + " enable --no-reload u");
        String line = asDeploy.enablement(UnitCommands.Verb.ENABLE, "u");
        assertThat(line).isEqualTo(noReload + " 2>/dev/null || " + plain);
        assertThat(statusIn(root, line.replace(noReload, "true").replace(plain, "false"))).isZero();
        assertThat(statusIn(root, line.replace(noReload, "false").replace(plain, "true"))).as("older sudoers").isZero();
        assertThat(statusIn(root, line.replace(noReload, "false").replace(plain, "false"))).isNotZero();
    }

    @Test
    void systemdsReloadRunsDetachedAndTheCommandGoesOnWithoutWaitingForIt(@TempDir Path root) throws Exception {
        String reload = UnitCommands.daemonReload().line(false);
        String line = asDeploy.reloadInBackground();
        assertThat(line).contains(reload);
        Path done = root.resolve("done");
        // The reload replaced by one that runs until the test lets it go (10 s at most).
        String standIn = "sh -c 'i=0; while [ ! -e " + root.resolve("go") + " ] && [ $i -lt 200 ]; do sleep 0.05;"
                + " i=$((i+1)); done; echo late; touch " + done + "'";
        Process command = startIn(root, line.replace(reload, standIn) + " && echo went-on");
        // Read to the end of its output, as an SSH channel does: a reload holding it open would block here.
        String out = new String(command.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(command.waitFor()).isZero();
        assertThat(out).isEqualTo("went-on\n");
        assertThat(done).as("the command ended while the reload still ran").doesNotExist();
        Files.writeString(root.resolve("go"), "");
        awaitFile(done);
    }

    private static void awaitFile(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(file) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(file).exists();
    }

    /**
     * A switch's record with {@code systemctl enable} replaced by {@code enable} ({@code true} or
     * {@code false}) and the background reload by {@code true} (never systemd's of this machine).
     */
    private String switchWith(String enable, String version, int port, String history) {
        String line = asRoot.recordSwitch("u", version, OptionalInt.of(port), history)
                .replace(asRoot.enablement(UnitCommands.Verb.ENABLE, "u"), enable)
                .replace(asRoot.reloadInBackground(), "true");
        assertThat(line).startsWith("{ " + enable + "; } && ");
        return line;
    }

    @Test
    void theDeliveryStateIsOneCommandWhosePartsAreWhatEachQueryPrints(@TempDir Path root) throws Exception {
        AppLayout layout = new AppLayout("shop");
        Files.createDirectories(root.resolve("layers/aaa"));
        Files.writeString(root.resolve("layers/aaa/" + DeployCommands.COMPLETE_MARKER), "");
        Files.createDirectories(root.resolve("layers/bbb")); // uploaded in part: not complete

        DeliveryState before = DeliveryState.parse(runIn(root, asRoot.deliveryState("v1", List.of("aaa", "bbb"))));
        assertThat(before.uname()).isEqualTo(runIn(root, DeployCommands.uname())).isNotBlank();
        assertThat(before.marker()).isEmpty();
        assertThat(before.completeLayers()).containsExactly("aaa");
        assertThat(before.runningVersion()).as("before the first switch").isEmpty();
        assertThat(before.activePort()).isEmpty();

        Files.createSymbolicLink(root.resolve("current"), Path.of("releases/v0"));
        Files.writeString(root.resolve("active_port"), "4001\n");
        Path marker = Path.of(layout.releaseComplete("v1").replace(layout.root(), root.toString()));
        Files.createDirectories(marker.getParent());
        Files.writeString(marker, DeployCommands.markerContent(List.of("aaa", "bbb")));
        DeliveryState after = DeliveryState.parse(runIn(root, asRoot.deliveryState("v1", List.of("aaa", "bbb"))));
        assertThat(after.marker()).isEqualTo(DeployCommands.markerContent(List.of("aaa", "bbb")));
        assertThat(after.completeLayers()).containsExactly("aaa");
        assertThat(after.current()).isEqualTo(runIn(root, asRoot.readCurrent()));
        assertThat(after.runningVersion()).isEqualTo("v0");
        assertThat(after.activePort()).isEqualTo(runIn(root, asRoot.readActivePort())).isEqualTo("4001\n");
    }

    @Test
    void aLayerIsMarkedCompleteOnlyWhenItsFileHasTheDigestItWasSentUnder(@TempDir Path root) throws Exception {
        byte[] content = "layer bytes".getBytes(StandardCharsets.UTF_8);
        String digest = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        String other = "d".repeat(64); // what a layer file changed after the build is still named by
        for (String sha : List.of(digest, other)) {
            Files.createDirectories(root.resolve("layers/" + sha));
            Files.write(root.resolve("layers/" + sha + "/" + DeployCommands.LAYER_FILE), content);
        }
        assertThat(statusIn(root, asRoot.completeLayer(digest))).isZero();
        assertThat(root.resolve("layers/" + digest + "/" + DeployCommands.COMPLETE_MARKER)).exists();
        assertThat(statusIn(root, asRoot.completeLayer(other))).isNotZero();
        assertThat(root.resolve("layers/" + other + "/" + DeployCommands.COMPLETE_MARKER)).doesNotExist();
    }

    @Test
    void assemblyExtractsEachLayerOnceAndHardLinksItsReadOnlyFilesIntoEveryRelease(@TempDir Path root,
                                                                                  @TempDir Path source) throws Exception {
        layer(root, source, "aaa", "runtime/lib/modules", "the runtime\n");
        layer(root, source, "bbb", "bin/shop", "#!/bin/sh\n");
        String release = "service=shop\n";
        Files.writeString(source.resolve("bbb/RELEASE"), release);
        runIn(source, "tar -czf " + root.resolve("layers/bbb/layer.tar.gz") + " -C " + source.resolve("bbb") + " .");

        runIn(root, asRoot.assemble("v1", List.of("aaa", "bbb"), release, "shop"));
        // The layers' archives are gone: v2 can only come from the trees extracted for v1.
        Files.delete(root.resolve("layers/aaa/layer.tar.gz"));
        Files.delete(root.resolve("layers/bbb/layer.tar.gz"));
        runIn(root, asRoot.assemble("v2", List.of("aaa", "bbb"), release, "shop"));

        Path tree = root.resolve("layers/aaa/tree/runtime/lib/modules");
        for (String version : List.of("v1", "v2")) {
            Path modules = root.resolve("releases/" + version + "/runtime/lib/modules");
            assertThat(Files.readString(modules)).isEqualTo("the runtime\n");
            assertThat(Files.getAttribute(modules, "unix:ino")).as("%s hard-links the tree", version)
                    .isEqualTo(Files.getAttribute(tree, "unix:ino"));
            assertThat(Files.isExecutable(root.resolve("releases/" + version + "/bin/shop"))).isTrue();
            assertThat(Files.readString(root.resolve("releases/" + version + "/" + DeployCommands.COMPLETE_MARKER)))
                    .isEqualTo("aaa\nbbb\n");
        }
        assertThat(Files.getPosixFilePermissions(tree)).as("the cached files are read-only")
                .noneMatch(permission -> permission.name().endsWith("WRITE"));
        assertThat(root.resolve("layers/aaa/tree.extracting")).doesNotExist();
        assertThat(root.resolve("releases/v2.assembling")).doesNotExist();
    }

    /** A layer archive holding one file, in the cache of {@code root}. */
    private static void layer(Path root, Path source, String sha, String file, String content) throws Exception {
        Path target = source.resolve(sha).resolve(file);
        Files.createDirectories(target.getParent());
        Files.writeString(target, content);
        if (file.startsWith("bin/")) {
            target.toFile().setExecutable(true);
        }
        Files.createDirectories(root.resolve("layers").resolve(sha));
        runIn(source, "tar -czf " + root.resolve("layers").resolve(sha).resolve("layer.tar.gz") + " -C "
                + source.resolve(sha) + " .");
    }

    /** Runs a command line with the app's directory moved to {@code root}; its standard output. */
    private static String runIn(Path root, String line) throws Exception {
        Process process = startIn(root, line);
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(line).isZero();
        return out;
    }

    /** Runs a command line with the app's directory moved to {@code root}; its exit status. */
    private static int statusIn(Path root, String line) throws Exception {
        return startIn(root, line).waitFor();
    }

    private static Process startIn(Path root, String line) throws Exception {
        String moved = line.replace(AppLayout.BASE + "/shop", root.toString());
        assertThat(moved).doesNotContain(AppLayout.BASE);
        return new ProcessBuilder("sh", "-c", moved).redirectErrorStream(false).start();
    }

    @Test
    void aSlotStartsInOneCommandWhoseStandardInputIsTheEnvFileAndNothingElse(@TempDir Path root) throws Exception {
        for (String dir : List.of("slots", "env", "releases/v2")) {
            Files.createDirectories(root.resolve(dir));
        }
        Files.writeString(root.resolve("env/.web-4001.env.xamal-0a0b0c0d0e0f.part"), "left by an interrupted write");
        String unit = "shop.web@4001.service";
        String serving = "shop.web@4000.service";
        byte[] env = "TOKEN=t0k3n\n".getBytes(StandardCharsets.UTF_8);
        VerifiedWrite write = VerifiedWrite.of(asRoot.layout().envFile("web", 4001), 0600, env, new byte[] {1, 2, 3, 4, 5, 6});
        // systemd's parts replaced by stand-ins that would swallow standard input if they got it.
        String line = asRoot.startSlot(unit, 4001, "v2", write, Optional.of(serving))
                .replace(DeployCommands.unitState(unit), "cat > " + root.resolve("state-read") + "; printf 'ActiveState=active'")
                .replace(DeployCommands.unitState(serving), "printf 'ActiveState=active SubState=running'")
                .replace(asRoot.systemctl(UnitCommands.Verb.STOP, unit), "cat > " + root.resolve("stop-read") + "; echo stopped")
                .replace(asRoot.systemctl(UnitCommands.Verb.START, unit), "cat > " + root.resolve("start-read") + "; echo started");
        Process process = startIn(root, line);
        process.getOutputStream().write(env);
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(out).isZero();

        assertThat(out).isEqualTo("ActiveState=active\nstopped\n" + DeployCommands.SERVING_SEPARATOR
                + "\nActiveState=active SubState=running\nstarted\n");
        assertThat(Files.readString(root.resolve("env/web-4001.env"))).isEqualTo("TOKEN=t0k3n\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("env/web-4001.env"))))
                .isEqualTo("rw-------");
        assertThat(Files.readSymbolicLink(root.resolve("slots/4001"))).hasToString("../releases/v2");
        try (var files = Files.list(root.resolve("env"))) {
            assertThat(files.map(f -> f.getFileName().toString())).as("no temporary file left").containsExactly("web-4001.env");
        }
        for (String stage : List.of("state-read", "stop-read", "start-read")) {
            assertThat(Files.readString(root.resolve(stage))).as(stage).isEmpty();
        }

        String idle = asRoot.startSlot(unit, 4001, "v2", write, Optional.empty())
                .replace(DeployCommands.unitState(unit), "printf 'ActiveState=inactive'")
                .replace(asRoot.systemctl(UnitCommands.Verb.STOP, unit), "echo stopped")
                .replace(asRoot.systemctl(UnitCommands.Verb.START, unit), "echo started");
        Process second = startIn(root, idle);
        second.getOutputStream().write(env);
        second.getOutputStream().close();
        assertThat(new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .as("nothing stopped on an idle port; no serving unit")
                .isEqualTo("ActiveState=inactive\n" + DeployCommands.SERVING_SEPARATOR + "\nstarted\n");
        assertThat(second.waitFor()).isZero();
    }

    @Test
    void historyLinesAreQuotedSoNothingInThemRunsOnTheHost() {
        assertThat(asDeploy.appendHistory("t\th\tweb\t4000\tv'1$(x)\tdeploy")).isEqualTo(
                "printf '%s\\n' 't\th\tweb\t4000\tv'\\''1$(x)\tdeploy' >> '/opt/xamal/shop.staging/history'");
    }

    @Test
    void preparingALayerRemovesWhatACutOffUploadOfItLeftButNeverTheLayerOrItsMarker() {
        assertThat(asDeploy.prepareLayer("aaa")).isEqualTo("mkdir -p /opt/xamal/shop.staging/layers/aaa"
                + " && rm -f -- '/opt/xamal/shop.staging/layers/aaa'/.layer.tar.gz.xamal-*.part");
    }

    @Test
    void aFailedAssemblyRemovesItsScratchDirectory() {
        String line = asDeploy.assemble("v1", List.of("aaa"), "service=shop\n", "shop");
        assertThat(line).contains("trap 'rm -rf '\\''/opt/xamal/shop.staging/releases/v1.assembling'\\''' EXIT")
                .doesNotContain("trap 'rm -rf '\\''/opt/xamal/shop.staging/releases/v1'\\''' EXIT");
    }

    @Test
    void assemblyWorksInAScratchDirectoryAndMovesTheCompleteReleaseIntoPlace() {
        String line = asDeploy.assemble("v1", List.of("aaa", "bbb"), "service=shop\n", "shop");
        assertThat(line).startsWith("set -e; trap 'rm -rf '\\''/opt/xamal/shop.staging/releases/v1.assembling'\\''' EXIT;"
                + " rm -rf '/opt/xamal/shop.staging/releases/v1.assembling'");
        assertThat(line).containsSubsequence(
                "[ -d '/opt/xamal/shop.staging/layers/aaa/tree' ] || {",
                "tar -xzf '/opt/xamal/shop.staging/layers/aaa/layer.tar.gz' -C '/opt/xamal/shop.staging/layers/aaa/tree.extracting'",
                "mv -T '/opt/xamal/shop.staging/layers/aaa/tree.extracting' '/opt/xamal/shop.staging/layers/aaa/tree'",
                "cp -al '/opt/xamal/shop.staging/layers/aaa/tree'/. '/opt/xamal/shop.staging/releases/v1.assembling'",
                "tar -xzf '/opt/xamal/shop.staging/layers/bbb/layer.tar.gz'",
                "cp -al '/opt/xamal/shop.staging/layers/bbb/tree'/. '/opt/xamal/shop.staging/releases/v1.assembling'",
                "cmp -s - '/opt/xamal/shop.staging/releases/v1.assembling/RELEASE'",
                "test -x '/opt/xamal/shop.staging/releases/v1.assembling/bin/shop'",
                "> '/opt/xamal/shop.staging/releases/v1.assembling/.xamal-complete'",
                "mv -T '/opt/xamal/shop.staging/releases/v1.assembling' '/opt/xamal/shop.staging/releases/v1'");
        assertThat(DeployCommands.markerContent(List.of("aaa", "bbb"))).isEqualTo("aaa\nbbb\n");
    }

    @Test
    void theProbePrintsTheBodyThenTheStatus() {
        assertThat(DeployCommands.probe("http://127.0.0.1:4001/up", 5))
                .isEqualTo("curl -s --max-time 5 -w '\\n%{http_code}' http://127.0.0.1:4001/up");
    }

    @Test
    void aStopThatReportsItsResultStopsThenOptionallyDisablesThenAsksSystemdHowItEnded() {
        String unit = "shop.web@4000.service";
        assertThat(asRoot.stopReportingResult(unit, true)).isEqualTo(asRoot.systemctl(UnitCommands.Verb.STOP, unit)
                + " && { " + asRoot.enablement(UnitCommands.Verb.DISABLE, unit) + "; } && " + DeployCommands.stopResult(unit));
        assertThat(asRoot.stopReportingResult(unit, false))
                .isEqualTo(asRoot.systemctl(UnitCommands.Verb.STOP, unit) + " && " + DeployCommands.stopResult(unit));
    }
}
