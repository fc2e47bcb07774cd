package io.lers4j.emulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.lers4j.model.MeasurePointType;
import io.lers4j.v01.model.BaseGenerateReportRequestParameters;
import io.lers4j.v01.model.DeviceDataType;
import io.lers4j.v01.model.DownloadTemporaryFileResponseParameters;
import io.lers4j.v01.model.GenerateExportedReportRequestParameters;
import io.lers4j.v01.model.ReportEntity;
import io.lers4j.v01.model.ReportExportFormat;
import io.lers4j.v01.model.ReportType;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Report forms, reports exported to files, and their downloads (v0.1). The files are written by
 * the same document writers as v1's parameter sheets and are kept with them, so a v0.1 download
 * key works at either version's download route.
 */
final class V01ReportRoutes {

    private final DataView data;
    private final Writes writes;
    private final V01Answers v01;
    private final FileRoutes files;

    V01ReportRoutes(DataView data, Writes writes, V01Answers v01, FileRoutes files) {
        this.data = data;
        this.writes = writes;
        this.v01 = v01;
        this.files = files;
    }

    void register(Routes r) {
        r.on(Api.V01, "Reports_GetReports", Router.Access.AUTHENTICATED, null, this::reports);
        r.on(Api.V01, "Generate_GenerateExported", Router.Access.PERMISSION, "printReport", this::generateExported);
        r.on(Api.V01, "Downloads_Download", Router.Access.ANONYMOUS, null, this::download);
        // LersBot asks for api/v0.1/downloads/{downloadKey}, without the file name
        r.extra("GET", "/api/v0.1/Downloads/{downloadKey}", Router.Access.ANONYMOUS, this::download);
    }

    /** The report forms, in v0.1's Report shape (which still has the period fields v1 dropped). */
    private Reply reports(Call call) {
        ReportType type = call.enumQuery("reportType", ReportType.values(), ReportType::getValue);
        ReportEntity entity = call.enumQuery("reportEntity", ReportEntity.values(), ReportEntity::getValue);
        JsonArray out = new JsonArray();
        for (io.lers4j.model.Report report : data.reports.values()) {
            if ((type != null && !type.getValue().equals(report.getReportType().getValue()))
                    || (entity != null && !entity.getValue().equals(report.getEntity().getValue()))) {
                continue;
            }
            JsonObject r = Reply.GSON.toJsonTree(report).getAsJsonObject();
            boolean sheet = report.getReportType().equals(io.lers4j.model.ReportType.PARAMETERS_SHEET);
            r.addProperty("dataType", sheet ? "Day" : "None");
            r.addProperty("periodType", "EveryMonth");
            r.addProperty("periodStartDayOrHour", 1);
            r.addProperty("periodStartMonthOrDay", "Previous");
            r.addProperty("periodEndDayOrHour", 1);
            r.addProperty("periodEndMonthOrDay", "Current");
            r.addProperty("periodLastDays", 0);
            r.add("template", null);
            r.add("reportParameters", new JsonArray());
            out.add(r);
        }
        return v01.answer("Reports_GetReports", out);
    }

    /**
     * Generates a report and keeps it as a file: {@code {fileName, downloadKey}}. The parameter
     * sheets take the measure points in {@code entityArrayId}; the system state report covers every
     * point. {@code merged} (one file for several entities) changes nothing: there is one file anyway.
     */
    private Reply generateExported(Call call) {
        int id = call.intParam("id");
        call.flag("merged");
        GenerateExportedReportRequestParameters body = call.body(GenerateExportedReportRequestParameters.class);
        if (body.getGenerateOptions() == null) {
            throw HttpError.badBody("GenerateOptions", "The GenerateOptions field is required.");
        }
        if (body.getExportOptions() == null) {
            throw HttpError.badBody("ExportOptions", "The ExportOptions field is required.");
        }
        io.lers4j.model.Report report = data.report(id);
        BaseGenerateReportRequestParameters options = body.getGenerateOptions();
        if (options.getStartDate() == null || options.getEndDate() == null) {
            throw HttpError.badArgument("Не указан период отчёта.");
        }
        LocalDateTime start = Archive.serverLocal(options.getStartDate());
        LocalDateTime end = Archive.serverLocal(options.getEndDate());
        if (start.isAfter(end)) {
            throw HttpError.badArgument("Дата начала периода больше даты окончания.");
        }
        ReportExportFormat format = body.getExportOptions().getExportFormat() == null ? ReportExportFormat.PDF
                : body.getExportOptions().getExportFormat();
        if (!format.isKnown()) {
            throw HttpError.invalidValue("exportFormat", format.getValue());
        }
        Documents.Table table;
        String kind;
        if (report.getReportType().equals(io.lers4j.model.ReportType.PARAMETERS_SHEET)) {
            table = parameterSheet(report, options, start, end);
            kind = "ParameterSheet";
        } else if (report.getReportType().equals(io.lers4j.model.ReportType.SYSTEM_STATE)) {
            table = systemState(report, start, end);
            kind = "SystemState";
        } else {
            throw HttpError.unprocessable(HttpError.NOT_SUPPORTED, "Отчёт типа " + report.getReportType().getValue()
                    + " не поддерживается.");
        }
        FileRoutes.Exported file = FileRoutes.export(table,
                io.lers4j.model.ReportExportFormat.fromValue(format.getValue()));
        String fileName = kind + "_" + id + "_" + start.format(FileRoutes.DAY) + "-" + end.format(FileRoutes.DAY) + "."
                + file.extension;
        String key = writes.storeFile(fileName, file.contentType, file.content);
        return Reply.json(new DownloadTemporaryFileResponseParameters().fileName(fileName).downloadKey(key));
    }

    private Documents.Table parameterSheet(io.lers4j.model.Report report, BaseGenerateReportRequestParameters options,
                                           LocalDateTime start, LocalDateTime end) {
        List<Integer> ids = options.getEntityArrayId();
        if (ids == null || ids.isEmpty()) {
            throw HttpError.badArgument("Не указаны точки учёта для построения отчёта.");
        }
        List<Catalog.PointEntry> points = new ArrayList<>();
        for (Integer pointId : ids) {
            points.add(data.point(pointId == null ? 0 : pointId));
        }
        DeviceDataType type = options.getDeviceDataType() == null || options.getDeviceDataType().getValue().equals("None")
                ? DeviceDataType.DAY : options.getDeviceDataType();
        if (!Set.of("Hour", "Day", "Month").contains(type.getValue())) {
            throw HttpError.badArgument("Ведомость строится по часовым, суточным или месячным данным.");
        }
        return files.parameterSheet(report, io.lers4j.model.DeviceDataType.fromValue(type.getValue()), start, end,
                points);
    }

    /** Every measure point: where it is, whether an incident is open on it, and how fresh its data is. */
    private Documents.Table systemState(io.lers4j.model.Report report, LocalDateTime start, LocalDateTime end) {
        Documents.Table table = new Documents.Table(report.getTitle(),
                List.of("Период: " + start + " — " + end, "Сформирован: " + data.nowToTheSecond()),
                List.of("Объект учёта", "Точка учёта", "Система", "Состояние", "Последние данные", "Нештатные ситуации"));
        for (Catalog.PointEntry p : data.points) {
            if (!p.type.equals(MeasurePointType.REGULAR)) {
                continue;
            }
            int open = 0;
            for (State.IncidentEntry e : data.incidentsOfPoint(p.id)) {
                open += Boolean.TRUE.equals(e.incident.getIsClosed()) ? 0 : 1;
            }
            Map.Entry<LocalDateTime, io.lers4j.model.DeviceDataType> last = data.archive.lastKey(p);
            List<Object> row = new ArrayList<>();
            row.add(data.node(p.node).getTitle());
            row.add(p.title);
            row.add(p.system.getValue());
            row.add(open > 0 ? "Нештатная ситуация" : "Норма");
            row.add(last == null ? "нет данных" : last.getKey() + " (" + last.getValue().getValue() + ")");
            row.add(open);
            table.rows.add(row);
        }
        return table;
    }

    /** The file, at the document's route and at the one without a file name; an unknown key is 404. */
    private Reply download(Call call) {
        State.StoredFile file = data.file(call.param("downloadKey"));
        if (file == null) {
            throw HttpError.notFoundProblem();
        }
        return FileRoutes.download(call, file);
    }
}
