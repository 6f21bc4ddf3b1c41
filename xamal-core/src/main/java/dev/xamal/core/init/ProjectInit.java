package dev.xamal.core.init;

import dev.xamal.core.EnvironmentException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the starting files of a project from the samples: {@code config/xamal.yml},
 * {@code .xamal/secrets} (owner-only), {@code .xamal/hooks/<hook>.sample} (executable), and makes
 * {@code .gitignore} ignore {@code .xamal/secrets*}. Never overwrites a file; says what it kept.
 */
public final class ProjectInit {
    /** The line added to {@code .gitignore}. */
    public static final String SECRETS_IGNORE = ".xamal/secrets*";
    private static final String SAMPLE_SERVICE_LINE = "service: my-app";

    private ProjectInit() {
    }

    /** What happened to one file. */
    public enum Outcome { CREATED, KEPT, UPDATED }

    /**
     * One file's outcome.
     *
     * @param path    the file, relative to the project directory
     * @param outcome what was done
     * @param message the line shown to the user
     */
    public record Result(String path, Outcome outcome, String message) {
    }

    /**
     * Writes the samples into the project.
     *
     * @param projectDir the project directory
     * @param samples    sample path (relative to the sample directory: {@code config/xamal.yml},
     *                   {@code secrets}, {@code hooks/<hook>.sample}) to its text
     * @param service    the service name written into {@code config/xamal.yml}
     */
    public static List<Result> apply(Path projectDir, Map<String, String> samples, String service) {
        List<Result> results = new ArrayList<>();
        for (Map.Entry<String, String> sample : new TreeMap<>(samples).entrySet()) {
            String target = targetOf(sample.getKey());
            String content = target.equals("config/xamal.yml")
                    ? sample.getValue().replace(SAMPLE_SERVICE_LINE, "service: " + service)
                    : sample.getValue();
            results.add(write(projectDir, target, content));
        }
        results.add(ignoreSecrets(projectDir));
        return results;
    }

    /** Where a sample goes in the project: {@code secrets} and {@code hooks/} live under {@code .xamal/}. */
    static String targetOf(String samplePath) {
        if (samplePath.startsWith("config/")) {
            return samplePath;
        }
        return ".xamal/" + samplePath;
    }

    /** A service name derived from a project name: lower-cased, other characters become {@code -}. */
    public static String serviceName(String projectName) {
        String name = projectName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-").replaceAll("^-+|-+$", "");
        return name.isEmpty() ? "my-app" : name;
    }

    private static Result write(Path projectDir, String target, String content) {
        Path file = projectDir.resolve(target);
        if (Files.exists(file)) {
            return new Result(target, Outcome.KEPT, "Kept " + target + ": it already exists (remove it to get a fresh one)");
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            if (posix()) {
                if (target.equals(".xamal/secrets")) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } else if (target.startsWith(".xamal/hooks/")) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        } catch (IOException e) {
            throw new EnvironmentException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return new Result(target, Outcome.CREATED, "Created " + target);
    }

    private static Result ignoreSecrets(Path projectDir) {
        Path gitignore = projectDir.resolve(".gitignore");
        try {
            if (Files.exists(gitignore)) {
                String text = Files.readString(gitignore, StandardCharsets.UTF_8);
                if (text.lines().map(String::strip).anyMatch(SECRETS_IGNORE::equals)) {
                    return new Result(".gitignore", Outcome.KEPT, "Kept .gitignore: it already ignores " + SECRETS_IGNORE);
                }
                String separator = text.isEmpty() || text.endsWith("\n") ? "" : "\n";
                Files.writeString(gitignore, text + separator + SECRETS_IGNORE + "\n", StandardCharsets.UTF_8);
                return new Result(".gitignore", Outcome.UPDATED, "Added " + SECRETS_IGNORE + " to .gitignore");
            }
            Files.writeString(gitignore, SECRETS_IGNORE + "\n", StandardCharsets.UTF_8);
            return new Result(".gitignore", Outcome.CREATED, "Created .gitignore ignoring " + SECRETS_IGNORE);
        } catch (IOException e) {
            throw new EnvironmentException("cannot update " + gitignore + ": " + e.getMessage(), e);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
