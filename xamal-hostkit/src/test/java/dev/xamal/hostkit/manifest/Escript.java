package dev.xamal.hostkit.manifest;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code escript} (package {@code erlang-base}): a real Erlang VM for the tests. Missing,
 * it fails the test under {@code CI=true} and skips it elsewhere with a line saying how to get it.
 */
final class Escript {
    record Result(int status, String output) {
    }

    private Escript() {
    }

    static Path require() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "escript");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String how = "escript is not on PATH: install Debian's erlang-base (apt-get install -y erlang-base; "
                + "scripts/test does it when run as root)";
        if ("true".equals(System.getenv("CI"))) {
            fail(how + " - required under CI=true");
        }
        Assumptions.abort(how);
        throw new AssertionError("unreachable");
    }

    static Result run(Path script, String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(require().toString(), script.toString()));
        argv.addAll(List.of(args));
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("escript did not finish within 60 s: " + argv);
        }
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
