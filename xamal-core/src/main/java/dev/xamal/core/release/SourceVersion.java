package dev.xamal.core.release;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a release is built from, as far as its name and times go.
 *
 * @param label      the version label: the first 12 hex digits of the commit, {@code -dirty-} and
 *                   8 hex digits of a hash of the uncommitted changes when the tree is dirty, or
 *                   the {@code -Dxamal.version} override
 * @param commit     the full commit id, if the project is in a git work tree
 * @param commitTime the commit's committer time, if known
 * @param dirty      whether uncommitted changes went into the build
 */
public record SourceVersion(String label, Optional<String> commit, Optional<Instant> commitTime, boolean dirty) {
    public SourceVersion {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(commitTime, "commitTime");
    }
}
