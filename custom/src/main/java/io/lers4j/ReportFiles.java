package io.lers4j;

import io.lers4j.types.LersDateTime;
import io.lers4j.v01.model.BaseGenerateReportRequestParameters;
import io.lers4j.v01.model.DownloadTemporaryFileResponseParameters;
import io.lers4j.v01.model.ExportOptions;
import io.lers4j.v01.model.GenerateExportedReportRequestParameters;
import io.lers4j.v01.model.Report;
import io.lers4j.v01.model.ReportExportFormat;
import io.lers4j.v01.model.ReportType;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Reports through the v0.1 API: the report forms of a type, a report generated for a period and
 * exported to a file (PDF, XLSX, RTF, CSV, XLS), and the file's download with progress.
 *
 * <pre>{@code
 * Report form = lers.reportFiles().list(ReportType.SYSTEM_STATE).get(0);
 * ExportedReport file = lers.reportFiles().export(form.getId(), ReportExportFormat.PDF, from, to);
 * Path pdf = lers.reportFiles().download(file, Path.of("reports"), DownloadProgress.NONE);
 * }</pre>
 */
public final class ReportFiles {

    static final String EXPORT = "POST /api/v0.1/Reporting/Generate/Exported/{id}";
    private static final int PROGRESS_STEP = 64 * 1024;

    private final LersClient lers;

    ReportFiles(LersClient lers) {
        this.lers = lers;
    }

    /** The report forms of a type ({@code null}: all), never null. */
    public List<Report> list(ReportType type) {
        List<Report> answer = lers.v01().reports().getReports().reportType(type).execute();
        List<Report> out = new ArrayList<>();
        if (answer != null) {
            answer.stream().filter(Objects::nonNull).forEach(out::add);
        }
        return out;
    }

    /** Generates report form {@code reportId} for {@code [from, to]} (server-local time) and exports it to a file. */
    public ExportedReport export(int reportId, ReportExportFormat format, LocalDateTime from, LocalDateTime to) {
        return export(reportId, format, from, to, null);
    }

    /**
     * As {@link #export(int, ReportExportFormat, LocalDateTime, LocalDateTime)}, for the given entities
     * (nodes or measure points, as the form's entity says; {@code null}: the form's own selection).
     */
    public ExportedReport export(int reportId, ReportExportFormat format, LocalDateTime from, LocalDateTime to,
                                 Collection<Integer> entityIds) {
        Objects.requireNonNull(format, "format");
        LersClient.checkPeriod(from, to);
        BaseGenerateReportRequestParameters options = new BaseGenerateReportRequestParameters()
                .startDate(LersDateTime.of(from)).endDate(LersDateTime.of(to));
        if (entityIds != null) {
            options.entityArrayId(PollNow.ids(entityIds));
        }
        return export(reportId, new GenerateExportedReportRequestParameters().generateOptions(options)
                .exportOptions(new ExportOptions().exportFormat(format)));
    }

    /** Generates and exports with a body of the caller's (report parameters, options, data type...). */
    public ExportedReport export(int reportId, GenerateExportedReportRequestParameters body) {
        LersClient.requirePositiveId(reportId, "reportId");
        Objects.requireNonNull(body, "body");
        DownloadTemporaryFileResponseParameters answer = lers.v01().generate().generateExported(reportId)
                .merged(false).body(body).execute();
        String key = answer == null ? null : answer.getDownloadKey();
        if (key == null || key.isBlank()) {
            throw new LersResponseException("The server exported the report but named no download key", EXPORT, 1, 200, null);
        }
        return new ExportedReport(key, answer.getFileName());
    }

    /**
     * Downloads the file into {@code target}: a directory (the file keeps the server's name) or a file
     * path. Written to a temporary file beside it and moved into place when complete, so a broken
     * download leaves nothing half-written; an answer that breaks off is downloaded again.
     *
     * @return the file written
     */
    public Path download(ExportedReport file, Path target, DownloadProgress progress) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(target, "target");
        DownloadProgress listener = progress == null ? DownloadProgress.NONE : progress;
        Path destination = Files.isDirectory(target) ? target.resolve(safeName(file)) : target;
        Path dir = destination.toAbsolutePath().getParent();
        Path temp;
        try {
            temp = Files.createTempFile(dir, ".lers4j-", ".part");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write into " + dir, e);
        }
        try {
            fetch(file, response -> {
                try (OutputStream out = Files.newOutputStream(temp)) { // truncated again if the answer is read again
                    return copy(response, out, listener);
                }
            }, true);
            try {
                Files.move(temp, destination, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, destination, StandardCopyOption.REPLACE_EXISTING);
            }
            return destination;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + destination, e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the temporary file is ours alone; a leftover is harmless
            }
        }
    }

    /**
     * Downloads the file into {@code out} (not closed) and returns its size. What was written cannot be
     * taken back, so an answer that breaks off fails with {@link LersTransportException} instead of
     * being read again.
     */
    public long download(ExportedReport file, OutputStream out, DownloadProgress progress) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(out, "out");
        DownloadProgress listener = progress == null ? DownloadProgress.NONE : progress;
        return fetch(file, response -> copy(response, out, listener), false);
    }

    /**
     * {@code GET /api/v0.1/Downloads/{key}/{fileName}} as the document has it, without credentials;
     * without a file name, or where the server answers that form with 404, {@code Downloads/{key}},
     * the form field clients use.
     */
    private long fetch(ExportedReport file, Pipeline.AnswerReader<Long> reader, boolean replayable) {
        if (file.fileName().isPresent()) {
            Request named = lers.v01().downloads().download(file.downloadKey(), file.fileName().get())
                    .buildCall(null).request();
            try {
                return send(named, reader, replayable);
            } catch (LersApiException e) {
                if (e.statusCode() != 404) {
                    throw e;
                }
            }
        }
        Request byKey = new Request.Builder().url(lers.httpBaseUrl().newBuilder().addPathSegments("api/v0.1/Downloads")
                .addPathSegment(file.downloadKey()).build()).get().build();
        return send(byKey, reader, replayable);
    }

    private long send(Request request, Pipeline.AnswerReader<Long> reader, boolean replayable) {
        return replayable ? lers.pipeline().execute(request, reader, false) : lers.pipeline().executeOnce(request, reader);
    }

    private static long copy(Response response, OutputStream out, DownloadProgress progress) throws IOException {
        ResponseBody body = response.body();
        long total = body.contentLength();
        long read = 0;
        long reported = 0;
        byte[] buffer = new byte[16 * 1024];
        BufferedSource source = body.source();
        int n;
        while ((n = source.read(buffer)) != -1) {
            out.write(buffer, 0, n);
            read += n;
            if (read - reported >= PROGRESS_STEP) {
                progress.update(read, total);
                reported = read;
            }
        }
        progress.update(read, total);
        return read;
    }

    /** The server's file name as a single path segment of this machine, never a way out of the directory. */
    static String safeName(ExportedReport file) {
        String name = file.fileName().orElse("report");
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1)
                .replaceAll("[\\x00-\\x1f:*?\"<>|]", "_").strip();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            return "report";
        }
        return name.length() > 200 ? name.substring(name.length() - 200) : name;
    }
}
