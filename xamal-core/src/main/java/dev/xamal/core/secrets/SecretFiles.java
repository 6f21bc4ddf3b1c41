package dev.xamal.core.secrets;

import dev.xamal.core.config.XamalConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The secrets files of a run, in the order they are read: {@code <secrets_path>-common}, then
 * {@code <secrets_path>} without a destination or {@code <secrets_path>.<destination>} with one.
 * Later files override earlier keys; missing files are skipped.
 *
 * @param projectDir the directory {@code secrets_path} is relative to
 * @param candidates every file that would be read, in order, relative to {@code projectDir}
 */
public record SecretFiles(Path projectDir, List<String> candidates) {

    public SecretFiles {
        candidates = List.copyOf(candidates);
    }

    /** The files of a loaded configuration: its {@code secrets_path} and destination. */
    public static SecretFiles of(Path projectDir, XamalConfig config) {
        return of(projectDir, config.secretsPath(), config.destination());
    }

    /**
     * The files for a project.
     *
     * @param projectDir  the project directory
     * @param secretsPath {@code secrets_path} (relative to the project directory), or {@code null} for the default
     * @param destination the destination, if any
     */
    public static SecretFiles of(Path projectDir, String secretsPath, Optional<String> destination) {
        String base = secretsPath == null || secretsPath.isBlank() ? XamalConfig.DEFAULT_SECRETS_PATH : secretsPath;
        List<String> files = new ArrayList<>();
        files.add(base + "-common");
        files.add(destination.filter(d -> !d.isBlank()).map(d -> base + "." + d).orElse(base));
        return new SecretFiles(projectDir, files);
    }

    /** The path of a candidate on disk. */
    public Path resolve(String candidate) {
        return projectDir.resolve(candidate);
    }

    /** The candidates that exist, in order. */
    public List<String> existing() {
        return candidates.stream().filter(c -> Files.isRegularFile(resolve(c))).collect(Collectors.toList());
    }

    /**
     * What was searched, for a message about a missing key: the files read, or that none of the
     * candidates exists.
     */
    public String describeSearch() {
        List<String> existing = existing();
        if (existing.isEmpty()) {
            return "no secrets file exists (looked for " + String.join(", ", candidates) + ")";
        }
        List<String> missing = new ArrayList<>(candidates);
        missing.removeAll(existing);
        String searched = "searched " + String.join(", ", existing);
        return missing.isEmpty() ? searched : searched + "; " + String.join(", ", missing) + " does not exist";
    }
}
