package dev.xamal.maven;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A bounded load loop: one thread sends {@code GET /version} on a new connection after another
 * through a mapped Caddy port (optionally pausing between requests, to keep the machine's load
 * modest), and stops by itself after {@code maxRequests} or {@code maxTime}, or after a given
 * number of requests once asked to finish.
 */
final class LoadLoop implements AutoCloseable {
    /** What the loop saw. */
    record Result(int requests, List<String> failures, Set<String> versionsSeen, Set<String> versionsAfterDeploy) {
    }

    private final int port;
    private final int maxRequests;
    private final long deadlineNanos;
    private final Thread thread;
    private final AtomicInteger remainingAfterFinish = new AtomicInteger(-1);
    private final List<String> failures = new ArrayList<>();
    private final Set<String> versions = new LinkedHashSet<>();
    private final Set<String> versionsAfter = new LinkedHashSet<>();
    private final AtomicReference<Integer> count = new AtomicReference<>(0);
    private final long pauseMillis;

    private LoadLoop(int port, int maxRequests, java.time.Duration maxTime, java.time.Duration pause) {
        this.port = port;
        this.pauseMillis = pause.toMillis();
        this.maxRequests = maxRequests;
        this.deadlineNanos = System.nanoTime() + maxTime.toNanos();
        this.thread = new Thread(this::loop, "load-loop");
        this.thread.setDaemon(true);
    }

    static LoadLoop start(int port, int maxRequests, java.time.Duration maxTime) {
        return start(port, maxRequests, maxTime, java.time.Duration.ZERO);
    }

    /** A loop that pauses {@code pause} after each request (a paced loop, not a wait for a condition). */
    static LoadLoop start(int port, int maxRequests, java.time.Duration maxTime, java.time.Duration pause) {
        LoadLoop loop = new LoadLoop(port, maxRequests, maxTime, pause);
        loop.thread.start();
        return loop;
    }

    /** The requests sent so far. */
    int requests() {
        return count.get();
    }

    /** The failures so far. */
    synchronized List<String> failures() {
        return List.copyOf(failures);
    }

    private void loop() {
        int sent = 0;
        while (sent < maxRequests && System.nanoTime() < deadlineNanos && remainingAfterFinish.get() != 0) {
            boolean afterFinish = remainingAfterFinish.get() > 0;
            sent++;
            try {
                HttpThroughCaddy.Answer answer = HttpThroughCaddy.request(port, "/version", 10_000);
                synchronized (this) {
                    if (answer.status() != 200) {
                        failures.add("status " + answer.status() + ": " + answer.body());
                    } else {
                        (afterFinish ? versionsAfter : versions).add(answer.body().strip());
                    }
                }
            } catch (Exception e) {
                synchronized (this) {
                    failures.add(e.toString());
                }
            }
            if (afterFinish) {
                remainingAfterFinish.decrementAndGet();
            }
            count.set(sent);
            if (pauseMillis > 0) {
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Sends {@code more} requests from now on, then returns what the loop saw. */
    Result finishAfter(int more) throws InterruptedException {
        remainingAfterFinish.set(more);
        thread.join();
        synchronized (this) {
            return new Result(count.get(), List.copyOf(failures), Set.copyOf(versions), Set.copyOf(versionsAfter));
        }
    }

    @Override
    public void close() throws InterruptedException {
        remainingAfterFinish.compareAndSet(-1, 0);
        thread.join();
    }
}
