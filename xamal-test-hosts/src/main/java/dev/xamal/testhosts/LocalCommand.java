package dev.xamal.testhosts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Runs a local program (ssh, ssh-keygen) with a deadline and collects its output. */
final class LocalCommand {

    private LocalCommand() {
    }

    static ExecOutput run(List<String> argv, long timeoutSeconds) {
        Process process;
        try {
            process = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(devNull())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + argv.get(0) + ": " + e.getMessage(), e);
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(argv.get(0) + " did not finish within " + timeoutSeconds + " s: " + argv);
            }
            return new ExecOutput(process.exitValue(), out.get(), err.get());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + argv.get(0), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot read the output of " + argv.get(0), e.getCause());
        }
    }

    private static java.io.File devNull() {
        return new java.io.File("/dev/null");
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
