package dev.xamal.maven;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** One slow request ({@code /slow?ms=N}) through a mapped Caddy port, on its own thread. */
final class SlowRequest {
    /** Its answer and when the whole response had arrived. */
    record Outcome(HttpThroughCaddy.Answer answer, Instant finished) {
    }

    private final int port;
    private final int millis;
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();

    SlowRequest(int port, int millis) {
        this.port = port;
        this.millis = millis;
    }

    void start() {
        Thread thread = new Thread(() -> {
            try {
                HttpThroughCaddy.Answer answer = HttpThroughCaddy.request(port, "/slow?ms=" + millis, millis + 30_000);
                outcome.complete(new Outcome(answer, Instant.now()));
            } catch (Exception e) {
                outcome.completeExceptionally(e);
            }
        }, "slow-request");
        thread.setDaemon(true);
        thread.start();
    }

    Outcome await() throws InterruptedException, ExecutionException {
        return outcome.get();
    }
}
