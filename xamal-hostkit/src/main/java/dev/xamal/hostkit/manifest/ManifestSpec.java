package dev.xamal.hostkit.manifest;

import dev.xamal.core.UsageException;
import dev.xamal.core.config.EnvConfig;
import dev.xamal.core.config.SecretRef;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.spi.ReleaseArtifact;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the release manifest says, already resolved from the configuration and the built release.
 * Secret values never get here: only the names of secret variables.
 *
 * @param app            the service name
 * @param release        the launcher's name: the tarball holds {@code bin/<release>}
 * @param version        the version label, the directory HostKit unpacks into ({@code releases/<version>})
 * @param tarball        the release tarball, an absolute path
 * @param tarballSha256  its SHA-256, lower-case hex
 * @param port           the port the app listens on (its health check's port, and {@code PORT})
 * @param healthPath     the HTTP path that answers 200 once the app is ready
 * @param healthTimeout  seconds HostKit waits for the app to become healthy after a restart
 * @param envClear       variables with their values, in the order written
 * @param secretNames    names of variables whose values are secrets, in the order written
 */
public record ManifestSpec(String app, String release, String version, Path tarball, String tarballSha256, int port,
                           String healthPath, int healthTimeout, Map<String, String> envClear,
                           List<String> secretNames) {
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern RELEASE = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public ManifestSpec {
        envClear = Collections.unmodifiableMap(new LinkedHashMap<>(envClear));
        secretNames = List.copyOf(secretNames);
        if (!VERSION.matcher(version).matches()) {
            throw new UsageException("version '" + version + "' cannot name HostKit's releases/<version> directory: "
                    + "use only letters, digits, '.', '_' and '-' (-Dxamal.version)");
        }
        if (!RELEASE.matcher(release).matches() || release.startsWith(".")) {
            throw new UsageException("release name '" + release + "' cannot name bin/<release>: set release.name to "
                    + "letters, digits, '.', '_' and '-'");
        }
        if (!tarball.isAbsolute() || !tarball.getFileName().toString().endsWith(".tar.gz")) {
            throw new IllegalArgumentException("the tarball must be an absolute path to a .tar.gz: " + tarball);
        }
        if (!SHA256.matcher(tarballSha256).matches()) {
            throw new IllegalArgumentException("not a lower-case hex SHA-256: " + tarballSha256);
        }
        if (port < 1 || port > 65535) {
            throw new UsageException("port " + port + " is not a TCP port: set caddy.app_port to 1-65535");
        }
        if (!healthPath.startsWith("/")) {
            throw new UsageException("health_check.path '" + healthPath + "' must start with '/'");
        }
        if (healthTimeout < 1) {
            throw new UsageException("deploy_timeout must be at least 1 second, was " + healthTimeout);
        }
    }

    /**
     * The manifest of a built release under this configuration: the primary role's env (the
     * global env merged in) with {@code PORT} set to {@code caddy.app_port}, the port the health
     * check probes at {@code health_check.path}; HostKit waits {@code deploy_timeout} seconds for
     * it to answer 200.
     */
    public static ManifestSpec of(XamalConfig config, ReleaseArtifact release) {
        int port = config.caddy().appPort();
        EnvConfig env = config.primary().env();
        Map<String, String> clear = new LinkedHashMap<>(env.clear());
        clear.put("PORT", Integer.toString(port));
        return new ManifestSpec(config.service(), release.name(), release.version(), release.tarball(), release.sha256(),
                port, config.healthCheck().path(), config.deployTimeout(), clear,
                env.secret().stream().map(SecretRef::variable).toList());
    }

    /** The URL HostKit probes: on the server itself, at the app's port and health path. */
    public String healthUrl() {
        return "http://127.0.0.1:" + port + healthPath;
    }
}
