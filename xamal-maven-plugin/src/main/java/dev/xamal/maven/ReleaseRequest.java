package dev.xamal.maven;

import dev.xamal.core.UsageException;
import dev.xamal.core.config.ReleaseConfig;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.release.ReleaseSpec;
import dev.xamal.core.release.SourceVersion;
import java.io.File;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;

/**
 * Turns Maven's view of a project (the module to release, its jar, its runtime dependencies,
 * {@code project.build.outputTimestamp}) and the loaded configuration into core's
 * {@link ReleaseSpec}.
 */
final class ReleaseRequest {
    private static final Set<String> RUNTIME_SCOPES = Set.of(Artifact.SCOPE_COMPILE, Artifact.SCOPE_RUNTIME);
    private static final Pattern JAVA_CLASS =
            Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)+");

    private ReleaseRequest() {
    }

    /**
     * The project whose jar is released: the one named by {@code -Dxamal.module}; else the
     * execution root when it builds a jar; else the reactor's only jar module, or the only one no
     * other module depends on.
     */
    static MavenProject appProject(MavenSession session, MavenProject root, Optional<String> module) {
        List<MavenProject> projects = session.getProjects();
        if (module.isPresent()) {
            return projects.stream().filter(p -> p.getArtifactId().equals(module.get())).findFirst()
                    .orElseThrow(() -> new UsageException("-Dxamal.module=" + module.get() + " names no module of this "
                            + "build; the modules are " + projects.stream().map(MavenProject::getArtifactId).toList()));
        }
        if (!"pom".equals(root.getPackaging())) {
            return root;
        }
        List<MavenProject> jars = projects.stream().filter(p -> !"pom".equals(p.getPackaging())).toList();
        if (jars.size() == 1) {
            return jars.get(0);
        }
        List<MavenProject> leaves = jars.stream().filter(candidate -> projects.stream().noneMatch(other ->
                other.getDependencies().stream().anyMatch(d -> d.getGroupId().equals(candidate.getGroupId())
                        && d.getArtifactId().equals(candidate.getArtifactId())))).toList();
        if (leaves.size() == 1) {
            return leaves.get(0);
        }
        throw new UsageException("cannot tell which module to release: " + root.getArtifactId() + " is a pom and the "
                + "build has " + (jars.isEmpty() ? "no jar modules" : "the jar modules "
                + jars.stream().map(MavenProject::getArtifactId).toList())
                + "; name one with -Dxamal.module=<artifactId> (or <module> in the plugin configuration)");
    }

    /** The application jar, packaged in this run. */
    static Optional<Path> packagedJar(MavenProject app) {
        File file = app.getArtifact() == null ? null : app.getArtifact().getFile();
        return file != null && file.isFile() ? Optional.of(file.toPath()) : Optional.empty();
    }

    /** Where the jar will be once packaged, for build-details before a package. */
    static Path expectedJar(MavenProject app) {
        return Path.of(app.getBuild().getDirectory(), app.getBuild().getFinalName() + ".jar");
    }

    /** The runtime dependencies' jars, in Maven's resolution order. */
    static List<Path> dependencyJars(MavenProject app) {
        List<Path> jars = new ArrayList<>();
        for (Artifact artifact : app.getArtifacts()) {
            if (!RUNTIME_SCOPES.contains(artifact.getScope()) || !artifact.getArtifactHandler().isAddedToClasspath()) {
                continue;
            }
            File file = artifact.getFile();
            if (file == null || !file.isFile()) {
                throw new UsageException("dependency " + artifact + " of " + app.getArtifactId() + " is not a packaged "
                        + "jar in this build (" + file + "): run the package phase with it (mvn package xamal:build)");
            }
            jars.add(file.toPath());
        }
        return jars;
    }

    /** {@code project.build.outputTimestamp}, if set to a time (ISO 8601 or epoch seconds). */
    static Optional<Instant> outputTimestamp(MavenProject app) {
        String value = app.getProperties().getProperty("project.build.outputTimestamp", "").trim();
        if (value.isEmpty() || value.length() == 1) {
            // Maven treats a single character as "not reproducible".
            return Optional.empty();
        }
        try {
            if (value.chars().allMatch(Character::isDigit)) {
                return Optional.of(Instant.ofEpochSecond(Long.parseLong(value)));
            }
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new UsageException("project.build.outputTimestamp of " + app.getArtifactId() + " is '" + value
                    + "', which is neither an ISO 8601 time (2026-01-01T00:00:00Z) nor seconds since 1970");
        }
    }

    static ReleaseSpec spec(XamalConfig config, Path projectDirectory, Path appJar, List<Path> dependencies,
                            Path outputDirectory, Path runtimeCache, SourceVersion version,
                            Optional<Instant> outputTimestamp) {
        ReleaseConfig release = config.release();
        return new ReleaseSpec(config.service(), release.name(), release.mainClass(), release.jvmOptions(),
                release.runtime(), release.jlink().addModules(),
                release.jlink().jmods().map(projectDirectory::resolve),
                release.console().filter(c -> JAVA_CLASS.matcher(c).matches()),
                appJar, dependencies, outputDirectory, runtimeCache, version, outputTimestamp);
    }
}
