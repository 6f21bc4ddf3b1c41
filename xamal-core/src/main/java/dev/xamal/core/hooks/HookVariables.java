package dev.xamal.core.hooks;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code XAMAL_*} variables a hook gets.
 *
 * @param service     {@code XAMAL_SERVICE}
 * @param version     {@code XAMAL_VERSION} (and {@code XAMAL_SERVICE_VERSION} = service@version)
 * @param hosts       {@code XAMAL_HOSTS}: host identities, comma-joined
 * @param roles       {@code XAMAL_ROLES}: role names, comma-joined
 * @param destination {@code XAMAL_DESTINATION} (empty without one)
 * @param command     {@code XAMAL_COMMAND}: the goal, such as {@code build} or {@code deploy}
 * @param subcommand  {@code XAMAL_SUBCOMMAND}: the part after the first dash of a goal such as
 *                    {@code app-boot} ({@code boot}), empty otherwise
 * @param performer   {@code XAMAL_PERFORMER}: who runs it ({@link Performer})
 * @param recordedAt  {@code XAMAL_RECORDED_AT}: UTC, ISO 8601 with microseconds
 * @param lock        {@code XAMAL_LOCK}: whether this process holds the deploy lock
 * @param runtime     {@code XAMAL_RUNTIME}: whole seconds the command took (post-deploy only)
 */
public record HookVariables(String service, String version, List<String> hosts, List<String> roles,
                            Optional<String> destination, String command, String subcommand, String performer,
                            Instant recordedAt, boolean lock, Optional<Duration> runtime) {

    private static final DateTimeFormatter MICROS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    public HookVariables {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(version, "version");
        hosts = List.copyOf(hosts);
        roles = List.copyOf(roles);
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(subcommand, "subcommand");
        Objects.requireNonNull(performer, "performer");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(runtime, "runtime");
    }

    /** The same variables with {@code XAMAL_RUNTIME} set. */
    public HookVariables withRuntime(Duration took) {
        return new HookVariables(service, version, hosts, roles, destination, command, subcommand, performer,
                recordedAt, lock, Optional.of(took));
    }

    /** A time as {@code XAMAL_RECORDED_AT} (and the audit log) write it: UTC, ISO 8601 with microseconds. */
    public static String timestamp(Instant time) {
        return MICROS.format(time);
    }

    /** The environment entries, in a stable order. */
    public Map<String, String> toEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("XAMAL_SERVICE", service);
        env.put("XAMAL_VERSION", version);
        env.put("XAMAL_SERVICE_VERSION", service + "@" + version);
        env.put("XAMAL_HOSTS", String.join(",", hosts));
        env.put("XAMAL_ROLES", String.join(",", roles));
        env.put("XAMAL_DESTINATION", destination.orElse(""));
        env.put("XAMAL_COMMAND", command);
        env.put("XAMAL_SUBCOMMAND", subcommand);
        env.put("XAMAL_PERFORMER", performer);
        env.put("XAMAL_RECORDED_AT", MICROS.format(recordedAt));
        env.put("XAMAL_LOCK", Boolean.toString(lock));
        runtime.ifPresent(d -> env.put("XAMAL_RUNTIME", Long.toString(d.toSeconds())));
        return env;
    }
}
