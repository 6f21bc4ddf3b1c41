package dev.xamal.core.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xamal.core.EnvironmentException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FanOutTest {

    @Test
    void runsEveryTargetAndKeepsTheTargetsOrder() {
        List<Integer> targets = IntStream.rangeClosed(1, 20).boxed().toList();

        FanOutResult<Integer, Integer> result = new FanOut(4, FanOut.Mode.REPORT_ALL).run(targets, n -> n * n);

        assertThat(result.allSucceeded()).isTrue();
        assertThat(result.values()).containsExactlyElementsOf(targets.stream().map(n -> n * n).toList());
        assertThat(result.outcomes()).extracting(TargetOutcome::target).containsExactlyElementsOf(targets);
    }

    @Test
    void runsTargetsInParallelUpToTheBoundAndNeverBeyondIt() throws Exception {
        int bound = 3;
        AtomicInteger running = new AtomicInteger();
        AtomicInteger highest = new AtomicInteger();
        CountDownLatch allBoundStarted = new CountDownLatch(bound);

        FanOutResult<Integer, Integer> result = new FanOut(bound, FanOut.Mode.REPORT_ALL).run(
                IntStream.range(0, 12).boxed().toList(), n -> {
                    highest.accumulateAndGet(running.incrementAndGet(), Math::max);
                    allBoundStarted.countDown();
                    try {
                        // each of the first actions waits until `bound` of them run at once
                        if (!allBoundStarted.await(10, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("targets did not run in parallel");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        running.decrementAndGet();
                    }
                    return n;
                });

        assertThat(result.allSucceeded()).isTrue();
        assertThat(highest.get()).isEqualTo(bound);
    }

    @Test
    void reportAllRunsEveryTargetAndReportsEachFailure() {
        FanOutResult<String, String> result = new FanOut(2, FanOut.Mode.REPORT_ALL).run(
                List.of("web1", "web2", "web3", "web4"), host -> {
                    if (host.equals("web2") || host.equals("web4")) {
                        throw new EnvironmentException("boom on " + host);
                    }
                    return "ok " + host;
                });

        assertThat(result.outcomes()).extracting(TargetOutcome::status).containsExactly(
                TargetOutcome.Status.SUCCEEDED, TargetOutcome.Status.FAILED,
                TargetOutcome.Status.SUCCEEDED, TargetOutcome.Status.FAILED);
        assertThat(result.outcomes().get(0).value()).contains("ok web1");
        assertThat(result.notRun()).isEmpty();
        assertThatThrownBy(result::throwIfFailed)
                .isInstanceOf(EnvironmentException.class)
                .hasMessageContaining("2 of 4 targets failed")
                .hasMessageContaining("- web2: boom on web2")
                .hasMessageContaining("- web4: boom on web4");
    }

    @Test
    void failFastStartsNoTargetAfterTheFirstFailure() {
        AtomicInteger started = new AtomicInteger();

        FanOutResult<Integer, Integer> result = new FanOut(1, FanOut.Mode.FAIL_FAST).run(
                List.of(1, 2, 3, 4), n -> {
                    started.incrementAndGet();
                    if (n == 2) {
                        throw new EnvironmentException("host " + n + " is down");
                    }
                    return n;
                });

        assertThat(started.get()).isEqualTo(2);
        assertThat(result.outcomes()).extracting(TargetOutcome::status).containsExactly(
                TargetOutcome.Status.SUCCEEDED, TargetOutcome.Status.FAILED,
                TargetOutcome.Status.NOT_RUN, TargetOutcome.Status.NOT_RUN);
        assertThatThrownBy(result::throwIfFailed)
                .hasMessageContaining("1 of 4 targets failed")
                .hasMessageContaining("- 2: host 2 is down")
                .hasMessageContaining("Not started after the first failure: 3, 4");
    }

    @Test
    void failFastLetsRunningTargetsFinish() throws Exception {
        CountDownLatch secondStarted = new CountDownLatch(1);
        FanOutResult<Integer, Integer> result = new FanOut(2, FanOut.Mode.FAIL_FAST).run(
                List.of(1, 2), n -> {
                    if (n == 1) {
                        await(secondStarted);
                        throw new EnvironmentException("first failed");
                    }
                    secondStarted.countDown();
                    return n;
                });

        assertThat(result.outcomes()).extracting(TargetOutcome::status).containsExactly(
                TargetOutcome.Status.FAILED, TargetOutcome.Status.SUCCEEDED);
    }

    @Test
    void aSingleFailureIsRethrownUnchanged() {
        EnvironmentException original = new EnvironmentException("Command failed on web1 with exit status 3");
        FanOutResult<String, String> result = new FanOut(2, FanOut.Mode.REPORT_ALL).run(
                List.of("web1", "web2"), host -> {
                    if (host.equals("web1")) {
                        throw original;
                    }
                    return host;
                });

        assertThatThrownBy(result::values).isSameAs(original);
    }

    @Test
    void noTargetsIsAnEmptySuccess() {
        FanOutResult<String, String> result = new FanOut(3, FanOut.Mode.FAIL_FAST).run(List.of(), s -> s);

        assertThat(result.outcomes()).isEmpty();
        assertThat(result.allSucceeded()).isTrue();
    }

    @Test
    void refusesAConcurrencyBelowOne() {
        assertThatThrownBy(() -> new FanOut(0, FanOut.Mode.REPORT_ALL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("timed out waiting for the other target");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
