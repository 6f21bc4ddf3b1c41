package dev.xamal.core.release;

import dev.xamal.core.config.ReleaseConfig;
import dev.xamal.core.UsageException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything a release build needs, already resolved: the front end (the Maven plugin) fills it
 * from the loaded {@code config/xamal.yml} (which validated names, classes and the runtime) and
 * the project's artifacts.
 *
 * @param service         the service name ({@code service})
 * @param name            the launcher's name, {@code bin/<name>} ({@code release.name}; the service by default)
 * @param mainClass       the class {@code start} runs ({@code release.main_class}); empty: the app
 *                        jar's {@code Main-Class}
 * @param jvmOptions      options given to every JVM the launcher starts ({@code release.jvm_options})
 * @param runtime         {@code release.runtime}
 * @param addModules      modules linked in besides those jdeps finds ({@code release.jlink.add_modules})
 * @param jmods           the target JDK's {@code jmods} directory ({@code release.jlink.jmods}); empty:
 *                        link from the JDK running the build
 * @param console         a main class {@code console} runs instead of JShell ({@code release.console})
 * @param appJar          the application's jar
 * @param dependencyJars  its runtime dependencies, in class path order
 * @param outputDirectory where the layers and the tarball go ({@code target/xamal})
 * @param runtimeCache    where linked runtime images and jdeps' module lists are kept for reuse
 *                        ({@code target/xamal/runtimes}, or a directory several projects share:
 *                        {@code xamal.runtimeCache})
 * @param version         the version label and the commit it came from
 * @param outputTimestamp {@code project.build.outputTimestamp}, if set: the time every archive
 *                        entry gets (else the commit time)
 */
public record ReleaseSpec(
        String service,
        String name,
        Optional<String> mainClass,
        List<String> jvmOptions,
        ReleaseConfig.Runtime runtime,
        List<String> addModules,
        Optional<Path> jmods,
        Optional<String> console,
        Path appJar,
        List<Path> dependencyJars,
        Path outputDirectory,
        Path runtimeCache,
        SourceVersion version,
        Optional<Instant> outputTimestamp) {

    private static final Pattern MODULE = Pattern.compile("[A-Za-z_][\\w]*(\\.[A-Za-z_][\\w]*)*");
    /** Used when neither a commit nor project.build.outputTimestamp gives a time (the zip epoch). */
    static final Instant FALLBACK_TIME = Instant.parse("1980-01-01T00:00:02Z");

    public ReleaseSpec {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mainClass, "mainClass");
        jvmOptions = List.copyOf(jvmOptions);
        Objects.requireNonNull(runtime, "runtime");
        addModules = List.copyOf(addModules);
        Objects.requireNonNull(jmods, "jmods");
        Objects.requireNonNull(console, "console");
        Objects.requireNonNull(appJar, "appJar");
        dependencyJars = List.copyOf(dependencyJars);
        Objects.requireNonNull(outputDirectory, "outputDirectory");
        Objects.requireNonNull(runtimeCache, "runtimeCache");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(outputTimestamp, "outputTimestamp");
        for (String module : addModules) {
            if (!MODULE.matcher(module).matches()) {
                throw new UsageException("release.jlink.add_modules: '" + module + "' is not a module name "
                        + "(for example java.sql or jdk.crypto.ec)");
            }
        }
        if (runtime == ReleaseConfig.Runtime.SYSTEM && (!addModules.isEmpty() || jmods.isPresent())) {
            throw new UsageException("release.jlink is set but release.runtime is system: "
                    + "remove release.jlink or use release.runtime: jlink");
        }
    }

    /** {@code runtimes/} under the output directory: the runtime cache unless one is named. */
    public static Path defaultRuntimeCache(Path outputDirectory) {
        return outputDirectory.resolve("runtimes");
    }

    /** The time every archive entry carries: the output timestamp, else the commit time. */
    public Instant entryTime() {
        return outputTimestamp.or(version::commitTime).orElse(FALLBACK_TIME);
    }

    /** {@code <service>-<version>}, the stem of the tarball's file name. */
    public String releaseId() {
        return service + "-" + version.label();
    }

}
