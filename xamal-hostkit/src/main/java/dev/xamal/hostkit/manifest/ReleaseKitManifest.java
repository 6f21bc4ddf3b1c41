package dev.xamal.hostkit.manifest;

import dev.xamal.hostkit.etf.Atom;
import dev.xamal.hostkit.etf.EtfEncoder;
import dev.xamal.hostkit.etf.TermJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The term HostKit's {@code otp_release} recipe reads: a {@code %ReleaseKit.Manifest{}} struct
 * (a map with {@code __struct__}), {@code format: :beam_release_artifact}, {@code format_version: 2},
 * the binaries {@code release}, {@code version} and {@code tarball}, the maps {@code health_check}
 * ({@code path}, {@code port}, {@code url}, {@code timeout}) and {@code env} ({@code clear}: binary
 * to binary, {@code secret}: a list of names), and ReleaseKit's own {@code tool}, {@code app},
 * {@code mix_env} and {@code runtime}. HostKit decodes it with {@code binary_to_term(B, [safe])},
 * which creates no atoms: the term uses only {@link #ATOMS}, atoms HostKit's VM already has.
 */
public final class ReleaseKitManifest {
    /** The atoms the reader's VM knows: the struct's module and keys, and the values used. */
    public static final Set<Atom> ATOMS = Stream.of("Elixir.ReleaseKit.Manifest", "__struct__", "tool", "format",
                    "format_version", "app", "release", "version", "mix_env", "tarball", "runtime", "command", "env",
                    "clear", "secret", "health_check", "path", "port", "url", "timeout", "beam_release_artifact",
                    "nil", "true", "false")
            .map(Atom::of).collect(Collectors.toUnmodifiableSet());

    /** The format version HostKit accepts (it rejects 1). */
    public static final int FORMAT_VERSION = 2;
    /** ReleaseKit's value of {@code tool}; HostKit does not read it. */
    public static final String TOOL = "release_kit";

    private static final EtfEncoder ENCODER = new EtfEncoder(ATOMS);

    private ReleaseKitManifest() {
    }

    /** The manifest term: maps with {@link Atom} keys, strings as binaries. */
    public static Map<Object, Object> term(ManifestSpec spec) {
        Map<Object, Object> healthCheck = new LinkedHashMap<>();
        healthCheck.put(atom("path"), spec.healthPath());
        healthCheck.put(atom("port"), spec.port());
        healthCheck.put(atom("url"), spec.healthUrl());
        healthCheck.put(atom("timeout"), spec.healthTimeout());

        Map<Object, Object> env = new LinkedHashMap<>();
        env.put(atom("clear"), new LinkedHashMap<Object, Object>(spec.envClear()));
        env.put(atom("secret"), List.copyOf(spec.secretNames()));

        Map<Object, Object> manifest = new LinkedHashMap<>();
        manifest.put(atom("__struct__"), atom("Elixir.ReleaseKit.Manifest"));
        manifest.put(atom("tool"), TOOL);
        manifest.put(atom("format"), atom("beam_release_artifact"));
        manifest.put(atom("format_version"), FORMAT_VERSION);
        manifest.put(atom("app"), spec.app());
        manifest.put(atom("release"), spec.release());
        manifest.put(atom("version"), spec.version());
        manifest.put(atom("mix_env"), "prod");
        manifest.put(atom("tarball"), spec.tarball().toString());
        manifest.put(atom("runtime"), Map.of(atom("command"), List.of("bin/" + spec.release(), "start")));
        manifest.put(atom("env"), env);
        manifest.put(atom("health_check"), healthCheck);
        return manifest;
    }

    /** The manifest in Erlang's external term format. */
    public static byte[] etf(ManifestSpec spec) {
        return ENCODER.encode(term(spec));
    }

    /** The same term as JSON, keys in the same order. */
    public static String json(ManifestSpec spec) {
        return TermJson.render(term(spec));
    }

    private static Atom atom(String name) {
        return Atom.of(name);
    }
}
