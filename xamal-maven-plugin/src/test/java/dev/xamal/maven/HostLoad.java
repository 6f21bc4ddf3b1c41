package dev.xamal.maven;

import dev.xamal.testhosts.ExecOutput;
import dev.xamal.testhosts.TestHost;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded load on a test host's Caddy, sent from the host itself: clients (a Perl loop each,
 * {@code load-client.pl}, under {@code systemd-run}) send {@code GET} requests, each on a new
 * connection to 127.0.0.1:80 as a real client reaches Caddy's socket. A test host's mapped port
 * would put Docker's own port proxy in the path, which resets a rare connection while Caddy
 * reloads even where the kernel hands queued connections over (docs/caddy.md).
 *
 * <p>Each client stops by itself after {@code maxRequests} or {@code maxTime}, or, once asked to
 * finish, after a given number of further requests; {@link #start} returns once every client got
 * its first answer.
 */
final class HostLoad implements AutoCloseable {
    /** What the clients saw together. */
    record Result(int requests, List<String> failures, Set<String> versionsSeen, Set<String> versionsAfterDeploy) {
    }

    private static final String SCRIPT = "/usr/local/bin/xamal-load-client.pl";
    private static final Duration POLL = Duration.ofMillis(200);
    private static final AtomicInteger LOADS = new AtomicInteger();

    private final TestHost host;
    private final String dir;
    private final int clients;
    private final Instant clientsEnd;
    private Result result;

    private HostLoad(TestHost host, String dir, int clients, Duration maxTime) {
        this.host = host;
        this.dir = dir;
        this.clients = clients;
        // A request gives up after 10 s; the clients end by then at the latest.
        this.clientsEnd = Instant.now().plus(maxTime).plusSeconds(30);
    }

    /** One client asking for {@code /version} (Host {@code localhost}) without pause. */
    static HostLoad start(TestHost host, int maxRequests, Duration maxTime) {
        return start(host, "localhost", "/version", 1, maxRequests, maxTime, Duration.ZERO);
    }

    /**
     * Starts {@code clients} clients asking for {@code path} with the Host header {@code site},
     * each pausing {@code pause} after every request (a paced load, not a wait for a condition),
     * and waits until each got its first answer.
     */
    static HostLoad start(TestHost host, String site, String path, int clients, int maxRequests, Duration maxTime,
                          Duration pause) {
        String id = "xamal-load-" + ProcessHandle.current().pid() + "-" + LOADS.incrementAndGet();
        HostLoad load = new HostLoad(host, "/tmp/" + id, clients, maxTime);
        // Written aside and renamed: a client of another load on the host may be reading the script.
        String aside = SCRIPT + "." + id;
        StringBuilder line = new StringBuilder("set -e\nmkdir " + load.dir + " && cat > " + aside + " <<'SCRIPT'\n"
                + script() + "SCRIPT\nmv " + aside + " " + SCRIPT + "\n");
        for (int c = 1; c <= clients; c++) {
            line.append(String.join(" ", "systemd-run --quiet --collect --unit=" + id + "-" + c, "perl", SCRIPT,
                    load.dir, String.valueOf(c), site, path, String.valueOf(maxRequests),
                    String.valueOf(maxTime.toSeconds()), String.valueOf(pause.toMillis()))).append('\n');
        }
        host.shell(line.toString());
        load.await("running-", "its first answer within 30 s", Instant.now().plusSeconds(30));
        return load;
    }

    /** The requests sent so far (counted every 50). */
    int requests() {
        return host.shell("cat " + dir + "/progress-* 2>/dev/null; true").lines().mapToInt(Integer::parseInt).sum();
    }

    /** The failed requests so far. */
    List<String> failures() {
        return host.shell("cat " + dir + "/failures 2>/dev/null; true").lines().toList();
    }

    /** Sends {@code more} requests per client from now on, then returns what the clients saw. */
    Result finishAfter(int more) {
        if (result == null) {
            host.shell("echo " + more + " > " + dir + "/finish.new && mv " + dir + "/finish.new " + dir + "/finish");
            await("done-", "finished", clientsEnd);
            result = read();
        }
        return result;
    }

    @Override
    public void close() {
        if (result == null) {
            host.shell("touch " + dir + "/stop");
            await("done-", "stopped", clientsEnd);
            result = read();
        }
    }

    private Result read() {
        int requests = 0;
        Set<String> seen = new LinkedHashSet<>();
        Set<String> after = new LinkedHashSet<>();
        for (String line : host.shell("cat " + dir + "/done-*").lines().toList()) {
            String value = line.substring(line.indexOf(' ') + 1);
            if (line.startsWith("requests ")) {
                requests += Integer.parseInt(value);
            } else if (line.startsWith("seen ")) {
                seen.add(value);
            } else if (line.startsWith("after ")) {
                after.add(value);
            }
        }
        return new Result(requests, failures(), Set.copyOf(seen), Set.copyOf(after));
    }

    /** Waits until every client wrote its file named {@code prefix}{@code <client>}. */
    private void await(String prefix, String what, Instant deadline) {
        String count = "ls " + dir + " | grep -c '^" + prefix + "'";
        while (true) {
            ExecOutput counted = host.exec("sh", "-c", count);
            if (counted.stdout().strip().equals(String.valueOf(clients))) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("load clients on " + host.name() + ": " + counted.stdout().strip() + " of "
                        + clients + " " + what + "; failures so far: " + failures());
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for the load clients on " + host.name(), e);
            }
        }
    }

    private static String script() {
        try (InputStream in = HostLoad.class.getResourceAsStream("/load-client.pl")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
