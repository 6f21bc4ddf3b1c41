package dev.xamal.core.release;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Extracts release tarballs with the system's tar and runs their launchers, as a server would. */
final class ReleaseRun {
    private ReleaseRun() {
    }

    /**
     * Java statements for a test app's {@code main}: with the argument {@code wait}, print
     * {@code ready} and block, so a test can signal a running JVM.
     */
    static final String WAIT_WHEN_ASKED = """
            if (args.length > 0 && args[0].equals("wait")) {
                System.out.println("ready");
                System.out.flush();
                Thread.sleep(120_000);
            }""";

    /**
     * Starts {@code launcher start wait}, waits for {@code ready}, sends SIGTERM to the launcher's
     * pid (the JVM, after {@code exec}) and returns the exit status.
     */
    static int statusAfterSigterm(Path dir, Path launcher) throws IOException, InterruptedException {
        Process process = start(dir, Map.of(), launcher.toString(), "start", "wait");
        try {
            awaitLine(process, "ready");
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(launcher + " did not end within 30 s of SIGTERM");
            }
            return process.exitValue();
        } finally {
            process.destroyForcibly();
        }
    }

    static Path extract(Path tarball, Path into) throws IOException, InterruptedException {
        java.nio.file.Files.createDirectories(into);
        Process tar = new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", into.toString())
                .redirectErrorStream(true).start();
        String out = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (tar.waitFor() != 0) {
            throw new IllegalStateException("tar failed: " + out);
        }
        return into;
    }

    /** Runs a command to its end (at most a minute) and returns exit status and combined output. */
    static Result run(Path dir, Map<String, String> env, String... argv) throws IOException, InterruptedException {
        Process process = start(dir, env, argv);
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("did not finish: " + List.of(argv));
        }
        return new Result(process.exitValue(), out);
    }

    static Process start(Path dir, Map<String, String> env, String... argv) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().remove("JAVA_OPTS");
        builder.environment().putAll(env);
        return builder.start();
    }

    /** Reads lines until one contains {@code marker}; returns all lines read. */
    static List<String> awaitLine(Process process, String marker) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = reader.readLine()) != null) {
            lines.add(line);
            if (line.contains(marker)) {
                return lines;
            }
        }
        throw new IllegalStateException("process ended before printing '" + marker + "': " + lines);
    }

    record Result(int status, String output) {
    }
}
