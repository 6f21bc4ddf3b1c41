package dev.xamal.core.release;

import dev.xamal.core.config.ReleaseConfig;
import dev.xamal.core.UsageException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The release's {@code RELEASE} file: {@code key=value} lines saying what the release is. The
 * launcher reads {@code version}; deploys read the platform and the layer digests.
 *
 * <p>{@code layer.application} is the digest of the application layer <em>as written without
 * RELEASE</em> (RELEASE cannot contain its own digest); the other layer digests are those of the
 * layer files.
 *
 * @param service    the service
 * @param version    the version label
 * @param commit     the full commit id, if built from git
 * @param commitTime the commit's time, if built from git
 * @param dirty      whether uncommitted changes were built
 * @param platform   the platform it runs on
 * @param runtime    {@code jlink} or {@code system}
 * @param modules    the linked modules (empty for {@code system})
 * @param layers     each layer's digest
 */
public record ReleaseManifest(String service, String version, Optional<String> commit, Optional<Instant> commitTime,
                              boolean dirty, Platform platform, ReleaseConfig.Runtime runtime, List<String> modules,
                              Map<LayerKind, String> layers) {
    public static final String FILE_NAME = "RELEASE";

    public ReleaseManifest {
        modules = List.copyOf(modules);
        layers = Map.copyOf(layers);
    }

    public String render() {
        StringBuilder s = new StringBuilder();
        line(s, "service", service);
        line(s, "version", version);
        line(s, "commit", commit.orElse(""));
        line(s, "commit_time", commitTime.map(Instant::toString).orElse(""));
        line(s, "dirty", Boolean.toString(dirty));
        line(s, "platform", platform.osArch());
        line(s, "java", Integer.toString(platform.javaFeature()));
        line(s, "runtime", runtime.yaml());
        line(s, "modules", String.join(",", modules));
        for (LayerKind kind : LayerKind.values()) {
            line(s, "layer." + kind.key(), layers.getOrDefault(kind, "none"));
        }
        return s.toString();
    }

    /** Reads a RELEASE file's text (as {@link #render()} writes it). */
    public static ReleaseManifest parse(String text, String where) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        for (String key : List.of("service", "version", "platform", "java", "runtime")) {
            if (!values.containsKey(key)) {
                throw new UsageException(where + " is not a xamal RELEASE file: it has no '" + key + "='");
            }
        }
        String[] osArch = values.get("platform").split("/", 2);
        if (osArch.length != 2) {
            throw new UsageException(where + ": platform '" + values.get("platform") + "' is not <os>/<arch>");
        }
        Map<LayerKind, String> layers = new EnumMap<>(LayerKind.class);
        for (LayerKind kind : LayerKind.values()) {
            String digest = values.getOrDefault("layer." + kind.key(), "none");
            if (!digest.equals("none")) {
                layers.put(kind, digest);
            }
        }
        String modules = values.getOrDefault("modules", "");
        return new ReleaseManifest(values.get("service"), values.get("version"),
                nonEmpty(values.get("commit")), nonEmpty(values.get("commit_time")).map(Instant::parse),
                Boolean.parseBoolean(values.get("dirty")),
                new Platform(osArch[0], osArch[1], Platform.feature(values.get("java"))),
                runtime(values.get("runtime"), where),
                modules.isEmpty() ? List.of() : List.of(modules.split(",")), layers);
    }

    private static ReleaseConfig.Runtime runtime(String value, String where) {
        for (ReleaseConfig.Runtime runtime : ReleaseConfig.Runtime.values()) {
            if (runtime.yaml().equals(value)) {
                return runtime;
            }
        }
        throw new UsageException(where + ": runtime '" + value + "' is neither jlink nor system");
    }

    private static Optional<String> nonEmpty(String value) {
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static void line(StringBuilder s, String key, String value) {
        s.append(key).append('=').append(value).append('\n');
    }
}
