package io.lers4j.emulator;

import io.lers4j.model.DataParameterValue;
import io.lers4j.model.DeviceDataType;
import io.lers4j.model.DecimalSeparator;
import io.lers4j.model.DownloadFileResult;
import io.lers4j.model.DownloadTemporaryFileResponseParameters;
import io.lers4j.model.ElectricDataKind;
import io.lers4j.model.ElectricPowerAveraging;
import io.lers4j.model.MeasurePointDataConsumptionRecord;
import io.lers4j.model.Node;
import io.lers4j.model.NodeCustomAttribute;
import io.lers4j.model.Report;
import io.lers4j.model.ReportExportFormat;
import io.lers4j.model.ReportType;
import io.lers4j.model.Xml80020ExportOptions;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reports and exports prepared as files, the anonymous download route, and the API documents. */
final class FileRoutes {

    private static final int MAX_REPORT_ROWS = 100_000;
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT);

    private final DataView data;
    private final Writes writes;

    FileRoutes(DataView data, Writes writes) {
        this.data = data;
        this.writes = writes;
    }

    void register(Routes r) {
        r.on(Api.V1, "Generate_Generate", Router.Access.PERMISSION, "printReport", this::generate);
        r.on(Api.V1, "MeasurePointData_ExportToXml80020", Router.Access.PERMISSION, "exportToXml80020", this::xml80020);
        r.on(Api.V1, "Downloads_Download", Router.Access.ANONYMOUS, null, this::download);
        for (Api api : Api.values()) {
            byte[] document = ApiDocument.of(api).bytes();
            r.extra("GET", api.documentPath(), Router.Access.ANONYMOUS, call -> Reply.bytes(200, Reply.JSON_TYPE, document));
        }
    }

    /** A report exported to a file format: its bytes, file extension and media type. */
    static final class Exported {
        final byte[] content;
        final String extension;
        final String contentType;

        private Exported(byte[] content, String extension, String contentType) {
            this.content = content;
            this.extension = extension;
            this.contentType = contentType;
        }
    }

    /** The table in one of the report export formats; XLS is SpreadsheetML, which Excel opens as .xls. */
    static Exported export(Documents.Table table, ReportExportFormat format) {
        switch (format.getValue()) {
            case "Csv":
                return new Exported(Documents.csv(table), "csv", "text/csv; charset=utf-8");
            case "Rtf":
                return new Exported(Documents.rtf(table), "rtf", "application/rtf");
            case "Xlsx":
                return new Exported(Documents.xlsx(table), "xlsx",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            case "Xls":
                return new Exported(Documents.spreadsheetMl(table), "xls", "application/vnd.ms-excel");
            case "Pdf":
                return new Exported(Documents.pdf(table), "pdf", "application/pdf");
            default:
                throw HttpError.unprocessable(HttpError.NOT_SUPPORTED, "Формат " + format.getValue() + " не поддерживается.");
        }
    }

    // ------------------------------------------------------------------ parameter sheet

    private Reply generate(Call call) {
        int reportId = call.intParam("reportId");
        Report report = data.report(reportId);
        if (!ReportType.PARAMETERS_SHEET.equals(report.getReportType())) {
            throw HttpError.badArgument("Отчёт " + reportId + " не является ведомостью учёта параметров.");
        }
        DeviceDataType dataType = Call.enumValue("dataType", call.param("dataType"), DeviceDataType.values(),
                DeviceDataType::getValue);
        if (!dataType.equals(DeviceDataType.HOUR) && !dataType.equals(DeviceDataType.DAY)
                && !dataType.equals(DeviceDataType.MONTH)) {
            throw HttpError.badArgument("Ведомость строится по часовым, суточным или месячным данным.");
        }
        LocalDateTime start = call.dateParam("startDate");
        LocalDateTime end = call.dateParam("endDate");
        if (start.isAfter(end)) {
            throw HttpError.badArgument("Дата начала периода больше даты окончания.");
        }
        List<Integer> ids = call.intQueryValues("id");
        if (ids.isEmpty()) {
            throw HttpError.badArgument("Не указаны точки учёта для построения отчёта.");
        }
        List<Catalog.PointEntry> points = new ArrayList<>();
        for (int id : ids) {
            points.add(data.point(id));
        }
        ReportExportFormat format = call.enumQuery("format", ReportExportFormat.values(), ReportExportFormat::getValue);
        if (format == null) {
            format = ReportExportFormat.PDF;
        }
        Exported file = export(parameterSheet(report, dataType, start, end, points), format);
        String fileName = "ParameterSheet_" + reportId + "_" + start.format(DAY) + "-" + end.format(DAY) + "."
                + file.extension;
        String key = writes.storeFile(fileName, file.contentType, file.content);
        return Reply.json(new DownloadFileResult().uri("/api/v1/Downloads/" + key + "/" + fileName));
    }

    Documents.Table parameterSheet(Report report, DeviceDataType dataType, LocalDateTime start,
                                           LocalDateTime end, List<Catalog.PointEntry> points) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        Map<Catalog.PointEntry, List<MeasurePointDataConsumptionRecord>> byPoint = new LinkedHashMap<>();
        int rows = 0;
        for (Catalog.PointEntry p : points) {
            List<MeasurePointDataConsumptionRecord> records = dataType.equals(DeviceDataType.HOUR)
                    ? data.archive.hours(p, start, end, false, false)
                    : dataType.equals(DeviceDataType.DAY) ? data.archive.days(p, start, end, false, false)
                    : data.archive.months(p, start, end, false, false);
            rows += records.size();
            if (rows > MAX_REPORT_ROWS) {
                throw HttpError.badArgument("Слишком много строк для отчёта: уменьшите период или число точек.");
            }
            byPoint.put(p, records);
            for (MeasurePointDataConsumptionRecord r : records) {
                for (DataParameterValue v : r.getValues()) {
                    columns.putIfAbsent(v.getDataParameter().getValue(), columns.size());
                }
            }
        }
        List<String> header = new ArrayList<>(List.of("Точка учёта", "Дата"));
        header.addAll(columns.keySet());
        Documents.Table table = new Documents.Table(report.getTitle(),
                List.of("Период: " + start + " — " + end, "Тип данных: " + dataType.getValue(),
                        "Сформирован: " + data.now().withNano(0)), header);
        byPoint.forEach((p, records) -> {
            String title = data.node(p.node).getTitle() + " - " + p.title;
            for (MeasurePointDataConsumptionRecord r : records) {
                List<Object> row = new ArrayList<>();
                row.add(title);
                row.add(r.getDateTime().toString());
                for (int i = 0; i < columns.size(); i++) {
                    row.add(null);
                }
                for (DataParameterValue v : r.getValues()) {
                    row.set(2 + columns.get(v.getDataParameter().getValue()), v.getValue());
                }
                table.rows.add(row);
            }
        });
        return table;
    }

    // ------------------------------------------------------------------ XML 80020

    private Reply xml80020(Call call) {
        Catalog.PointEntry p = data.point(call.intParam("id"));
        LocalDateTime start = call.dateParam("start");
        LocalDateTime end = call.dateParam("end");
        if (start.isAfter(end)) {
            throw HttpError.badArgument("Дата начала периода больше даты окончания.");
        }
        if (!p.isElectric()) {
            throw HttpError.unprocessable(HttpError.NOT_SUPPORTED,
                    "Экспорт в формат 80020 возможен только для точек учёта электроэнергии.");
        }
        Xml80020ExportOptions options = call.hasBody() ? call.body(Xml80020ExportOptions.class) : new Xml80020ExportOptions();
        boolean raw = ElectricDataKind.RAW.equals(options.getElectricDataKind());
        int digits = options.getDigitCount() == null ? 3 : Math.max(0, Math.min(6, options.getDigitCount()));
        char separator = DecimalSeparator.COMMA.equals(options.getDecimalSeparator()) ? ',' : '.';
        ElectricPowerAveraging averaging = options.getAveragingInterval() == null ? ElectricPowerAveraging.HOURLY
                : options.getAveragingInterval();
        LocalDate firstDay = start.toLocalDate();
        LocalDate lastDay = end.toLocalDate();
        List<MeasurePointDataConsumptionRecord> hours = data.archive.hours(p, firstDay.atStartOfDay(),
                lastDay.atTime(23, 0), raw, false);
        Map<LocalDate, List<MeasurePointDataConsumptionRecord>> byDay = new LinkedHashMap<>();
        for (MeasurePointDataConsumptionRecord r : hours) {
            byDay.computeIfAbsent(r.getDateTime().toLocalDate(), k -> new ArrayList<>()).add(r);
        }
        byDay.values().removeIf(list -> list.size() < 24);
        if (byDay.isEmpty()) {
            throw HttpError.badArgument("Нет полных суток данных за указанный период.");
        }
        Node node = data.node(p.node);
        String inn = innOf(p, node, options.getVatAttributeCode());
        String sender = data.customers.containsKey(node.getCustomerId())
                ? data.customers.get(node.getCustomerId()).getTitle() : node.getTitle();
        List<Object[]> files = new ArrayList<>();
        int number = 1;
        for (Map.Entry<LocalDate, List<MeasurePointDataConsumptionRecord>> day : byDay.entrySet()) {
            String name = "80020_" + inn + "_" + day.getKey().format(DAY) + "_" + number + ".xml";
            if (Boolean.TRUE.equals(options.getCreateFolderForMonth())) {
                name = day.getKey().toString().substring(0, 7) + "/" + name;
            }
            String xml = message80020(number++, day.getKey(), day.getValue(), p, node, inn, sender, averaging,
                    digits, separator);
            files.add(new Object[]{name, xml.getBytes(Documents.windows1251())});
        }
        String fileName;
        byte[] content;
        String contentType;
        if (files.size() == 1 && !Boolean.TRUE.equals(options.getCreateFolderForMonth())) {
            fileName = (String) files.get(0)[0];
            content = (byte[]) files.get(0)[1];
            contentType = "application/xml";
        } else {
            fileName = "80020_" + inn + "_" + firstDay.format(DAY) + "-" + lastDay.format(DAY) + ".zip";
            content = Documents.zipBytes(files);
            contentType = "application/zip";
        }
        String key = writes.storeFile(fileName, contentType, content);
        return Reply.json(new DownloadTemporaryFileResponseParameters().fileName(fileName).downloadKey(key));
    }

    private String innOf(Catalog.PointEntry p, Node node, String attributeCode) {
        if (attributeCode != null && node.getAttributes() != null) {
            for (NodeCustomAttribute a : node.getAttributes()) {
                if (attributeCode.equalsIgnoreCase(a.getCode()) && a.getValue() != null) {
                    return a.getValue().replaceAll("\\D", "");
                }
            }
        }
        Integer customer = node.getCustomerId();
        return customer != null && data.customers.containsKey(customer)
                ? data.customers.get(customer).getVatId() : "0000000000";
    }

    private String message80020(int number, LocalDate day, List<MeasurePointDataConsumptionRecord> hours,
                                Catalog.PointEntry p, Node node, String inn, String sender,
                                ElectricPowerAveraging averaging, int digits, char separator) {
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n");
        x.append("<message class=\"80020\" version=\"2\" number=\"").append(number).append("\">\n");
        x.append("  <datetime>\n    <timestamp>").append(data.now().format(STAMP)).append("</timestamp>\n")
                .append("    <daylightsavingtime>0</daylightsavingtime>\n    <day>").append(day.format(DAY))
                .append("</day>\n  </datetime>\n");
        x.append("  <sender>\n    <inn>").append(inn).append("</inn>\n    <name>").append(escape(sender))
                .append("</name>\n  </sender>\n");
        x.append("  <area>\n    <inn>").append(inn).append("</inn>\n    <name>").append(escape(node.getTitle()))
                .append("</name>\n");
        x.append("    <measuringpoint code=\"").append(p.model.getServiceNumber()).append("\" name=\"")
                .append(escape(node.getTitle() + " - " + p.title)).append("\">\n");
        String[][] channels = {{"01", "Ap", "Активная энергия, приём"}, {"02", "An", "Активная энергия, отдача"},
                {"03", "Rp", "Реактивная энергия, приём"}, {"04", "Rn", "Реактивная энергия, отдача"}};
        for (String[] channel : channels) {
            x.append("      <measuringchannel code=\"").append(channel[0]).append("\" desc=\"").append(channel[2])
                    .append("\">\n");
            double daySum = 0;
            for (MeasurePointDataConsumptionRecord r : hours) {
                double v = 0;
                for (DataParameterValue value : r.getValues()) {
                    if (value.getDataParameter().getValue().equals(channel[1])) {
                        v = value.getValue();
                    }
                }
                int hour = r.getDateTime().toLocalDateTime().getHour();
                if (averaging.equals(ElectricPowerAveraging.DAILY)) {
                    daySum += v;
                } else if (averaging.equals(ElectricPowerAveraging.HALF_HOURLY)) {
                    period(x, hhmm(hour, 0), hhmm(hour, 30), v / 2, digits, separator);
                    period(x, hhmm(hour, 30), hhmm(hour + 1, 0), v / 2, digits, separator);
                } else {
                    period(x, hhmm(hour, 0), hhmm(hour + 1, 0), v, digits, separator);
                }
            }
            if (averaging.equals(ElectricPowerAveraging.DAILY)) {
                period(x, "0000", "0000", daySum, digits, separator);
            }
            x.append("      </measuringchannel>\n");
        }
        return x.append("    </measuringpoint>\n  </area>\n</message>\n").toString();
    }

    private static String hhmm(int hour, int minute) {
        return String.format(Locale.ROOT, "%02d%02d", hour % 24, minute);
    }

    private static void period(StringBuilder x, String from, String to, double value, int digits, char separator) {
        x.append("        <period start=\"").append(from).append("\" end=\"").append(to).append("\"><value status=\"0\">")
                .append(Documents.format(value, separator, digits)).append("</value></period>\n");
    }

    private static String escape(String v) {
        return v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    // ------------------------------------------------------------------ downloads and the document

    private Reply download(Call call) {
        State.StoredFile file = data.file(call.param("downloadKey"));
        if (file == null) {
            throw HttpError.notFound("Файл не найден или срок его хранения истёк.");
        }
        return download(call, file);
    }

    /** The file with its name in Content-Disposition; a single byte range gets 206. */
    static Reply download(Call call, State.StoredFile file) {
        String disposition = "attachment; filename=\"" + file.fileName.replace("\"", "") + "\"; filename*=UTF-8''"
                + URLEncoder.encode(file.fileName, StandardCharsets.UTF_8).replace("+", "%20");
        String range = call.header("Range");
        byte[] content = file.content;
        if (range != null && range.startsWith("bytes=") && !range.contains(",")) {
            String[] bounds = range.substring(6).trim().split("-", -1);
            try {
                long first = bounds[0].isEmpty() ? content.length - Long.parseLong(bounds[1]) : Long.parseLong(bounds[0]);
                long last = bounds[0].isEmpty() || bounds[1].isEmpty() ? content.length - 1L
                        : Math.min(content.length - 1L, Long.parseLong(bounds[1]));
                first = Math.max(0, first);
                if (first > last || first >= content.length) {
                    return Reply.empty(416).header("Content-Range", "bytes */" + content.length);
                }
                byte[] part = java.util.Arrays.copyOfRange(content, (int) first, (int) last + 1);
                return Reply.bytes(206, file.contentType, part).header("Content-Disposition", disposition)
                        .header("Accept-Ranges", "bytes")
                        .header("Content-Range", "bytes " + first + "-" + last + "/" + content.length);
            } catch (NumberFormatException e) {
                // an unreadable range is ignored, as HTTP allows
            }
        }
        return Reply.bytes(200, file.contentType, content).header("Content-Disposition", disposition)
                .header("Accept-Ranges", "bytes");
    }
}
