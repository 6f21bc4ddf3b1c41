package dev.xamal.core.secrets;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the {@code $(command)}s of the secrets files: each with {@code sh -c} on this machine, in
 * the project directory, with the given environment and no standard input, at most
 * {@code maxParallel} at once. A command's result is its standard output, strictly UTF-8, with
 * trailing newlines removed (as {@code sh} does); its standard error is kept only to explain a
 * failure.
 */
final class CommandSubstitutions {
    /** How many lines of a failed command's standard error a message shows. */
    static final int STDERR_TAIL_LINES = 20;

    private final Path workingDir;
    private final Map<String, String> environment;
    private final int maxParallel;
    private final Duration timeout;

    /** What became of one command. */
    record Outcome(Kind kind, String output, String detail) {
        enum Kind { OK, FAILED, NOT_UTF8 }

        static Outcome ok(String output) {
            return new Outcome(Kind.OK, output, "");
        }

        static Outcome failed(String detail) {
            return new Outcome(Kind.FAILED, "", detail);
        }
    }

    CommandSubstitutions(Path workingDir, Map<String, String> environment, int maxParallel, Duration timeout) {
        if (maxParallel < 1) {
            throw new IllegalArgumentException("maxParallel must be at least 1");
        }
        this.workingDir = workingDir;
        this.environment = Map.copyOf(environment);
        this.maxParallel = maxParallel;
        this.timeout = timeout;
    }

    /** Runs every command and returns their outcomes in the same order; never throws for a failed command. */
    List<Outcome> run(List<String> commands) {
        if (commands.isEmpty()) {
            return List.of();
        }
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService runners = Executors.newFixedThreadPool(Math.min(maxParallel, commands.size()), r -> {
            Thread t = new Thread(r, "xamal-secrets-command-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ExecutorService readers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "xamal-secrets-output-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (String command : commands) {
                futures.add(runners.submit(() -> runOne(command, readers)));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> future : futures) {
                outcomes.add(await(future));
            }
            return outcomes;
        } finally {
            runners.shutdownNow();
            readers.shutdownNow();
        }
    }

    private Outcome runOne(String command, ExecutorService readers) {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", command)
                .directory(workingDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return Outcome.failed("could not be started: " + e.getMessage());
        }
        CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()), readers);
        CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()), readers);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            boolean exited = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
            byte[] out = exited ? stdout.get(remaining(deadline), TimeUnit.NANOSECONDS) : null;
            byte[] err = exited ? stderr.get(remaining(deadline), TimeUnit.NANOSECONDS) : new byte[0];
            if (!exited) {
                kill(process);
                return Outcome.failed("did not finish within " + timeout.toSeconds() + " s and was stopped");
            }
            if (process.exitValue() != 0) {
                return Outcome.failed("exited with status " + process.exitValue() + stderrTail(err));
            }
            return decode(out, err);
        } catch (TimeoutException e) {
            kill(process);
            return Outcome.failed("finished, but a process it started kept its output open for more than "
                    + timeout.toSeconds() + " s; it was stopped");
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            return Outcome.failed("was interrupted");
        } catch (ExecutionException e) {
            kill(process);
            return Outcome.failed("output could not be read: " + e.getCause().getMessage());
        }
    }

    private static Outcome decode(byte[] out, byte[] err) {
        Optional<String> decoded = StrictUtf8.decode(out);
        if (decoded.isEmpty()) {
            return new Outcome(Outcome.Kind.NOT_UTF8, "", "printed bytes that are not UTF-8 text" + stderrTail(err));
        }
        String text = decoded.get();
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '\n') {
            end--;
        }
        return Outcome.ok(text.substring(0, end));
    }

    private static String stderrTail(byte[] err) {
        String text = new String(err, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return " (nothing on standard error)";
        }
        String[] lines = text.split("\\R");
        int from = Math.max(0, lines.length - STDERR_TAIL_LINES);
        StringBuilder tail = new StringBuilder(" and standard error:");
        for (int i = from; i < lines.length; i++) {
            tail.append("\n  ").append(lines[i]);
        }
        return tail.toString();
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private static Outcome await(Future<Outcome> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.failed("was interrupted");
        } catch (ExecutionException e) {
            return Outcome.failed("failed: " + e.getCause());
        }
    }
}
