package dev.xamal.maven;

import dev.xamal.core.UsageException;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.orchestration.MaintenanceState;
import dev.xamal.core.spi.ProxySite.Maintenance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * What the goals that put an app in maintenance share: the 503 response ({@code -Dxamal.message},
 * {@code -Dxamal.retryAfter}, or the page {@code release.maintenance_page}), checked before any
 * server is touched. They hold the deploy lock.
 */
abstract class AbstractMaintenanceMojo extends AbstractServersMojo {
    /** The largest maintenance page uploaded. */
    static final long PAGE_LIMIT = 1024 * 1024;

    /** The text the site answers with while in maintenance (default: "Service under maintenance"); one line. */
    @Parameter(property = "xamal.message")
    protected String message;

    /** The seconds the {@code Retry-After} header of the 503 answers asks clients to wait. */
    @Parameter(property = "xamal.retryAfter", defaultValue = "60")
    protected int retryAfter = MaintenanceState.DEFAULT_RETRY_AFTER;

    private Maintenance response;
    private Optional<byte[]> page = Optional.empty();

    AbstractMaintenanceMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected final void prepare(XamalConfig config) {
        String text = message == null || message.isBlank() ? Maintenance.DEFAULT_MESSAGE : message.strip();
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw new UsageException("-Dxamal.message must be one line of text without control characters");
        }
        if (retryAfter < 0) {
            throw new UsageException("-Dxamal.retryAfter must be 0 seconds or more, not " + retryAfter);
        }
        response = new Maintenance(text, Optional.empty(), retryAfter);
        page = config.release().maintenancePage().map(this::readPage);
    }

    @Override
    protected final boolean takesLock() {
        return true;
    }

    /** The 503 response: the message and Retry-After (the page, when configured, replaces the message). */
    protected final Maintenance response() {
        return response;
    }

    /** The configured maintenance page's bytes. */
    protected final Optional<byte[]> page() {
        return page;
    }

    private byte[] readPage(String configured) {
        Path file = projectDir().resolve(configured).normalize();
        try {
            if (!Files.isRegularFile(file)) {
                throw new UsageException("release.maintenance_page names " + file + ", which is not a file; create it"
                        + " or change the key");
            }
            if (Files.size(file) > PAGE_LIMIT) {
                throw new UsageException("release.maintenance_page " + file + " is larger than 1 MB; keep the page"
                        + " small and self-contained");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UsageException("release.maintenance_page " + file + " cannot be read: " + e.getMessage());
        }
    }
}
