package dev.xamal.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
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
        assertThat(asDeploy.recordSwitch("v1", OptionalInt.of(4001), "t\th\tdeploy"))
                .isEqualTo("{ " + asDeploy.linkCurrent("v1") + "; }"
                        + " && { " + asDeploy.writeActivePort(4001) + "; }"
                        + " && { " + asDeploy.appendHistory("t\th\tdeploy") + "; }");
        assertThat(asDeploy.recordSwitch("v1", OptionalInt.empty(), "line"))
                .as("a role without proxy has no active port")
                .isEqualTo("{ " + asDeploy.linkCurrent("v1") + "; }"
                        + " && { " + asDeploy.appendHistory("line") + "; }");
        assertThat(asDeploy.recordSwitch("v1", OptionalInt.of(4001), "x"))
                .as("no systemctl: the unit was enabled as it started, and systemd is not reloaded")
                .doesNotContain("systemctl");
    }

    @Test
    void recordingASwitchRunsEveryStepInOrderAndStopsAtAFailure(@TempDir Path root) throws Exception {
        assertThat(statusIn(root, asRoot.recordSwitch("v1", OptionalInt.of(4001), "h1"))).isZero();
        assertThat(Files.readSymbolicLink(root.resolve("current"))).hasToString("releases/v1");
        assertThat(Files.readString(root.resolve("active_port"))).isEqualTo("4001\n");
        assertThat(Files.readString(root.resolve("history"))).isEqualTo("h1\n");

        // The active port's temporary file cannot be written: current moved (the step before), no history line.
        Files.createDirectories(root.resolve("active_port.new/in-the-way"));
        assertThat(statusIn(root, asRoot.recordSwitch("v2", OptionalInt.of(4000), "h2"))).isNotZero();
        assertThat(Files.readSymbolicLink(root.resolve("current"))).hasToString("releases/v2");
        assertThat(Files.readString(root.resolve("active_port"))).isEqualTo("4001\n");
        assertThat(Files.readString(root.resolve("history"))).isEqualTo("h1\n");
    }

    @Test
    void aPlainUnitIsEnabledBeforeItRestartsAndNotRestartedWhenTheEnableFails(@TempDir Path root) throws Exception {
        String unit = "shop.worker.service";
        String line = asDeploy.restartEnabled(unit);
        String enable = asDeploy.enablement(UnitCommands.Verb.ENABLE, unit);
        String restart = asDeploy.systemctl(UnitCommands.Verb.RESTART, unit);
        assertThat(line).isEqualTo("{ " + enable + "; } && " + restart);
        Path order = root.resolve("order");
        assertThat(statusIn(root, line.replace(enable, "echo enable >> " + order)
                .replace(restart, "echo restart >> " + order))).isZero();
        assertThat(Files.readString(order)).isEqualTo("enable\nrestart\n");
        assertThat(statusIn(root, line.replace(enable, "false").replace(restart, "echo restart >> " + order)))
                .isNotZero();
        assertThat(Files.readString(order)).as("not restarted").isEqualTo("enable\nrestart\n");
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
        assertThat(after.slots()).isEqualTo(runIn(root, asRoot.activePortAndMaintenance()));

        Files.writeString(root.resolve("maintenance"), "reason=upgrade\n");
        DeliveryState maintained = DeliveryState.parse(runIn(root, asRoot.deliveryState("v1", List.of("aaa", "bbb"))));
        assertThat(maintained.slots()).isEqualTo(runIn(root, asRoot.activePortAndMaintenance())).endsWith("reason=upgrade\n");
        assertThat(maintained.activePort()).isEqualTo("4001\n");
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
        // Marked already (by a delivery whose assembly then failed), in an upload's shell, which has noclobber on.
        assertThat(statusIn(root, "set -C; " + asRoot.completeLayer(digest))).isZero();
    }

    @Test
    void assemblyExtractsEachLayerOnceAndHardLinksItsReadOnlyFilesIntoEveryRelease(@TempDir Path root,
                                                                                  @TempDir Path source) throws Exception {
        layer(root, source, "aaa", "runtime/lib/modules", "the runtime\n");
        layer(root, source, "bbb", "bin/shop", "#!/bin/sh\n");
        String release = "service=shop\n";
        Files.writeString(source.resolve("bbb/RELEASE"), release);
        runIn(source, "tar -czf " + root.resolve("layers/bbb/layer.tar.gz") + " -C " + source.resolve("bbb") + " .");

        // What an interrupted assembly of v1 left, and a leftover v1 without its marker: both replaced.
        Files.createDirectories(root.resolve("releases/v1.assembling/half"));
        Files.createDirectories(root.resolve("releases/v1/stale"));
        runIn(root, asRoot.assemble("v1", List.of("aaa", "bbb"), release, "shop"));
        assertThat(root.resolve("releases/v1/stale")).doesNotExist();
        assertThat(root.resolve("releases/v1.assembling")).doesNotExist();
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

    @Test
    void assemblyRefusesAReleaseFileThatIsNotByteForByteTheBuiltOneAndLeavesNoRelease(@TempDir Path root,
                                                                                      @TempDir Path source) throws Exception {
        layer(root, source, "aaa", "runtime/lib/modules", "the runtime\n");
        layer(root, source, "bbb", "bin/shop", "#!/bin/sh\n");
        Files.writeString(source.resolve("bbb/RELEASE"), "service=shop\nversion=v1\n");
        runIn(source, "tar -czf " + root.resolve("layers/bbb/layer.tar.gz") + " -C " + source.resolve("bbb") + " .");

        for (String built : List.of("service=shop\nversion=v1", "service=shop\nversion=v2\n", "service=shop\n")) {
            Process process = startIn(root, asRoot.assemble("v1", List.of("aaa", "bbb"), built, "shop"));
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor()).as(built).isNotZero();
            assertThat(err).as(built).contains("the assembled RELEASE differs from the built one");
            assertThat(root.resolve("releases/v1")).as(built).doesNotExist();
            assertThat(root.resolve("releases/v1.assembling")).as(built).doesNotExist();
        }
        runIn(root, asRoot.assemble("v1", List.of("aaa", "bbb"), "service=shop\nversion=v1\n", "shop"));
        assertThat(root.resolve("releases/v1/" + DeployCommands.COMPLETE_MARKER)).exists();
    }

    @Test
    void aRuntimeLayerGetsItsClassDataArchiveDumpedOnceAsItIsExtractedAndAFailedDumpLeavesNone(@TempDir Path root,
                                                                                             @TempDir Path source)
            throws Exception {
        String release = "service=shop\n";
        for (String sha : List.of("good", "fails")) {
            // A stand-in for the runtime's java: a dump writes the archive (the failing one only half of it).
            String java = "#!/bin/sh\n[ \"$1\" = -Xshare:dump ] || exit 2\n"
                    + "echo dumped >> \"$(dirname \"$0\")/../../dumps\"\n"
                    + "printf archive > \"$(dirname \"$0\")/../lib/server/classes.jsa\"\n"
                    + (sha.equals("fails") ? "exit 1\n" : "");
            Path bin = source.resolve(sha + "/runtime/bin");
            Files.createDirectories(bin);
            Files.createDirectories(source.resolve(sha + "/runtime/lib/server"));
            Files.writeString(bin.resolve("java"), java);
            assertThat(bin.resolve("java").toFile().setExecutable(true)).isTrue();
            Files.createDirectories(root.resolve("layers/" + sha));
            runIn(source, "tar -czf " + root.resolve("layers/" + sha + "/layer.tar.gz") + " -C " + source.resolve(sha) + " .");
        }
        layer(root, source, "app", "bin/shop", "#!/bin/sh\n");
        Files.writeString(source.resolve("app/RELEASE"), release);
        runIn(source, "tar -czf " + root.resolve("layers/app/layer.tar.gz") + " -C " + source.resolve("app") + " .");

        runIn(root, asRoot.assemble("v1", List.of("good", "app"), release, "shop"));
        runIn(root, asRoot.assemble("v2", List.of("good", "app"), release, "shop"));
        Path archive = root.resolve("layers/good/tree/runtime/lib/server/classes.jsa");
        assertThat(Files.readString(archive)).isEqualTo("archive");
        assertThat(Files.readString(root.resolve("layers/good/tree/dumps"))).as("dumped once, for both releases")
                .isEqualTo("dumped\n");
        assertThat(Files.getAttribute(root.resolve("releases/v2/runtime/lib/server/classes.jsa"), "unix:ino"))
                .isEqualTo(Files.getAttribute(archive, "unix:ino"));
        assertThat(Files.getPosixFilePermissions(archive)).noneMatch(permission -> permission.name().endsWith("WRITE"));

        runIn(root, asRoot.assemble("v3", List.of("fails", "app"), release, "shop"));
        assertThat(root.resolve("releases/v3/" + DeployCommands.COMPLETE_MARKER)).as("the release is whole").exists();
        assertThat(root.resolve("layers/fails/tree/runtime/lib/server/classes.jsa")).as("no half archive").doesNotExist();
        assertThat(root.resolve("releases/v3/runtime/lib/server/classes.jsa")).doesNotExist();
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
        String enable = asRoot.enableAndStart(unit);
        String line = asRoot.startSlot(unit, 4001, "v2", write, Optional.of(serving))
                .replace(UnitCommands.isActive(unit) + " " + serving, "cat > " + root.resolve("state-read")
                        + "; printf 'activating\\nactive\\n'")
                .replace(asRoot.systemctl(UnitCommands.Verb.STOP, unit), "cat > " + root.resolve("stop-read") + "; echo stopped")
                .replace(enable, "cat > " + root.resolve("start-read") + "; echo enabled and started");
        Process process = startIn(root, line);
        process.getOutputStream().write(env);
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(out).isZero();

        assertThat(out).as("both states from one systemctl; enabled after everything else, right before the start")
                .isEqualTo("ActiveState=activating\nstopped\n" + DeployCommands.SERVING_SEPARATOR
                        + "\nActiveState=active\nenabled and started\n");
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
                .replace(UnitCommands.isActive(unit), "echo inactive; exit 3")
                .replace(asRoot.systemctl(UnitCommands.Verb.STOP, unit), "echo stopped")
                .replace(enable, "echo enabled and started");
        Process second = startIn(root, idle);
        second.getOutputStream().write(env);
        second.getOutputStream().close();
        assertThat(new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .as("nothing stopped on an idle port; no serving unit")
                .isEqualTo("ActiveState=inactive\n" + DeployCommands.SERVING_SEPARATOR + "\nenabled and started\n");
        assertThat(second.waitFor()).isZero();
    }

    @Test
    void theHealthWaitFollowsASuccessfulStartInTheSameCommandAndAFailedStartEndsItBeforeAnyProbe(@TempDir Path root)
            throws Exception {
        for (String dir : List.of("slots", "env", "releases/v2")) {
            Files.createDirectories(root.resolve(dir));
        }
        String unit = "shop.web@4001.service";
        byte[] env = "TOKEN=t0k3n\n".getBytes(StandardCharsets.UTF_8);
        VerifiedWrite write = VerifiedWrite.of(asRoot.layout().envFile("web", 4001), 0600, env, new byte[] {1, 2, 3, 4, 5, 6});
        String enable = asRoot.enableAndStart(unit);
        String start = asRoot.startSlot(unit, 4001, "v2", write, Optional.empty())
                .replace(UnitCommands.isActive(unit), "echo inactive; exit 3");
        // The health wait's stand-in shows whether it got any of the standard input.
        String healthy = "cat > " + root.resolve("wait-read") + "; echo probe 200; echo " + DeployCommands.HEALTH_RESULT
                + " " + DeployCommands.HEALTHY;

        Process started = startIn(root, DeployCommands.startThenAwaitHealthy(
                start.replace(enable, "echo enabled and started"), healthy));
        started.getOutputStream().write(env);
        started.getOutputStream().close();
        String out = new String(started.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(started.waitFor()).as(out).isZero();
        assertThat(out).isEqualTo("ActiveState=inactive\n" + DeployCommands.SERVING_SEPARATOR + "\nenabled and started\n"
                + DeployCommands.STARTED + "\nprobe 200\n" + DeployCommands.HEALTH_RESULT + " " + DeployCommands.HEALTHY
                + "\n");
        assertThat(Files.readString(root.resolve("env/web-4001.env"))).isEqualTo("TOKEN=t0k3n\n");
        assertThat(Files.readString(root.resolve("wait-read"))).as("the wait reads no standard input").isEmpty();

        Files.delete(root.resolve("wait-read"));
        Process failed = startIn(root, DeployCommands.startThenAwaitHealthy(
                start.replace(enable, "echo start refused; exit 5"), healthy));
        failed.getOutputStream().write(env);
        failed.getOutputStream().close();
        String failedOut = new String(failed.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(failed.waitFor()).as("the start's exit status").isEqualTo(5);
        assertThat(failedOut).as("no started line, no probe").isEqualTo("ActiveState=inactive\n"
                + DeployCommands.SERVING_SEPARATOR + "\nstart refused\n");
        assertThat(root.resolve("wait-read")).as("the wait never ran").doesNotExist();
    }

    @Test
    void historyLinesAreQuotedSoNothingInThemRunsOnTheHost() {
        assertThat(asDeploy.appendHistory("t\th\tweb\t4000\tv'1$(x)\tdeploy")).isEqualTo(
                "printf '%s\\n' 't\th\tweb\t4000\tv'\\''1$(x)\tdeploy' >> '/opt/xamal/shop.staging/history'");
    }

    @Test
    void preparingALayerRemovesWhatACutOffUploadOfItLeftButNeverTheLayerOrItsMarker() {
        assertThat(asDeploy.prepareLayer("aaa")).isEqualTo("mkdir -p /opt/xamal/shop.staging/layers/aaa && { "
                + VerifiedWrite.removeLeftovers("/opt/xamal/shop.staging/layers/aaa/layer.tar.gz") + "; }");
    }

    @Test
    void preparingALayerOnTheHostKeepsItsFileAndMarkerAndStartsRmOnlyForLeftovers(@TempDir Path root) throws Exception {
        Path dir = Files.createDirectories(root.resolve("layers/aaa"));
        Files.writeString(dir.resolve(DeployCommands.LAYER_FILE), "layer");
        Files.writeString(dir.resolve(DeployCommands.COMPLETE_MARKER), "");
        Files.writeString(dir.resolve(".layer.tar.gz.xamal-0a1b2c.part"), "cut off");
        runIn(root, asRoot.prepareLayer("aaa"));
        assertThat(dir.resolve(".layer.tar.gz.xamal-0a1b2c.part")).doesNotExist();
        assertThat(dir.resolve(DeployCommands.LAYER_FILE)).exists();
        assertThat(dir.resolve(DeployCommands.COMPLETE_MARKER)).exists();
        assertThat(runWithStandIns(root, asRoot.prepareLayer("bbb"), java.util.Map.of("rm -f", "rm"), ""))
                .as("nothing to remove: no rm").isEqualTo("exit 0");
        assertThat(root.resolve("layers/bbb")).isDirectory();
    }

    @Test
    void aFailedAssemblyRemovesItsScratchDirectory() {
        String line = asDeploy.assemble("v1", List.of("aaa"), "service=shop\n", "shop");
        assertThat(line).contains("trap '{ [ ! -e '\\''/opt/xamal/shop.staging/releases/v1.assembling'\\'' ]")
                .contains("|| rm -rf '\\''/opt/xamal/shop.staging/releases/v1.assembling'\\''; }' EXIT")
                .doesNotContain("rm -rf '\\''/opt/xamal/shop.staging/releases/v1'\\''; }' EXIT");
    }

    @Test
    void assemblyWorksInAScratchDirectoryAndMovesTheCompleteReleaseIntoPlace() {
        String line = asDeploy.assemble("v1", List.of("aaa", "bbb"), "service=shop\n", "shop");
        assertThat(line).startsWith("set -e; trap '{ [ ! -e '\\''/opt/xamal/shop.staging/releases/v1.assembling'\\'' ]")
                .contains("' EXIT; { [ ! -e '/opt/xamal/shop.staging/releases/v1.assembling' ] && [ ! -L "
                + "'/opt/xamal/shop.staging/releases/v1.assembling' ] || rm -rf '/opt/xamal/shop.staging/releases/v1.assembling'; }");
        assertThat(line).containsSubsequence(
                "[ -d '/opt/xamal/shop.staging/layers/aaa/tree' ] || {",
                "tar -xzf '/opt/xamal/shop.staging/layers/aaa/layer.tar.gz' -C '/opt/xamal/shop.staging/layers/aaa/tree.extracting'",
                "mv -T '/opt/xamal/shop.staging/layers/aaa/tree.extracting' '/opt/xamal/shop.staging/layers/aaa/tree'",
                "tar -xzf '/opt/xamal/shop.staging/layers/bbb/layer.tar.gz'",
                "cp -al '/opt/xamal/shop.staging/layers/aaa/tree'/. '/opt/xamal/shop.staging/layers/bbb/tree'/. "
                        + "'/opt/xamal/shop.staging/releases/v1.assembling'",
                "done < '/opt/xamal/shop.staging/releases/v1.assembling/RELEASE'; fi; r=\"$r$l\"; [ \"$r\" = 'service=shop\n' ]",
                "test -x '/opt/xamal/shop.staging/releases/v1.assembling/bin/shop'",
                "> '/opt/xamal/shop.staging/releases/v1.assembling/.xamal-complete'",
                "mv -T '/opt/xamal/shop.staging/releases/v1.assembling' '/opt/xamal/shop.staging/releases/v1'");
        assertThat(DeployCommands.markerContent(List.of("aaa", "bbb"))).isEqualTo("aaa\nbbb\n");
    }

    @Test
    void theProbePrintsTheBodyThenTheStatus() {
        assertThat(DeployCommands.probe("http://127.0.0.1:4001/up", 5))
                .isEqualTo(HttpRequest.get("http://127.0.0.1:4001/up", 5))
                .endsWith("else curl -s --max-time 5 -w '\\n%{http_code}' http://127.0.0.1:4001/up; fi");
    }

    /**
     * Runs the health wait with its request and systemctl replaced by stand-ins: the probe prints the
     * next of {@code answers} (the last one repeats), the state the next of {@code states}; each
     * stand-in appends a line to its own file per run.
     */
    private String awaitHealthyWith(Path root, List<String> answers, List<String> states, Duration interval,
                                    Duration deadline) throws Exception {
        return awaitHealthyWith(root, answers, states, interval, deadline, "true");
    }

    /** {@link #awaitHealthyWith} with {@code listening} standing in for the check that something listens on the port. */
    private String awaitHealthyWith(Path root, List<String> answers, List<String> states, Duration interval,
                                    Duration deadline, String listening) throws Exception {
        String url = "http://127.0.0.1:4001/up";
        String unit = "shop.web@4001.service";
        Files.write(root.resolve("answers"), answers);
        Files.write(root.resolve("states"), states);
        String probe = nextAnswer(root.resolve("probes"), root.resolve("answers"));
        String state = nextAnswer(root.resolve("reads"), root.resolve("states"));
        String line = DeployCommands.awaitHealthy(url, 4001, 5, unit, interval, deadline);
        assertThat(line).contains(DeployCommands.probe(url, 5)).contains(DeployCommands.unitStateAndMainPid(unit))
                .contains(DeployCommands.listening(4001));
        Process process = startIn(root, line.replace(DeployCommands.probe(url, 5), probe)
                .replace(DeployCommands.unitStateAndMainPid(unit), state)
                .replace(DeployCommands.listening(4001), listening));
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(out).isZero();
        return out;
    }

    /** A command that counts its calls in {@code calls} and prints the matching line of {@code answers} (the last once they run out). */
    private static String nextAnswer(Path calls, Path answers) {
        return "n=$(wc -l < " + calls + " 2>/dev/null || echo 0); echo x >> " + calls + "; a=$(sed -n \"$((n + 1))p\" "
                + answers + "); [ -n \"$a\" ] || a=$(tail -1 " + answers + "); printf '%b' \"$a\"";
    }

    private static long linesOf(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file).size() : 0;
    }

    @Test
    void theHealthWaitProbesOnTheHostUntilA2xxAndReadsTheStateOnlyAfterProbesThatFailed(@TempDir Path root)
            throws Exception {
        String alive = "ActiveState=activating\\nSubState=start\\nNRestarts=0";
        String out = awaitHealthyWith(root, List.of("\\n000", "starting\\n503", "up\\nline two\\n200"),
                List.of(alive), Duration.ofMillis(50), Duration.ofSeconds(30));
        assertThat(out).isEqualTo("probe 000\nprobe 503\nprobe 200\n" + DeployCommands.HEALTH_RESULT + " "
                + DeployCommands.HEALTHY + "\n\n" + DeployCommands.STATE_SEPARATOR + "\nup\nline two\n200\n");
        assertThat(linesOf(root.resolve("probes"))).isEqualTo(3);
        assertThat(linesOf(root.resolve("reads"))).as("no state read after the 2xx").isEqualTo(2);
    }

    @Test
    void theHealthWaitReadsTheStateAgainOnlyOnceTheMainProcessItReadIsGone(@TempDir Path root) throws Exception {
        Process main = new ProcessBuilder("sleep", "60").start();
        try {
            String running = "ActiveState=activating\\nSubState=start\\nNRestarts=0\\nMainPID=" + main.pid();
            String out = awaitHealthyWith(root, List.of("\\n000", "\\n000", "\\n000", "\\n200"), List.of(running),
                    Duration.ofMillis(20), Duration.ofSeconds(30));
            assertThat(out).startsWith("probe 000\nprobe 000\nprobe 000\nprobe 200\n" + DeployCommands.HEALTH_RESULT
                    + " " + DeployCommands.HEALTHY + "\n" + DeployCommands.MAIN_PID + main.pid() + "\n"
                    + DeployCommands.STATE_SEPARATOR + "\n");
            assertThat(linesOf(root.resolve("reads"))).as("read once while its main process runs").isEqualTo(1);
        } finally {
            main.destroy();
            main.waitFor();
        }
        Path gone = Files.createDirectories(root.resolve("gone"));
        String ended = "ActiveState=activating\\nSubState=start\\nNRestarts=0\\nMainPID=" + main.pid();
        String dead = "ActiveState=failed\\nSubState=failed\\nNRestarts=0\\nMainPID=0";
        String out = awaitHealthyWith(gone, List.of("\\n000"), List.of(ended, dead), Duration.ofMillis(20),
                Duration.ofSeconds(30));
        assertThat(out).as("its main process gone: read again, and it died").contains(DeployCommands.HEALTH_RESULT + " "
                + DeployCommands.DIED + "\nActiveState=failed\n");
        assertThat(linesOf(gone.resolve("reads"))).isEqualTo(2);
    }

    @Test
    void theSecondLookAsksSystemdForTheStateOnlyOnceTheMainProcessTheHealthCheckReadIsGone(@TempDir Path root)
            throws Exception {
        String url = "http://127.0.0.1:4001/up";
        String unit = "shop.web@4001.service";
        Path reads = root.resolve("reads");
        String stateRead = "echo x >> " + reads + "; printf 'ActiveState=failed\\nSubState=failed\\nNRestarts=1\\n'";
        Process main = new ProcessBuilder("sleep", "60").start();
        long pid = main.pid();
        try {
            String look = DeployCommands.probeAndState(url, 5, unit, OptionalLong.of(pid));
            assertThat(look).contains(DeployCommands.probe(url, 5)).contains(DeployCommands.unitState(unit));
            String running = runLook(root, look, url, unit, stateRead);
            assertThat(running).isEqualTo("up\n200\n" + DeployCommands.STATE_SEPARATOR + "\n" + DeployCommands.MAIN_PID
                    + pid + "\n");
            assertThat(linesOf(reads)).as("no question to systemd while the process runs").isZero();
        } finally {
            main.destroy();
            main.waitFor();
        }
        String gone = runLook(root, DeployCommands.probeAndState(url, 5, unit, OptionalLong.of(pid)), url, unit,
                stateRead);
        assertThat(gone).isEqualTo("up\n200\n" + DeployCommands.STATE_SEPARATOR
                + "\nActiveState=failed\nSubState=failed\nNRestarts=1\n");
        assertThat(linesOf(reads)).as("its process gone: the state is read").isEqualTo(1);
        assertThat(DeployCommands.probeAndState(url, 5, unit, OptionalLong.empty()))
                .as("no process known: the state is always read").isEqualTo(DeployCommands.probeAndState(url, 5, unit));
    }

    /** Runs a second look with its probe answering {@code up} and 200 and {@code stateRead} standing in for systemctl. */
    private static String runLook(Path root, String look, String url, String unit, String stateRead) throws Exception {
        Process process = startIn(root, look.replace(DeployCommands.probe(url, 5), "printf 'up\\n200'")
                .replace(DeployCommands.unitState(unit), stateRead));
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(out).isZero();
        return out;
    }

    @Test
    void theHealthWaitMakesARequestOnlyOnceSomethingListensOnThePortOrWhenItCannotTell(@TempDir Path root)
            throws Exception {
        String alive = "ActiveState=activating\\nSubState=start\\nNRestarts=0";
        // Listening from the third check on: the first two probes are 000 without a request.
        Path checks = root.resolve("checks");
        String listensLater = "n=$(wc -l < " + checks + " 2>/dev/null || echo 0); echo x >> " + checks + "; [ \"$n\" -ge 2 ]";
        String out = awaitHealthyWith(root, List.of("up\\n200"), List.of(alive), Duration.ofMillis(20),
                Duration.ofSeconds(30), listensLater);
        assertThat(out).isEqualTo("probe 000\nprobe 000\nprobe 200\n" + DeployCommands.HEALTH_RESULT + " "
                + DeployCommands.HEALTHY + "\n\n" + DeployCommands.STATE_SEPARATOR + "\nup\n200\n");
        assertThat(linesOf(root.resolve("probes"))).as("a request only once something listened").isEqualTo(1);

        Path unknown = Files.createDirectories(root.resolve("unknown"));
        String cannotTell = awaitHealthyWith(unknown, List.of("up\\n200"), List.of(alive), Duration.ofMillis(20),
                Duration.ofSeconds(30), "false 2>/dev/null; (exit 2)");
        assertThat(cannotTell).as("tables unreadable: a request every time").startsWith("probe 200\n");
    }

    @Test
    void theListeningCheckFindsASocketThatListensOnThePortAndNoneOnceItIsClosed() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
            assertThat(new ProcessBuilder("sh", "-c", DeployCommands.listening(port)).start().waitFor())
                    .as("listening on " + port).isZero();
        }
        assertThat(new ProcessBuilder("sh", "-c", DeployCommands.listening(port)).start().waitFor())
                .as("closed " + port).isEqualTo(1);
        assertThat(DeployCommands.listening(4001)).contains(":0FA1 ");
    }

    @Test
    void theHealthWaitEndsWhenTheUnitDiedOrWasRestarted(@TempDir Path root) throws Exception {
        String alive = "ActiveState=activating\\nSubState=start\\nNRestarts=0";
        for (String dead : List.of("ActiveState=failed\\nSubState=failed\\nNRestarts=0",
                "ActiveState=inactive\\nSubState=dead\\nNRestarts=0",
                "ActiveState=activating\\nSubState=auto-restart\\nNRestarts=0",
                "ActiveState=active\\nSubState=running\\nNRestarts=1")) {
            Path dir = Files.createDirectories(root.resolve("case" + dead.hashCode()));
            String out = awaitHealthyWith(dir, List.of("\\n000"), List.of(alive, dead), Duration.ofMillis(20),
                    Duration.ofSeconds(30));
            assertThat(out).as(dead).isEqualTo("probe 000\nprobe 000\n" + DeployCommands.HEALTH_RESULT + " "
                    + DeployCommands.DIED + "\n" + dead.replace("\\n", "\n") + "\n" + DeployCommands.STATE_SEPARATOR
                    + "\n\n000\n");
        }
    }

    @Test
    void theHealthWaitEndsAtItsDeadlineAndNeverProbesMoreOftenThanTheInterval(@TempDir Path root) throws Exception {
        String alive = "ActiveState=active\\nSubState=running\\nNRestarts=0";
        long started = System.nanoTime();
        String out = awaitHealthyWith(root, List.of("busy\\n503"), List.of(alive), Duration.ofMillis(200),
                Duration.ofSeconds(1));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(out).endsWith(DeployCommands.HEALTH_RESULT + " " + DeployCommands.TIMED_OUT + "\n"
                + alive.replace("\\n", "\n") + "\n" + DeployCommands.STATE_SEPARATOR + "\nbusy\n503\n");
        assertThat(took).as("not before its deadline").isGreaterThanOrEqualTo(Duration.ofMillis(900));
        long probes = linesOf(root.resolve("probes"));
        // One probe per started interval: at most one more than fit into the time it took.
        assertThat(probes).isBetween(2L, took.toMillis() / 200 + 1);
        assertThat(out.lines().filter(l -> l.equals("probe 503")).count()).isEqualTo(probes);
    }

    @Test
    void theHealthWaitsIntervalIsWrittenAsSleepTakesIt() {
        assertThat(DeployCommands.awaitHealthy("http://h/up", 80, 5, "u", Duration.ofSeconds(1), Duration.ofSeconds(60)))
                .contains("sleep 1 & w=$!").contains("end=$((t + 6000))");
        assertThat(DeployCommands.awaitHealthy("http://h/up", 80, 5, "u", Duration.ofMillis(250), Duration.ofSeconds(60)))
                .contains("sleep 0.25 & w=$!");
    }

    /** Runs {@code line} with each of the {@code parts} replaced by a command that prints its name (or fails, for {@code failing}). */
    private static String runWithStandIns(Path root, String line, java.util.Map<String, String> parts, String failing)
            throws Exception {
        String replaced = line;
        for (var part : parts.entrySet()) {
            replaced = replaced.replace(part.getKey(), part.getValue().equals(failing) ? "false" : "echo " + part.getValue());
        }
        Process process = startIn(root, replaced);
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return out + "exit " + process.waitFor();
    }

    @Test
    void aUnitIsEnabledAndStartedByOneSystemctlAndByTwoWhereSudoRefusesThatForm(@TempDir Path root) throws Exception {
        String unit = "shop.web@4001.service";
        String now = UnitCommands.systemctlNow(UnitCommands.Verb.ENABLE, unit).line(false);
        assertThat(now).isEqualTo("sudo -n /usr/bin/systemctl enable --now --no-reload " + unit);
        String enable = asDeploy.enablement(UnitCommands.Verb.ENABLE, unit);
        String start = asDeploy.systemctl(UnitCommands.Verb.START, unit);
        String line = asDeploy.enableAndStart(unit);
        // The enablement first: its own fallback holds the start's sudo prefix too.
        java.util.Map<String, String> parts = new java.util.LinkedHashMap<>(java.util.Map.of(now, "now"));
        parts.put(enable, "enable");
        parts.put(start, "start");
        assertThat(runWithStandIns(root, line, parts, "")).isEqualTo("now\nexit 0");
        assertThat(runWithStandIns(root, line, parts, "now")).as("older sudoers").isEqualTo("enable\nstart\nexit 0");
        assertThat(runWithStandIns(root, line, parts, "start")).isEqualTo("now\nexit 0");
        String bothFail = line.replace(now, "false").replace(enable, "echo enable").replace(start, "false");
        assertThat(statusIn(root, bothFail)).as("the start fails in both forms").isNotZero();
    }

    @Test
    void aStopThatReportsItsResultStopsThenOptionallyDisablesThenAsksSystemdHowItEnded(@TempDir Path root)
            throws Exception {
        String unit = "shop.web@4000.service";
        String now = UnitCommands.systemctlNow(UnitCommands.Verb.DISABLE, unit).line(false);
        assertThat(now).isEqualTo("sudo -n /usr/bin/systemctl disable --now --no-reload " + unit);
        java.util.Map<String, String> parts = new java.util.LinkedHashMap<>(java.util.Map.of(now, "now"));
        parts.put(asDeploy.enablement(UnitCommands.Verb.DISABLE, unit), "disable");
        parts.put(asDeploy.systemctl(UnitCommands.Verb.STOP, unit), "stop");
        parts.put(DeployCommands.stopResult(unit), "result");
        String line = asDeploy.stopReportingResult(unit, true);
        assertThat(line).contains("{ " + asDeploy.disableAndStop(unit) + "; }").contains(DeployCommands.stopResult(unit));
        assertThat(runWithStandIns(root, line, parts, "")).as("a quick stop: systemd is not asked how it ended")
                .isEqualTo("now\nexit 0");
        assertThat(runWithStandIns(root, line, parts, "now")).as("older sudoers").isEqualTo("stop\ndisable\nexit 0");
        assertThat(runWithStandIns(root, line.replace(now, "false"), parts, "stop")).isEqualTo("exit 1");
        // A stop of a second or more (the stand-in takes 1.2 s): systemd is asked how it ended.
        String slow = line.replace(now, "sleep 1.2; echo now");
        assertThat(runWithStandIns(root, slow, parts, "")).isEqualTo("now\nresult\nexit 0");
        assertThat(runWithStandIns(root, slow + " && echo after", parts, "result")).as("its status is the command's")
                .isEqualTo("now\nexit 1");
        String stopOnly = asDeploy.stopReportingResult(unit, false);
        assertThat(stopOnly).contains(asDeploy.systemctl(UnitCommands.Verb.STOP, unit))
                .doesNotContain(asDeploy.enablement(UnitCommands.Verb.DISABLE, unit));
        assertThat(runWithStandIns(root, "false && " + stopOnly, parts, "")).as("one command, whatever comes before")
                .isEqualTo("exit 1");
    }

    @Test
    void theHostsUptimeIsReadInHundredthsOfASecondWithoutOctalDigits(@TempDir Path root) throws Exception {
        Path uptime = Files.writeString(root.resolve("uptime"), "12345.08 99.50\n");
        String line = DeployCommands.uptimeCentis("q") + "; echo \"$q\"";
        assertThat(line).contains("/proc/uptime");
        Process process = new ProcessBuilder("sh", "-c", line.replace("/proc/uptime", uptime.toString())).start();
        assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("1234508\n");
        assertThat(process.waitFor()).isZero();
    }
}
