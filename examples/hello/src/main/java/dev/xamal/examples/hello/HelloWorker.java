package dev.xamal.examples.hello;

import java.time.Duration;

/**
 * The example app's background worker, for a role without proxy
 * ({@code cmd: run dev.xamal.examples.hello.HelloWorker}): prints
 * {@code hello worker <version> started}, then {@code hello worker <version> working} every
 * {@code HELLO_WORKER_EVERY} seconds (default 5) until stopped. {@code HELLO_FAIL_AT_START=true}
 * makes it exit with status 1 at once.
 */
public final class HelloWorker {
    private HelloWorker() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (Boolean.parseBoolean(System.getenv("HELLO_FAIL_AT_START"))) {
            System.err.println("hello worker: failing at start (HELLO_FAIL_AT_START)");
            System.exit(1);
        }
        String version = System.getenv().getOrDefault("XAMAL_VERSION", "unknown");
        Duration every = Duration.ofSeconds(Long.parseLong(System.getenv().getOrDefault("HELLO_WORKER_EVERY", "5")));
        System.out.println("hello worker " + version + " started");
        while (true) {
            Thread.sleep(every.toMillis());
            System.out.println("hello worker " + version + " working");
        }
    }
}
