package dev.xamal.core.orchestration;

import java.util.Objects;
import java.util.Optional;

/**
 * What happened on one target of a {@link FanOut}.
 *
 * @param target  the target the action ran on
 * @param status  whether the action succeeded, failed, or never started
 * @param value   the action's result when it succeeded (empty if it returned {@code null})
 * @param failure the exception when it failed
 */
public record TargetOutcome<T, R>(T target, Status status, Optional<R> value,
                                  Optional<RuntimeException> failure) {

    public enum Status { SUCCEEDED, FAILED, NOT_RUN }

    public TargetOutcome {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(failure, "failure");
        if ((status == Status.FAILED) != failure.isPresent()) {
            throw new IllegalArgumentException("a failure is given exactly when the status is FAILED");
        }
    }

    static <T, R> TargetOutcome<T, R> succeeded(T target, R value) {
        return new TargetOutcome<>(target, Status.SUCCEEDED, Optional.ofNullable(value), Optional.empty());
    }

    static <T, R> TargetOutcome<T, R> failed(T target, RuntimeException failure) {
        return new TargetOutcome<>(target, Status.FAILED, Optional.empty(), Optional.of(failure));
    }

    static <T, R> TargetOutcome<T, R> notRun(T target) {
        return new TargetOutcome<>(target, Status.NOT_RUN, Optional.empty(), Optional.empty());
    }

    public boolean succeeded() {
        return status == Status.SUCCEEDED;
    }
}
