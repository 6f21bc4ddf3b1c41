package dev.xamal.core.release;

import dev.xamal.core.EnvironmentException;
import dev.xamal.core.local.LocalCommand;
import dev.xamal.core.spi.CommandResult;
import dev.xamal.core.spi.LineListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The git work tree a project lives in, asked through the {@code git} program. */
public final class GitWorkTree {
    private final Path directory;

    private GitWorkTree(Path directory) {
        this.directory = directory;
    }

    /** The work tree containing {@code directory}, or empty when it is not in one (or git is missing). */
    public static Optional<GitWorkTree> containing(Path directory) {
        CommandResult result;
        try {
            result = new LocalCommand(List.of("git", "rev-parse", "--is-inside-work-tree"), directory)
                    .run(LineListener.NONE);
        } catch (EnvironmentException e) {
            return Optional.empty();
        }
        if (!result.succeeded() || !result.stdout().trim().equals("true")) {
            return Optional.empty();
        }
        return Optional.of(new GitWorkTree(directory));
    }

    /** The full id of {@code HEAD}, or empty in a repository without commits. */
    public Optional<String> head() {
        CommandResult result = git("rev-parse", "--verify", "-q", "HEAD");
        return result.succeeded() ? Optional.of(result.stdout().trim()) : Optional.empty();
    }

    /** The committer time of {@code HEAD}. */
    public Instant headTime() {
        return Instant.ofEpochSecond(Long.parseLong(checked("log", "-1", "--format=%ct", "HEAD").trim()));
    }

    /**
     * A hash of everything that differs from {@code HEAD} in this directory's part of the tree:
     * the binary diff of tracked files and the paths and contents of untracked files that are not
     * ignored. Empty when the tree is clean.
     */
    public Optional<String> changesHash() {
        String status = checked("status", "--porcelain", "--untracked-files=all", "--", ".");
        if (status.isBlank()) {
            return Optional.empty();
        }
        MessageDigest digest = Sha256.digest();
        digest.update(checked("diff", "HEAD", "--binary", "--no-color", "--no-ext-diff", "--", ".")
                .getBytes(StandardCharsets.UTF_8));
        String untracked = checked("ls-files", "--others", "--exclude-standard", "-z", "--", ".");
        List<String> names = new ArrayList<>(Arrays.asList(untracked.split("\0")));
        names.removeIf(String::isEmpty);
        names.sort(null);
        for (String name : names) {
            digest.update(("\0untracked\0" + name + "\0").getBytes(StandardCharsets.UTF_8));
            Path file = directory.resolve(name);
            try {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    digest.update(Files.readAllBytes(file));
                } else if (Files.isSymbolicLink(file)) {
                    digest.update(Files.readSymbolicLink(file).toString().getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new EnvironmentException("could not read untracked file " + file + ": " + e.getMessage(), e);
            }
        }
        return Optional.of(Sha256.hex(digest));
    }

    private String checked(String... args) {
        CommandResult result = git(args);
        if (!result.succeeded()) {
            throw new EnvironmentException("`git " + String.join(" ", args) + "` in " + directory
                    + " failed with exit status " + result.exitStatus() + ": " + result.stderr().strip());
        }
        return result.stdout();
    }

    private CommandResult git(String... args) {
        List<String> argv = new ArrayList<>();
        argv.add("git");
        argv.addAll(Arrays.asList(args));
        return new LocalCommand(argv, directory).run(LineListener.NONE);
    }
}
