package dev.xamal.core.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xamal.core.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionLabelTest {
    @TempDir
    Path repo;

    static void git(Path dir, String... args) throws Exception {
        List<String> argv = new java.util.ArrayList<>(List.of("git", "-c", "user.name=T", "-c", "user.email=t@example.com",
                "-c", "commit.gpgsign=false"));
        argv.addAll(List.of(args));
        ReleaseRun.Result r = ReleaseRun.run(dir, Map.of("GIT_COMMITTER_DATE", "2026-11-01T10:00:00Z",
                "GIT_AUTHOR_DATE", "2026-11-01T10:00:00Z"), argv.toArray(String[]::new));
        assertThat(r.status()).as(r.output()).isZero();
    }

    @BeforeEach
    void commit() throws Exception {
        git(repo, "init", "-q");
        Files.writeString(repo.resolve("A.java"), "class A {}\n");
        Files.writeString(repo.resolve(".gitignore"), "target/\n");
        git(repo, "add", ".");
        git(repo, "commit", "-q", "-m", "one");
    }

    private String head() throws Exception {
        return ReleaseRun.run(repo, Map.of(), "git", "rev-parse", "HEAD").output().strip();
    }

    @Test
    void cleanTreeIsLabelledWithTwelveDigitsOfTheCommit() throws Exception {
        SourceVersion v = VersionLabel.resolve(repo, Optional.empty());
        assertThat(v.label()).isEqualTo(head().substring(0, 12));
        assertThat(v.commit()).contains(head());
        assertThat(v.commitTime()).contains(Instant.parse("2026-11-01T10:00:00Z"));
        assertThat(v.dirty()).isFalse();
    }

    @Test
    void ignoredFilesDoNotMakeTheTreeDirty() throws Exception {
        Files.createDirectories(repo.resolve("target"));
        Files.writeString(repo.resolve("target/out.jar"), "x");
        assertThat(VersionLabel.resolve(repo, Optional.empty()).dirty()).isFalse();
    }

    @Test
    void dirtyTreeGetsASuffixFromTheChangesThatFollowsTheirContent() throws Exception {
        Files.writeString(repo.resolve("A.java"), "class A { int x; }\n");
        SourceVersion first = VersionLabel.resolve(repo, Optional.empty());
        assertThat(first.dirty()).isTrue();
        assertThat(first.label()).matches(head().substring(0, 12) + "-dirty-[0-9a-f]{8}");
        assertThat(VersionLabel.resolve(repo, Optional.empty()).label()).as("same changes, same label")
                .isEqualTo(first.label());

        Files.writeString(repo.resolve("B.java"), "class B {}\n");
        SourceVersion withUntracked = VersionLabel.resolve(repo, Optional.empty());
        assertThat(withUntracked.label()).as("an untracked source counts").isNotEqualTo(first.label());
        Files.writeString(repo.resolve("B.java"), "class B { }\n");
        assertThat(VersionLabel.resolve(repo, Optional.empty()).label()).as("its content counts")
                .isNotEqualTo(withUntracked.label());
    }

    @Test
    void aGivenLabelAloneIsTakenWithoutLookingAtTheTree() throws Exception {
        Files.writeString(repo.resolve("B.java"), "class B {}\n");
        Files.writeString(repo.resolve(".git/index"), "not an index");
        assertThatThrownBy(() -> VersionLabel.resolve(repo, Optional.of("r-1")))
                .as("resolve looks for changes, which the broken index refuses").hasMessageContaining("git");
        assertThat(VersionLabel.label(repo, Optional.of("r-1"))).isEqualTo("r-1");
        assertThatThrownBy(() -> VersionLabel.label(repo, Optional.of("../r-1"))).isInstanceOf(UsageException.class);
    }

    @Test
    void withoutAGivenLabelTheLabelIsTheOneResolveNames() throws Exception {
        assertThat(VersionLabel.label(repo, Optional.empty())).isEqualTo(head().substring(0, 12));
        Files.writeString(repo.resolve("A.java"), "class A { int y; }\n");
        assertThat(VersionLabel.label(repo, Optional.empty())).isEqualTo(VersionLabel.resolve(repo, Optional.empty())
                .label()).startsWith(head().substring(0, 12) + "-dirty-");
    }

    @Test
    void overrideWinsButKeepsTheCommit() throws Exception {
        SourceVersion v = VersionLabel.resolve(repo, Optional.of("2026.11.1"));
        assertThat(v.label()).isEqualTo("2026.11.1");
        assertThat(v.commit()).contains(head());
    }

    @Test
    void outsideGitAnOverrideIsNeeded(@TempDir Path plain) {
        assertThatThrownBy(() -> VersionLabel.resolve(plain, Optional.empty()))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("is not in a git work tree").hasMessageContaining("-Dxamal.version=<label>");
        SourceVersion v = VersionLabel.resolve(plain, Optional.of("1.0"));
        assertThat(v.label()).isEqualTo("1.0");
        assertThat(v.commit()).isEmpty();
    }

    @Test
    void labelsThatCannotBeDirectoryNamesAreRefused() {
        assertThatThrownBy(() -> VersionLabel.resolve(repo, Optional.of("../x")))
                .isInstanceOf(UsageException.class).hasMessageContaining("'../x' is not usable");
        assertThatThrownBy(() -> VersionLabel.resolve(repo, Optional.of("a b")))
                .isInstanceOf(UsageException.class);
    }
}
