package dev.xamal.testhosts;

import java.util.Map;

/**
 * Whether real-host tests run. They run under {@code CI=true} or when forced with
 * {@code -Dxamal.realHosts=true} / {@code XAMAL_REAL_HOSTS=true}; then a missing engine or image
 * fails them. Elsewhere they are skipped.
 */
public record RealHostsPolicy(boolean ci, boolean forced) {

    /** Marks every skip so scripts/test can count them in the surefire reports. */
    public static final String SKIP_MESSAGE = "Real-host tests are off: run scripts/provision-test-hosts, then"
            + " mvn -Dxamal.realHosts=true (or XAMAL_REAL_HOSTS=true, or CI=true) to run them";

    public static final String HOW_TO_PROVISION = "run scripts/provision-test-hosts (as root) first";

    public static RealHostsPolicy current() {
        return of(System.getenv(), System.getProperty("xamal.realHosts"));
    }

    static RealHostsPolicy of(Map<String, String> env, String realHostsProperty) {
        boolean ci = isTrue(env.get("CI"));
        boolean forced = isTrue(realHostsProperty) || isTrue(env.get("XAMAL_REAL_HOSTS"));
        return new RealHostsPolicy(ci, forced);
    }

    public boolean enabled() {
        return ci || forced;
    }

    private static boolean isTrue(String value) {
        return value != null && value.trim().equalsIgnoreCase("true");
    }
}
