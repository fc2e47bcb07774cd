package io.lers4j.examples;

import io.lers4j.ExportedReport;
import io.lers4j.LersClient;
import io.lers4j.v01.model.Report;
import io.lers4j.v01.model.ReportExportFormat;
import io.lers4j.v01.model.ReportType;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Generates the system state report (состояние системы) of last month as PDF and downloads it into a
 * directory, printing the download's progress: what the vendor's bot sends its users.
 */
public final class DownloadReport {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "reports");
        Files.createDirectories(dir);
        try (ExampleConnection connection = ExampleConnection.open()) {
            System.out.println("Connected to the " + connection.describe());
            run(connection.client(), dir, System.out);
        }
    }

    public static Path run(LersClient lers, Path dir, PrintStream out) {
        List<Report> forms = lers.reportFiles().list(ReportType.SYSTEM_STATE);
        if (forms.isEmpty()) {
            throw new IllegalStateException("The server has no SystemState report form");
        }
        Report form = forms.get(0);
        LocalDateTime monthStart = LocalDate.now().withDayOfMonth(1).minusMonths(1).atStartOfDay();
        ExportedReport file = lers.reportFiles().export(form.getId(), ReportExportFormat.PDF, monthStart,
                monthStart.plusMonths(1));
        out.printf("Report \"%s\" (form %d) exported as %s%n", form.getTitle(), form.getId(), file.fileName().orElse("a file"));

        Path written = lers.reportFiles().download(file, dir, (read, total) ->
                out.printf("  %,d of %s bytes%n", read, total < 0 ? "?" : String.format("%,d", total)));
        out.printf("Saved %s%n", written);
        return written;
    }
}
