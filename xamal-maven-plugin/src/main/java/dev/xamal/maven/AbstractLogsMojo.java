package dev.xamal.maven;

import dev.xamal.core.EnvironmentException;
import dev.xamal.core.UsageException;
import dev.xamal.core.commands.JournalCommands;
import dev.xamal.core.config.XamalConfig;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * What the journal goals share: which lines to show, and following one host's journal until
 * Ctrl-C, which closes the connection (ending the remote {@code journalctl}) and ends the goal
 * without an error.
 */
abstract class AbstractLogsMojo extends AbstractServersMojo {

    /** How many of the last lines to show (default 100 when neither {@code since} nor a version is given). */
    @Parameter(property = "xamal.lines")
    protected Integer lines;

    /**
     * Show lines from this time on, as {@code journalctl --since} reads it: {@code "2026-11-26 10:00"},
     * {@code -1h}, {@code yesterday}, {@code @<epoch seconds>}.
     */
    @Parameter(property = "xamal.since")
    protected String since;

    /** Show only lines whose message matches this pattern (a PCRE2 regular expression; case-insensitive when all lower case). */
    @Parameter(property = "xamal.grep")
    protected String grep;

    /** Keep printing new lines until Ctrl-C (one host only; narrow with {@code -Dxamal.hosts}). */
    @Parameter(property = "xamal.follow", defaultValue = "false")
    protected boolean follow;

    private JournalCommands.Query query;

    AbstractLogsMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected void prepare(XamalConfig config) {
        if (lines != null && lines < 1) {
            throw new UsageException("xamal.lines must be at least 1, was " + lines);
        }
        query = new JournalCommands.Query(lines == null ? OptionalInt.empty() : OptionalInt.of(lines),
                nonBlank(since), Optional.empty(), nonBlank(grep), follow);
    }

    @Override
    protected final void onServers(Servers servers) {
        if (!follow) {
            show(servers, query);
            return;
        }
        AtomicBoolean interrupted = new AtomicBoolean();
        Thread stop = new Thread(() -> {
            interrupted.set(true);
            servers.close();
        }, "xamal-follow-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            show(servers, query);
        } catch (EnvironmentException e) {
            if (!interrupted.get()) {
                throw e;
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and closes the connection.
            }
        }
    }

    /** Shows the journal the goal is about. */
    protected abstract void show(Servers servers, JournalCommands.Query query);

    private static Optional<String> nonBlank(String text) {
        return Optional.ofNullable(text).filter(t -> !t.isBlank());
    }
}
