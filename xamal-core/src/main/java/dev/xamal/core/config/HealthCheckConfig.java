package dev.xamal.core.config;

/**
 * How a booted app is probed ({@code health_check:}); any 2xx answer is healthy.
 *
 * @param path     the HTTP path probed (default {@code /health})
 * @param interval seconds between probes (default 1)
 * @param timeout  seconds one probe may take (default 5)
 */
public record HealthCheckConfig(String path, int interval, int timeout) {
    public static final String DEFAULT_PATH = "/health";
    public static final int DEFAULT_INTERVAL = 1;
    public static final int DEFAULT_TIMEOUT = 5;
}
