package io.lers4j;

import java.util.Objects;
import java.util.Optional;

/**
 * A file the server prepared ({@link ReportFiles#export}): its name and the key that downloads it.
 * Anyone holding the key can download the file without logging in, so {@link #toString()} masks it.
 */
public final class ExportedReport {

    private final String downloadKey;
    private final String fileName;

    /** @param fileName null when the server named none */
    public ExportedReport(String downloadKey, String fileName) {
        this.downloadKey = Objects.requireNonNull(downloadKey, "downloadKey");
        if (downloadKey.isBlank()) {
            throw new IllegalArgumentException("downloadKey is blank");
        }
        this.fileName = fileName == null || fileName.isBlank() ? null : fileName;
    }

    public String downloadKey() {
        return downloadKey;
    }

    /** The name the server gave the file ({@code Состояние системы.pdf}), if any. */
    public Optional<String> fileName() {
        return Optional.ofNullable(fileName);
    }

    @Override
    public String toString() {
        return "ExportedReport[" + (fileName == null ? "no file name" : Excerpt.of(fileName)) + ", downloadKey=*]";
    }
}
