package dev.xamal.core.orchestration;

import dev.xamal.core.EnvironmentException;
import java.util.List;
import java.util.stream.Collectors;

/** The outcomes of a {@link FanOut}, one per target, in the order the targets were given. */
public record FanOutResult<T, R>(List<TargetOutcome<T, R>> outcomes) {

    public FanOutResult {
        outcomes = List.copyOf(outcomes);
    }

    public boolean allSucceeded() {
        return outcomes.stream().allMatch(TargetOutcome::succeeded);
    }

    public List<TargetOutcome<T, R>> failures() {
        return outcomes.stream().filter(o -> o.status() == TargetOutcome.Status.FAILED).toList();
    }

    public List<T> notRun() {
        return outcomes.stream().filter(o -> o.status() == TargetOutcome.Status.NOT_RUN)
                .map(TargetOutcome::target).toList();
    }

    /** The results of all targets, in order; throws as {@link #throwIfFailed()} when any failed. */
    public List<R> values() {
        throwIfFailed();
        return outcomes.stream().map(o -> o.value().orElse(null)).toList();
    }

    /**
     * Throws when any target failed. A single failure is rethrown as it is (so its own message,
     * naming host, command and output tail, reaches the user unchanged); several are summarised
     * in one {@link EnvironmentException} with one paragraph per failed target, plus the targets
     * a fail-fast run never started.
     */
    public void throwIfFailed() {
        List<TargetOutcome<T, R>> failed = failures();
        if (failed.isEmpty()) {
            return;
        }
        List<T> skipped = notRun();
        if (failed.size() == 1 && skipped.isEmpty()) {
            throw failed.get(0).failure().orElseThrow();
        }
        String details = failed.stream()
                .map(o -> "- " + o.target() + ": " + o.failure().map(Throwable::getMessage).orElse(""))
                .collect(Collectors.joining("\n"));
        String notStarted = skipped.isEmpty() ? ""
                : "\nNot started after the first failure: "
                        + skipped.stream().map(String::valueOf).collect(Collectors.joining(", "));
        EnvironmentException summary = new EnvironmentException(failed.size() + " of " + outcomes.size()
                + " targets failed:\n" + details + notStarted);
        failed.forEach(o -> o.failure().ifPresent(summary::addSuppressed));
        throw summary;
    }
}
