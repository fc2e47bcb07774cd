package io.lers4j.emulator;

import io.lers4j.invoker.ApiException;
import io.lers4j.model.SystemType;
import io.lers4j.types.LersDateTime;
import io.lers4j.v01.api.V01Services;
import io.lers4j.v01.model.BaseGenerateReportRequestParameters;
import io.lers4j.v01.model.DeviceDataType;
import io.lers4j.v01.model.DownloadTemporaryFileResponseParameters;
import io.lers4j.v01.model.ExportOptions;
import io.lers4j.v01.model.GenerateExportedReportRequestParameters;
import io.lers4j.v01.model.Report;
import io.lers4j.v01.model.ReportEntity;
import io.lers4j.v01.model.ReportExportFormat;
import io.lers4j.v01.model.ReportType;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** LersBot's report flow on v0.1: the report forms, a report exported to a file, and its download. */
class V01ReportsTest {

    private static LersEmulator lers;
    private static V01Services v01;

    @BeforeAll
    static void start() {
        lers = LersEmulator.builder().clock(Clock.fixed(TestSupport.NOW, ZoneOffset.UTC)).start();
        v01 = new V01Services(TestSupport.demo(lers));
    }

    @AfterAll
    static void stop() {
        lers.close();
    }

    private static DownloadTemporaryFileResponseParameters generate(int reportId, ReportExportFormat format,
                                                                    List<Integer> points) {
        return v01.generate().generateExported(reportId).merged(false).body(new GenerateExportedReportRequestParameters()
                .generateOptions(new BaseGenerateReportRequestParameters().startDate(LersDateTime.of(LocalDate.of(2026, 3, 1)))
                        .endDate(LersDateTime.of(LocalDate.of(2026, 3, 7))).entityArrayId(points)
                        .deviceDataType(DeviceDataType.DAY))
                .exportOptions(new ExportOptions().exportFormat(format))).execute();
    }

    /** An anonymous GET of the download path, as LersBot's raw HttpClient sends it. */
    private static byte[] download(String path, String contentType, String fileName) throws Exception {
        try (Response r = TestSupport.send(new Request.Builder().url(lers.baseUrl() + path).build())) {
            assertEquals(200, r.code(), path);
            byte[] bytes = r.body().bytes();
            assertTrue(r.header("Content-Type").startsWith(contentType), r.header("Content-Type"));
            assertEquals(String.valueOf(bytes.length), r.header("Content-Length"));
            assertTrue(r.header("Content-Disposition").startsWith("attachment; filename=\"" + fileName + "\""),
                    r.header("Content-Disposition"));
            return bytes;
        }
    }

    @Test
    void theReportFormsAreTheDataSetsFilteredByTypeAndEntity() {
        List<Report> all = v01.reports().getReports().execute();
        assertEquals(6, all.size(), "five parameter sheets and the system state report");
        List<Report> state = v01.reports().getReports().reportType(ReportType.SYSTEM_STATE).execute();
        assertEquals(1, state.size());
        assertEquals(ReportEntity.SYSTEM, state.get(0).getEntity());
        assertEquals("Состояние системы", state.get(0).getTitle());
        List<Report> sheets = v01.reports().getReports().reportEntity(ReportEntity.MEASURE_POINT).execute();
        assertEquals(5, sheets.size());
        assertTrue(sheets.stream().allMatch(r -> r.getReportType().equals(ReportType.PARAMETERS_SHEET)));
        assertTrue(sheets.stream().anyMatch(r -> r.getId() == lers.dataSet().reportId(SystemType.HEAT)));
        assertTrue(v01.reports().getReports().reportType(ReportType.ACT).execute().isEmpty());
    }

    @Test
    void theSystemStateReportAsPdfIsDownloadedAtBothPaths() throws Exception {
        int id = v01.reports().getReports().reportType(ReportType.SYSTEM_STATE).execute().get(0).getId();
        DownloadTemporaryFileResponseParameters file = generate(id, ReportExportFormat.PDF, null);
        assertTrue(file.getFileName().endsWith(".pdf"), file.getFileName());
        byte[] named = download("/api/v0.1/Downloads/" + file.getDownloadKey() + "/" + file.getFileName(),
                "application/pdf", file.getFileName());
        assertTrue(new String(named, StandardCharsets.US_ASCII).startsWith("%PDF"));
        byte[] short_ = download("/api/v0.1/downloads/" + file.getDownloadKey(), "application/pdf", file.getFileName());
        assertArrayEquals(named, short_, "LersBot's path without the file name serves the same file");
    }

    @Test
    void aParameterSheetIsAnXlsxOrCsvFileOfItsPoints() throws Exception {
        int heat = lers.dataSet().firstMeasurePoint(SystemType.HEAT).id();
        DownloadTemporaryFileResponseParameters file = generate(lers.dataSet().reportId(SystemType.HEAT),
                ReportExportFormat.XLSX, List.of(heat));
        byte[] xlsx = download("/api/v0.1/Downloads/" + file.getDownloadKey() + "/" + file.getFileName(),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", file.getFileName());
        assertEquals('P', xlsx[0]);
        assertEquals('K', xlsx[1]);
        DownloadTemporaryFileResponseParameters sheet = generate(lers.dataSet().reportId(SystemType.HEAT),
                ReportExportFormat.CSV, List.of(heat));
        byte[] csv = download("/api/v0.1/Downloads/" + sheet.getDownloadKey(), "text/csv", sheet.getFileName());
        String text = new String(csv, StandardCharsets.UTF_8);
        assertEquals(7 + 5, text.lines().count(), "title, 2 notes + time, header and one row a day: " + text);
    }

    @Test
    void unknownKeysAre404AndReportsNeedTheirInput() throws Exception {
        try (Response r = TestSupport.send(new Request.Builder()
                .url(lers.baseUrl() + "/api/v0.1/Downloads/nosuchkey/report.pdf").build())) {
            assertEquals(404, r.code());
        }
        try (Response r = TestSupport.send(new Request.Builder().url(lers.baseUrl() + "/api/v0.1/Downloads/nosuchkey").build())) {
            assertEquals(404, r.code());
        }
        ApiException noPoints = assertThrows(ApiException.class,
                () -> generate(lers.dataSet().reportId(SystemType.HEAT), ReportExportFormat.PDF, List.of()));
        assertEquals(422, noPoints.getCode());
        ApiException unknown = assertThrows(ApiException.class, () -> generate(999, ReportExportFormat.PDF, null));
        assertEquals(422, unknown.getCode());
    }
}
