package dev.xamal.core.orchestration;

import dev.xamal.core.config.XamalConfig;
import java.time.Duration;

/**
 * The timings of a boot, from the configuration.
 *
 * @param healthPath     the path probed ({@code health_check.path})
 * @param interval       time between probes and between liveness checks ({@code health_check.interval})
 * @param probeTimeout   the most one probe may take ({@code health_check.timeout})
 * @param deployTimeout  the most a new instance may take to become healthy ({@code deploy_timeout})
 * @param drainTimeout   the most a drain may take ({@code drain_timeout})
 * @param readinessDelay how long a role without proxy must stay up ({@code readiness_delay})
 * @param drainPoll      time between two looks at the old instance's in-flight requests
 */
public record BootSettings(String healthPath, Duration interval, Duration probeTimeout, Duration deployTimeout,
                           Duration drainTimeout, Duration readinessDelay, Duration drainPoll) {
    /** How often a drain looks at the in-flight count: short, so the old instance stops soon after its last request. */
    public static final Duration DEFAULT_DRAIN_POLL = Duration.ofMillis(100);

    public static BootSettings of(XamalConfig config) {
        return new BootSettings(config.healthCheck().path(), Duration.ofSeconds(config.healthCheck().interval()),
                Duration.ofSeconds(config.healthCheck().timeout()), Duration.ofSeconds(config.deployTimeout()),
                Duration.ofSeconds(config.drainTimeout()), Duration.ofSeconds(config.readinessDelay()),
                DEFAULT_DRAIN_POLL);
    }
}
