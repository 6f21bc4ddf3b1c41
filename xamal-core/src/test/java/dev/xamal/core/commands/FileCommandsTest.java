package dev.xamal.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file reads and clean-ups that start no process: each runs in {@code sh} with a {@code PATH}
 * where no program can be found, so any program it started would fail the run.
 */
class FileCommandsTest {
    private record Run(int status, String stdout, String stderr) {
    }

    private static Run withoutPrograms(Path dir, String line) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", line).directory(dir.toFile());
        builder.environment().put("PATH", dir.resolve("no-programs-here").toString());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), out, err);
    }

    @Test
    void aSmallTextFileIsReadByTheShellAloneLineByLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("maintenance");
        Files.writeString(file, "retry_after 30\nmessage  Back soon \\o/ $HOME\n\nlast line without newline");
        Run run = withoutPrograms(dir, FileCommands.readTextIfPresent(file.toString()));
        assertThat(run).isEqualTo(new Run(0,
                "retry_after 30\nmessage  Back soon \\o/ $HOME\n\nlast line without newline\n", ""));

        Files.writeString(file, "4001\n");
        assertThat(withoutPrograms(dir, FileCommands.readTextIfPresent(file.toString())))
                .isEqualTo(new Run(0, "4001\n", ""));
        Files.writeString(file, "");
        assertThat(withoutPrograms(dir, FileCommands.readTextIfPresent(file.toString()))).isEqualTo(new Run(0, "", ""));
    }

    @Test
    void aMissingFileReadsAsNothingAndSucceeds(@TempDir Path dir) throws Exception {
        assertThat(withoutPrograms(dir, FileCommands.readTextIfPresent(dir.resolve("active_port").toString())))
                .isEqualTo(new Run(0, "", ""));
        assertThat(withoutPrograms(dir, FileCommands.readTextIfPresent(dir.resolve("a dir with spaces/x").toString())))
                .isEqualTo(new Run(0, "", ""));
    }

    @Test
    void aPrivateFileGetsItsModeFromChmodNotFromTheUmaskAlone() {
        VerifiedWrite env = VerifiedWrite.of("/opt/xamal/shop/env/web-4001.env", 0600, new byte[] {1},
                new byte[] {1, 2, 3, 4, 5, 6});
        assertThat(env.createEmpty()).startsWith("umask 077 && set -C && : > ")
                .endsWith(" && chmod 0600 '/opt/xamal/shop/env/.web-4001.env.xamal-010203040506.part'");
    }

    @Test
    void leftoversOfInterruptedWritesAreRemovedAndRmRunsOnlyWhenThereAreAny(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("env/web-4001.env");
        Files.createDirectories(target.getParent());
        VerifiedWrite write = VerifiedWrite.of(target.toString(), 0600, new byte[] {1}, new byte[] {1, 2, 3, 4, 5, 6});
        assertThat(withoutPrograms(dir, write.removeLeftovers() + "; echo went-on"))
                .as("nothing to remove: no program started").isEqualTo(new Run(0, "went-on\n", ""));

        Path leftover = dir.resolve("env/.web-4001.env.xamal-0a0b0c0d0e0f.part");
        Path other = dir.resolve("env/.web-4000.env.xamal-0a0b0c0d0e0f.part");
        Files.writeString(leftover, "cut off");
        Files.createSymbolicLink(dir.resolve("env/.web-4001.env.xamal-dangling.part"), dir.resolve("gone"));
        Files.writeString(other, "another file's");
        Files.writeString(target, "TOKEN=1\n");
        Process process = new ProcessBuilder("/bin/sh", "-c", write.removeLeftovers()).start();
        assertThat(process.waitFor()).isZero();
        try (var left = Files.list(target.getParent())) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("web-4001.env", ".web-4000.env.xamal-0a0b0c0d0e0f.part");
        }
    }
}
