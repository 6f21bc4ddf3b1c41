package dev.xamal.core.orchestration;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs one action on many targets (usually hosts) in parallel, at most {@code concurrency} at a
 * time, and reports one {@link TargetOutcome} per target in the order the targets were given.
 *
 * <p>In {@link Mode#FAIL_FAST} mode the first failure stops targets that have not started yet
 * (they are reported as {@link TargetOutcome.Status#NOT_RUN}); actions already running are let
 * finish, because abandoning a remote step half-way leaves its host in an unknown state. In
 * {@link Mode#REPORT_ALL} mode every target runs whatever the others do.
 */
public final class FanOut {

    /** What one failure does to the targets that have not started yet. */
    public enum Mode { FAIL_FAST, REPORT_ALL }

    private static final AtomicInteger POOL_NUMBER = new AtomicInteger();

    private final int concurrency;
    private final Mode mode;

    public FanOut(int concurrency, Mode mode) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
        }
        this.concurrency = concurrency;
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    public int concurrency() {
        return concurrency;
    }

    public Mode mode() {
        return mode;
    }

    /**
     * Runs {@code action} once per target. Runtime exceptions thrown by the action are caught and
     * reported in the target's outcome; errors ({@link Error}) propagate.
     */
    public <T, R> FanOutResult<T, R> run(List<T> targets, Function<? super T, ? extends R> action) {
        Objects.requireNonNull(action, "action");
        List<T> ordered = List.copyOf(targets);
        if (ordered.isEmpty()) {
            return new FanOutResult<>(List.of());
        }
        int threads = Math.min(concurrency, ordered.size());
        ExecutorService pool = Executors.newFixedThreadPool(threads, threadFactory());
        AtomicBoolean stopped = new AtomicBoolean();
        try {
            List<Future<TargetOutcome<T, R>>> futures = new ArrayList<>(ordered.size());
            for (T target : ordered) {
                futures.add(pool.submit(() -> runOne(target, action, stopped)));
            }
            List<TargetOutcome<T, R>> outcomes = new ArrayList<>(ordered.size());
            for (Future<TargetOutcome<T, R>> future : futures) {
                outcomes.add(await(future));
            }
            return new FanOutResult<>(outcomes);
        } finally {
            pool.shutdown();
        }
    }

    private <T, R> TargetOutcome<T, R> runOne(T target, Function<? super T, ? extends R> action,
                                              AtomicBoolean stopped) {
        if (stopped.get()) {
            return TargetOutcome.notRun(target);
        }
        try {
            return TargetOutcome.succeeded(target, action.apply(target));
        } catch (RuntimeException failure) {
            if (mode == Mode.FAIL_FAST) {
                stopped.set(true);
            }
            return TargetOutcome.failed(target, failure);
        }
    }

    private static <V> V await(Future<V> future) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (java.util.concurrent.ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException("fan-out task failed unexpectedly", cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static ThreadFactory threadFactory() {
        int poolNumber = POOL_NUMBER.incrementAndGet();
        AtomicInteger threadNumber = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable,
                    "xamal-fanout-" + poolNumber + "-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
