package dev.xamal.core.spi;

/**
 * Told how many bytes of an upload have been sent so far. Each upload starts again from 0; the
 * last call of an upload has {@code bytesSent == bytesTotal}.
 */
@FunctionalInterface
public interface UploadProgress {
    UploadProgress NONE = (sent, total) -> { };

    void sent(long bytesSent, long bytesTotal);

    /** The progress of uploads to one host (by its id); by default this same one for every host. */
    default UploadProgress forHost(String hostId) {
        return this;
    }
}
