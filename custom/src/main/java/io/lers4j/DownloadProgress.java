package io.lers4j;

/** Told how far a download has come: after every 64 KiB and once at its end. */
@FunctionalInterface
public interface DownloadProgress {

    /** Reports nothing. */
    DownloadProgress NONE = (bytesRead, totalBytes) -> { };

    /**
     * @param bytesRead  bytes received so far
     * @param totalBytes the file's size from the answer's {@code Content-Length}, or -1 when unknown
     */
    void update(long bytesRead, long totalBytes);
}
