package dev.xamal.testhosts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What to start: {@code count} public hosts named h1..hN, optional private hosts, the image variant,
 * extra tmpfs mounts on every host, optionally fixed localhost ports for the public hosts, and the
 * network kernel settings every host starts with.
 */
public record HostsSpec(int count, List<String> privateHosts, ImageVariant variant, Map<String, String> tmpfs,
                        List<FixedPorts> fixedPorts, Ownership owner, Map<String, String> sysctls) {

    /**
     * The kernel settings xamal's bootstrap turns on on a server (Caddy's reloads hand queued
     * connections to the new socket), which a container cannot turn on itself (its
     * {@code /proc/sys} is read-only), so hosts start with them unless told otherwise.
     */
    public static final Map<String, String> BOOTSTRAP_SYSCTLS = Map.of("net.ipv4.tcp_migrate_req", "1");

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,30}");
    private static final Pattern SIZE = Pattern.compile("[0-9]+[kmg]?");
    private static final Pattern NETWORK_SETTING = Pattern.compile("net\\.[a-z0-9_.]+");

    /** Host ports for one public host (SSH, HTTP, HTTPS). */
    public record FixedPorts(int ssh, int http, int https) {
    }

    public HostsSpec {
        if (count < 0 || count + privateHosts.size() == 0) {
            throw new IllegalArgumentException("Start at least one host (count was " + count + ")");
        }
        for (String name : privateHosts) {
            if (!NAME.matcher(name).matches() || name.matches("h[0-9]+")) {
                throw new IllegalArgumentException("Private host name '" + name
                        + "' must match [a-z][a-z0-9-]* and must not look like a public host (h1, h2, ...)");
            }
        }
        if (privateHosts.stream().distinct().count() != privateHosts.size()) {
            throw new IllegalArgumentException("Private host names repeat: " + privateHosts);
        }
        for (Map.Entry<String, String> mount : tmpfs.entrySet()) {
            if (!mount.getKey().startsWith("/") || !SIZE.matcher(mount.getValue()).matches()) {
                throw new IllegalArgumentException("tmpfs " + mount.getKey() + "=" + mount.getValue()
                        + ": the path must be absolute and the size like 16m");
            }
        }
        if (!fixedPorts.isEmpty() && fixedPorts.size() != count) {
            throw new IllegalArgumentException("Fixed ports given for " + fixedPorts.size() + " hosts, but "
                    + count + " public hosts requested");
        }
        for (String setting : sysctls.keySet()) {
            if (!NETWORK_SETTING.matcher(setting).matches()) {
                throw new IllegalArgumentException("Kernel setting " + setting + ": only the host's own network"
                        + " settings (net.*) can be set per host");
            }
        }
        privateHosts = List.copyOf(privateHosts);
        tmpfs = Map.copyOf(tmpfs);
        sysctls = Map.copyOf(sysctls);
        fixedPorts = List.copyOf(fixedPorts);
    }

    public List<String> publicNames() {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            names.add("h" + i);
        }
        return names;
    }

    /** Starts from {@code count} default hosts owned by this JVM. */
    public static Builder builder(int count) {
        return new Builder(count);
    }

    /** Options for {@link HostsSpec}; also behind {@link TestHosts#builder(int)}. */
    public static final class Builder {
        private final int count;
        private final List<String> privateHosts = new ArrayList<>();
        private final Map<String, String> tmpfs = new LinkedHashMap<>();
        private final List<FixedPorts> fixedPorts = new ArrayList<>();
        private ImageVariant variant = ImageVariant.DEFAULT;
        private Ownership owner;
        private Map<String, String> sysctls = BOOTSTRAP_SYSCTLS;

        private Builder(int count) {
            this.count = count;
        }

        /** The image every host runs (default: {@link ImageVariant#DEFAULT}). */
        public Builder variant(ImageVariant imageVariant) {
            this.variant = imageVariant;
            return this;
        }

        /** Adds a host with no mapped ports, reachable from the other hosts as {@code name}. */
        public Builder privateHost(String name) {
            privateHosts.add(name);
            return this;
        }

        /** Mounts a tmpfs of {@code size} (e.g. {@code 16m}) at {@code path} on every host, programs allowed to run from it. */
        public Builder tmpfs(String path, String size) {
            tmpfs.put(path, size);
            return this;
        }

        /** Binds public host i (in order) to these localhost ports instead of random ones. */
        public Builder fixedPorts(int ssh, int http, int https) {
            fixedPorts.add(new FixedPorts(ssh, http, https));
            return this;
        }

        /**
         * Starts the hosts with the kernel's own network settings instead of {@link #BOOTSTRAP_SYSCTLS}:
         * like a server bootstrap has not run on, except that bootstrap cannot change them either.
         */
        public Builder kernelDefaults() {
            this.sysctls = Map.of();
            return this;
        }

        /** Labels the hosts as owned by another process (default: this JVM). */
        public Builder owner(Ownership ownership) {
            this.owner = ownership;
            return this;
        }

        /** The JUnit extension that starts these hosts (validates the options now). */
        public TestHosts build() {
            spec();
            return new TestHosts(this);
        }

        public HostsSpec spec() {
            return new HostsSpec(count, privateHosts, variant, tmpfs, fixedPorts,
                    owner == null ? Ownership.ofThisProcess() : owner, sysctls);
        }
    }
}
