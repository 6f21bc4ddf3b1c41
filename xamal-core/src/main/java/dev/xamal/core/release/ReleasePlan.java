package dev.xamal.core.release;

import dev.xamal.core.config.ReleaseConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a build will produce, decided before anything is written: {@code xamal:build-details}
 * prints it, {@link ReleaseBuilder#build(ReleasePlan)} carries it out.
 *
 * @param spec        the request
 * @param appJar      what the application jar says about itself
 * @param launcher    the launcher script
 * @param libraries   the jars copied into {@code lib/}, in class path order (the app jar first)
 * @param modules     the modules linked into {@code runtime/} (empty for {@code runtime: system})
 * @param platform    the platform the release runs on
 */
public record ReleasePlan(ReleaseSpec spec, AppJar appJar, LauncherScript launcher, List<Library> libraries,
                          List<String> modules, Platform platform) {

    /** A jar of the release: where it comes from and its file name under {@code lib/}. */
    public record Library(Path source, String fileName, boolean application) {
        public String releasePath() {
            return "lib/" + fileName;
        }
    }

    public ReleasePlan {
        libraries = List.copyOf(libraries);
        modules = List.copyOf(modules);
    }

    /** What {@code start} runs: a main class, or {@code -jar <jar>} for a fat jar. */
    public String entryPoint() {
        if (launcher.start() instanceof LauncherScript.Jar jar) {
            return "-jar " + jar.jar() + appJar.startClass().map(c -> " (Start-Class " + c + ")").orElse("");
        }
        return ((LauncherScript.MainClass) launcher.start()).className();
    }

    public Path tarball() {
        return spec.outputDirectory().resolve(spec.releaseId() + ".tar.gz");
    }

    /** The sha256sum-style list of the layers' and the tarball's digests. */
    public Path checksums() {
        return spec.outputDirectory().resolve(spec.releaseId() + ".sha256");
    }

    /** The release tree as it is extracted on a server. */
    public Path stagingDirectory() {
        return spec.outputDirectory().resolve(spec.releaseId());
    }

    public Path layerFile(LayerKind kind) {
        return spec.outputDirectory().resolve("layers").resolve(spec.releaseId() + "-" + kind.key() + ".tar.gz");
    }

    /** The layers this release has: no runtime layer with {@code runtime: system}. */
    public List<LayerKind> layerKinds() {
        return spec.runtime() == ReleaseConfig.Runtime.JLINK ? List.of(LayerKind.values())
                : List.of(LayerKind.DEPENDENCIES, LayerKind.APPLICATION);
    }

    public Optional<Library> application() {
        return libraries.stream().filter(Library::application).findFirst();
    }
}
