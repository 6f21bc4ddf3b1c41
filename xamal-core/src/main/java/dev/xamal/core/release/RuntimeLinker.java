package dev.xamal.core.release;

import dev.xamal.core.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Links the release's runtime image with jlink: the modules jdeps found plus
 * {@code release.jlink.add_modules}, stripped of debug data, headers and man pages, compressed,
 * without the JVM-state-dependent pre-generated {@code java.lang.invoke} classes.
 * jlink is the one of the JDK running the build, so the target's {@code java.base} (the running
 * JDK's, or {@code release.jlink.jmods}) must have the same feature version.
 */
final class RuntimeLinker {
    private final JdkTool jlink = new JdkTool("jlink");
    private final Optional<Path> jmods;

    RuntimeLinker(Optional<Path> jmods) {
        this.jmods = jmods;
    }

    /** The Java feature version the image will have (what jdeps reads multi-release jars for). */
    int targetFeature() {
        return jmods.map(dir -> targetPlatform(dir).javaFeature()).orElse(Runtime.version().feature());
    }

    /** Links {@code modules} into {@code output}, which must not exist. */
    void link(List<String> modules, Path output) {
        List<String> args = new ArrayList<>();
        Optional<Path> modulePath = jmods.isPresent() ? jmods : runningJdkJmods();
        jmods.ifPresent(RuntimeLinker::targetPlatform);
        modulePath.ifPresent(p -> {
            args.add("--module-path");
            args.add(p.toString());
        });
        args.addAll(List.of("--add-modules", String.join(",", modules),
                "--strip-debug", "--no-header-files", "--no-man-pages",
                "--compress=" + (Runtime.version().feature() >= 21 ? "zip-6" : "2"),
                // Pre-generated java.lang.invoke classes depend on the state of the JVM running jlink
                // (a second in-process link differs from the first): off, so images are reproducible.
                "--disable-plugin", "generate-jli-classes",
                "--output", output.toString()));
        jlink.run(args);
    }

    private static Optional<Path> runningJdkJmods() {
        Path jmods = Path.of(System.getProperty("java.home")).resolve("jmods");
        // Without jmods (JEP 493 runtimes) jlink links from the running runtime image.
        return Files.isDirectory(jmods) ? Optional.of(jmods) : Optional.empty();
    }

    /** Checks a {@code release.jlink.jmods} directory and reads its JDK's platform. */
    static Platform targetPlatform(Path jmods) {
        if (!Files.isRegularFile(jmods.resolve("java.base.jmod"))) {
            throw new UsageException("release.jlink.jmods is " + jmods + ", which has no java.base.jmod: "
                    + "point it at the jmods directory of a JDK of the target platform");
        }
        Path home = jmods.toAbsolutePath().normalize().getParent();
        if (home == null || !Files.isRegularFile(home.resolve("release"))) {
            throw new UsageException("release.jlink.jmods is " + jmods + ", but there is no JDK 'release' file "
                    + "beside it to tell its platform: point it at <target JDK>/jmods");
        }
        Platform target = Platform.ofJavaHome(home);
        int running = Runtime.version().feature();
        if (target.javaFeature() != running) {
            throw new UsageException("release.jlink.jmods is a Java " + target.javaFeature() + " JDK (" + home
                    + ") but the build runs on Java " + running + ", and jlink only links its own feature "
                    + "version: run Maven with a JDK " + target.javaFeature() + " or use jmods of a JDK " + running);
        }
        return target;
    }
}
