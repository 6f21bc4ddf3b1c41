package dev.xamal.maven;

import dev.xamal.core.config.ConfigLoader;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.output.Output;
import dev.xamal.ssh.PassphraseSource;
import dev.xamal.ssh.SshOptionsMapping;
import dev.xamal.ssh.SshTransport;
import dev.xamal.testhosts.TestHosts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** An app's configuration for real test hosts, loaded as the goals load it, and the SSH transport it implies. */
final class RealHostApp {
    private RealHostApp() {
    }

    /**
     * Writes {@code config/xamal.yml} in {@code dir}: the given body plus the {@code ssh} section
     * that reaches the test hosts as their {@code deploy} user, and loads it.
     */
    static XamalConfig config(Path dir, TestHosts hosts, String body) {
        return config(dir, hosts, body, hosts.knownHostsPath(), "");
    }

    /** As {@link #config(Path, TestHosts, String)}, with more keys ({@code "  key: value\n"} lines) in {@code ssh}. */
    static XamalConfig config(Path dir, TestHosts hosts, String body, String moreSsh) {
        return config(dir, hosts, body, hosts.knownHostsPath(), moreSsh);
    }

    /** As {@link #config(Path, TestHosts, String)}, with host keys checked against {@code knownHosts}. */
    static XamalConfig config(Path dir, TestHosts hosts, String body, Path knownHosts) {
        return config(dir, hosts, body, knownHosts, "");
    }

    private static XamalConfig config(Path dir, TestHosts hosts, String body, Path knownHosts, String moreSsh) {
        String yaml = body + "ssh:\n"
                + "  user: " + hosts.user() + "\n"
                + "  keys: [\"" + hosts.keyPath() + "\"]\n"
                + "  known_hosts_file: \"" + knownHosts + "\"\n"
                + "  config: false\n"
                + moreSsh;
        try {
            Files.createDirectories(dir.resolve("config"));
            Files.writeString(dir.resolve("config/xamal.yml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ConfigLoader.load(dir, ConfigLoader.DEFAULT_CONFIG_FILE, Optional.empty(), Map.of());
    }

    /**
     * Writes {@code config/xamal.<destination>.yml} in {@code dir} (over the {@code config/xamal.yml}
     * {@link #config} wrote) and loads the configuration of that destination.
     */
    static XamalConfig destination(Path dir, String destination, String overlay) {
        try {
            Files.writeString(dir.resolve("config/xamal." + destination + ".yml"), overlay);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ConfigLoader.load(dir, ConfigLoader.DEFAULT_CONFIG_FILE, Optional.of(destination), Map.of());
    }

    static SshTransport transport(XamalConfig config, Path dir) {
        return transport(config, dir, command -> { });
    }

    /** A transport that hands {@code commands} one {@code [host] $ command} line per command it runs. */
    static SshTransport transport(XamalConfig config, Path dir, Consumer<String> commands) {
        return new SshTransport(SshOptionsMapping.toOptions(config.ssh(), dir, Map.of(), name -> Optional.empty(),
                PassphraseSource.NONE), commands);
    }

    /** An {@link Output} that keeps every line, for assertions. */
    static final class RecordingOutput implements Output {
        private final List<String> lines = new ArrayList<>();

        synchronized List<String> lines() {
            return List.copyOf(lines);
        }

        synchronized void clear() {
            lines.clear();
        }

        private synchronized void add(String line) {
            lines.add(line);
        }

        @Override
        public void info(String line) {
            add(line);
        }

        @Override
        public void warn(String line) {
            add("WARN " + line);
        }

        @Override
        public void error(String line) {
            add("ERROR " + line);
        }

        @Override
        public void debug(String line) {
        }

        @Override
        public boolean isDebugEnabled() {
            return false;
        }
    }
}
