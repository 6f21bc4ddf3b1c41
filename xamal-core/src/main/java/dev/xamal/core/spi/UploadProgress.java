package dev.xamal.core.spi;

/** Told how many bytes of an upload have been sent so far. */
@FunctionalInterface
public interface UploadProgress {
    UploadProgress NONE = (sent, total) -> { };

    void sent(long bytesSent, long bytesTotal);
}
