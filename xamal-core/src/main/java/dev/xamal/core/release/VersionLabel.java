package dev.xamal.core.release;

import dev.xamal.core.UsageException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides a release's version label. With an override ({@code -Dxamal.version}) that is the
 * label; otherwise the first 12 hex digits of the {@code HEAD} commit, and for a dirty tree
 * {@code <commit12>-dirty-<8 hex digits of a hash of the changes>}, so two different dirty
 * builds never share a label and the same dirty state always gets the same one.
 */
public final class VersionLabel {
    /** Labels become directory names and parts of file names on servers. */
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,127}");
    static final int COMMIT_DIGITS = 12;
    static final int DIRTY_DIGITS = 8;

    private VersionLabel() {
    }

    /**
     * @param projectDirectory where the sources are (the git work tree part that is hashed)
     * @param override         the label the user asked for, if any
     */
    public static SourceVersion resolve(Path projectDirectory, Optional<String> override) {
        override.ifPresent(VersionLabel::validate);
        Optional<GitWorkTree> tree = GitWorkTree.containing(projectDirectory);
        Optional<String> head = tree.flatMap(GitWorkTree::head);
        if (head.isEmpty()) {
            if (override.isPresent()) {
                return new SourceVersion(override.get(), Optional.empty(), Optional.empty(), false);
            }
            throw new UsageException(projectDirectory + (tree.isPresent() ? " is in a git repository without commits"
                    : " is not in a git work tree") + ", so there is no commit to name the release after: "
                    + "commit the project, or pass a version label with -Dxamal.version=<label>");
        }
        Optional<String> changes = tree.get().changesHash();
        String label = override.orElseGet(() -> head.get().substring(0, COMMIT_DIGITS)
                + changes.map(hash -> "-dirty-" + hash.substring(0, DIRTY_DIGITS)).orElse(""));
        return new SourceVersion(label, head, Optional.of(tree.get().headTime()), changes.isPresent());
    }

    /**
     * The label alone, as {@link #resolve} names it: {@code override} when given, without asking
     * git anything (a goal that deploys a release built earlier needs only its label, and looking
     * for changes in a large or dirty tree would cost it time for nothing).
     */
    public static String label(Path projectDirectory, Optional<String> override) {
        if (override.isPresent()) {
            validate(override.get());
            return override.get();
        }
        return resolve(projectDirectory, Optional.empty()).label();
    }

    /** Refuses labels that cannot be a directory name on a server. */
    public static void validate(String label) {
        if (!VALID.matcher(label).matches()) {
            throw new UsageException("version label '" + label + "' is not usable: use 1-128 characters from "
                    + "letters, digits, '.', '_', '+' and '-', starting with a letter or digit (-Dxamal.version)");
        }
    }
}
