package dev.xamal.core.release;

import dev.xamal.core.config.ReleaseConfig;
import dev.xamal.core.EnvironmentException;
import dev.xamal.core.UsageException;
import dev.xamal.core.output.Output;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Builds a release: stages {@code bin/<name>}, {@code lib/}, {@code runtime/} and
 * {@code RELEASE} under {@code <output>/<service>-<version>/}, writes the three layers and (unless
 * only the layers are wanted) their union {@code <output>/<service>-<version>.tar.gz}, all
 * reproducibly (see {@link ReproducibleTar}). What an earlier build produced from the same inputs
 * is reused: the jdeps result ({@link ScannedModules}), the linked runtime ({@link LinkedRuntimes})
 * and the runtime and dependency layers ({@link KeptLayers}); the bytes are the same either way.
 */
public final class ReleaseBuilder {
    private final Output output;

    public ReleaseBuilder(Output output) {
        this.output = output;
    }

    /** Decides what will be built: entry point, jars, modules (runs jdeps), platform. */
    public ReleasePlan plan(ReleaseSpec spec) {
        AppJar jar = AppJar.inspect(spec.appJar());
        for (Path dependency : spec.dependencyJars()) {
            if (!Files.isRegularFile(dependency)) {
                throw new UsageException("dependency " + dependency + " does not exist: build the project first "
                        + "(mvn package xamal:build)");
            }
        }
        List<ReleasePlan.Library> libraries = libraries(spec);
        String appPath = libraries.get(0).releasePath();
        LauncherScript.Start start = start(spec, jar, appPath);
        List<String> classPath = jar.fat() ? List.of(appPath)
                : libraries.stream().map(ReleasePlan.Library::releasePath).toList();
        LauncherScript launcher = new LauncherScript(spec.name(), spec.runtime(), classPath, start, spec.jvmOptions(),
                spec.console(), jar.fat() ? jar.propertiesLauncher() : Optional.empty());
        RuntimeLinker linker = new RuntimeLinker(spec.jmods());
        List<String> modules = List.of();
        Platform platform;
        if (spec.runtime() == ReleaseConfig.Runtime.JLINK) {
            modules = modules(spec, jar, linker.targetFeature());
            platform = spec.jmods().map(RuntimeLinker::targetPlatform)
                    .orElseGet(() -> Platform.ofJavaHome(Path.of(System.getProperty("java.home"))));
        } else {
            platform = new Platform(Platform.ANY, Platform.ANY, Runtime.version().feature());
        }
        return new ReleasePlan(spec, jar, launcher, libraries, modules, platform);
    }

    /** Builds what the plan says, tarball included; replaces an earlier build of the same release id. */
    public BuiltRelease build(ReleasePlan plan) {
        return build(plan, true);
    }

    /**
     * Builds what the plan says; replaces an earlier build of the same release id. The tarball (the
     * union of the layers) is written only when {@code tarball} is set or an earlier build of the
     * same release id wrote one (which is then replaced): goals that send layers to hosts never
     * read it, and compressing the whole runtime again is most of a rebuild's time.
     */
    public BuiltRelease build(ReleasePlan plan, boolean tarball) {
        ReleaseSpec spec = plan.spec();
        KeptLayers kept = new KeptLayers(spec.outputDirectory());
        Path stage = plan.stagingDirectory();
        ReproducibleTar tar = new ReproducibleTar(stage, spec.entryTime());
        try {
            deleteTree(stage);
            Files.createDirectories(stage.resolve("lib"));
            Files.createDirectories(stage.resolve("bin"));
            Files.createDirectories(plan.layerFile(LayerKind.APPLICATION).getParent());
            for (ReleasePlan.Library library : plan.libraries()) {
                JarModes.copyNormalised(library.source(), stage.resolve(library.releasePath()));
            }
            Path launcher = stage.resolve("bin").resolve(spec.name());
            Files.writeString(launcher, plan.launcher().render(), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new EnvironmentException("could not stage the release in " + stage + ": " + e.getMessage(), e);
        }
        if (spec.runtime() == ReleaseConfig.Runtime.JLINK) {
            LinkedRuntimes runtimes = new LinkedRuntimes(spec.runtimeCache(), spec.jmods(), plan.modules());
            output.info((runtimes.kept() ? "Reusing the runtime linked before (" : "Linking the runtime (")
                    + String.join(",", plan.modules()) + ")");
            runtimes.link(new RuntimeLinker(spec.jmods()), stage.resolve("runtime"));
        }

        Map<LayerKind, List<String>> contents = layerContents(plan);
        Map<LayerKind, String> digests = new EnumMap<>(LayerKind.class);
        List<Layer> layers = new ArrayList<>();
        for (LayerKind kind : plan.layerKinds()) {
            if (kind != LayerKind.APPLICATION) {
                Layer layer = keptLayer(kept, tar, kind, contents.get(kind), plan.layerFile(kind));
                layers.add(layer);
                digests.put(kind, layer.sha256());
            }
        }
        // RELEASE cannot hold its own digest: it records the application layer without itself.
        digests.put(LayerKind.APPLICATION, digest(tar, contents.get(LayerKind.APPLICATION)));
        ReleaseManifest manifest = new ReleaseManifest(spec.service(), spec.version().label(), spec.version().commit(),
                spec.version().commitTime(), spec.version().dirty(), plan.platform(), spec.runtime(), plan.modules(), digests);
        try {
            Files.writeString(stage.resolve(ReleaseManifest.FILE_NAME), manifest.render(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EnvironmentException("could not write " + stage.resolve(ReleaseManifest.FILE_NAME) + ": "
                    + e.getMessage(), e);
        }
        List<String> application = new ArrayList<>(contents.get(LayerKind.APPLICATION));
        application.add(ReleaseManifest.FILE_NAME);
        layers.add(writeLayer(tar, LayerKind.APPLICATION, application, plan.layerFile(LayerKind.APPLICATION)));

        // An earlier build's tarball of this release id is written again, so it always matches the layers.
        Optional<Layer> union = tarball || Files.exists(plan.tarball())
                ? Optional.of(writeLayer(tar, null, unionContents(spec), plan.tarball())) : Optional.empty();
        writeChecksums(plan, layers, union);
        return new BuiltRelease(plan, union, layers, manifest);
    }

    private static List<String> unionContents(ReleaseSpec spec) {
        List<String> all = new ArrayList<>(List.of("bin", "lib", ReleaseManifest.FILE_NAME));
        if (spec.runtime() == ReleaseConfig.Runtime.JLINK) {
            all.add("runtime");
        }
        return all;
    }

    /** The runtime or dependency layer: copied when an earlier build kept one of the same content key. */
    private Layer keptLayer(KeptLayers kept, ReproducibleTar tar, LayerKind kind, List<String> paths, Path file) {
        if (kept.put(tar, paths, file, () -> writeLayer(tar, kind, paths, file))) {
            output.debug("layer " + kind.key() + " is the same as one built before: reused");
        }
        try {
            return new Layer(kind, file, Sha256.of(file), Files.size(file));
        } catch (IOException e) {
            throw new EnvironmentException("could not read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<LayerKind, List<String>> layerContents(ReleasePlan plan) {
        Map<LayerKind, List<String>> contents = new EnumMap<>(LayerKind.class);
        contents.put(LayerKind.RUNTIME, List.of("runtime"));
        contents.put(LayerKind.DEPENDENCIES, plan.libraries().stream().filter(l -> !l.application())
                .map(ReleasePlan.Library::releasePath).toList());
        List<String> application = new ArrayList<>();
        application.add("bin");
        plan.application().ifPresent(l -> application.add(l.releasePath()));
        contents.put(LayerKind.APPLICATION, application);
        return contents;
    }

    private static Layer writeLayer(ReproducibleTar tar, LayerKind kind, List<String> paths, Path file) {
        MessageDigest digest = Sha256.digest();
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), digest)) {
            tar.write(paths, out);
        } catch (IOException e) {
            throw new EnvironmentException("could not write " + file + ": " + e.getMessage(), e);
        }
        try {
            return new Layer(kind, file, Sha256.hex(digest), Files.size(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String digest(ReproducibleTar tar, List<String> paths) {
        MessageDigest digest = Sha256.digest();
        try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
            tar.write(paths, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Sha256.hex(digest);
    }

    private static void writeChecksums(ReleasePlan plan, List<Layer> layers, Optional<Layer> union) {
        StringBuilder s = new StringBuilder();
        for (Layer layer : layers) {
            s.append(layer.sha256()).append("  layers/").append(layer.file().getFileName()).append('\n');
        }
        union.ifPresent(u -> s.append(u.sha256()).append("  ").append(u.file().getFileName()).append('\n'));
        try {
            Files.writeString(plan.checksums(), s.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EnvironmentException("could not write " + plan.checksums() + ": " + e.getMessage(), e);
        }
    }

    private List<String> modules(ReleaseSpec spec, AppJar jar, int feature) {
        List<Path> jars = new ArrayList<>(List.of(jar.path()));
        jars.addAll(spec.dependencyJars());
        AtomicBoolean scanned = new AtomicBoolean();
        List<String> found = new ScannedModules(spec.runtimeCache()).modules(jars, feature, () -> {
            scanned.set(true);
            return scan(spec, jar, feature);
        });
        if (!scanned.get()) {
            output.debug("jdeps found before (jars unchanged) " + String.join(",", found));
        }
        Set<String> modules = new java.util.TreeSet<>(found);
        modules.addAll(spec.addModules());
        return List.copyOf(modules);
    }

    /** Runs jdeps (the modules of jars it analysed before are kept in the runtime cache). */
    private List<String> scan(ReleaseSpec spec, AppJar jar, int feature) {
        Path scratch = spec.outputDirectory().resolve("jdeps-" + spec.releaseId());
        try {
            deleteTree(scratch);
            List<Path> inputs = new ArrayList<>(jar.fat() ? jar.unpackForAnalysis(scratch) : List.of(jar.path()));
            inputs.addAll(spec.dependencyJars());
            List<String> found = new ModuleScan().modules(inputs, feature);
            output.debug("jdeps found " + String.join(",", found));
            return found;
        } catch (IOException e) {
            throw new EnvironmentException("could not prepare " + scratch + " for jdeps: " + e.getMessage(), e);
        } finally {
            try {
                deleteTree(scratch);
            } catch (IOException e) {
                output.warn("could not remove " + scratch + ": " + e.getMessage());
            }
        }
    }

    private static LauncherScript.Start start(ReleaseSpec spec, AppJar jar, String appPath) {
        if (jar.fat()) {
            if (spec.mainClass().isPresent() && jar.propertiesLauncher().isEmpty()) {
                throw new UsageException("release.main_class is set, but " + spec.appJar().getFileName()
                        + " is a fat jar (it carries nested jars) whose loader cannot start another class: remove "
                        + "release.main_class, the jar's Main-Class starts it");
            }
            return spec.mainClass().<LauncherScript.Start>map(LauncherScript.MainClass::new)
                    .orElseGet(() -> new LauncherScript.Jar(appPath));
        }
        String main = spec.mainClass().or(jar::mainClass).orElseThrow(() -> new UsageException(
                spec.appJar().getFileName() + " has no Main-Class in its manifest: set release.main_class in "
                        + "config/xamal.yml (for example release: {main_class: com.example.Main})"));
        return new LauncherScript.MainClass(main);
    }

    /** The jars for {@code lib/}: the app jar first, then the dependencies; clashing file names get a prefix. */
    private static List<ReleasePlan.Library> libraries(ReleaseSpec spec) {
        List<ReleasePlan.Library> libraries = new ArrayList<>();
        Set<String> used = new HashSet<>();
        libraries.add(new ReleasePlan.Library(spec.appJar(), unique(spec.appJar(), used), true));
        for (Path dependency : spec.dependencyJars()) {
            libraries.add(new ReleasePlan.Library(dependency, unique(dependency, used), false));
        }
        return libraries;
    }

    private static String unique(Path jar, Set<String> used) {
        String name = jar.getFileName().toString().replaceAll("[^A-Za-z0-9._+-]", "_");
        String candidate = name;
        for (int n = 2; !used.add(candidate); n++) {
            candidate = n + "-" + name;
        }
        return candidate;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
