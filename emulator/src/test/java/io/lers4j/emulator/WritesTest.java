package io.lers4j.emulator;

import io.lers4j.api.DownloadsApi;
import io.lers4j.api.EquipmentApi;
import io.lers4j.api.GenerateApi;
import io.lers4j.api.IncidentsApi;
import io.lers4j.api.MeasurePointConsumptionApi;
import io.lers4j.api.MeasurePointDataApi;
import io.lers4j.api.MeasurePointLastDataApi;
import io.lers4j.api.MeasurePointTotalsApi;
import io.lers4j.api.MeasurePointsApi;
import io.lers4j.api.MeasurePointsPollApi;
import io.lers4j.api.NodesApi;
import io.lers4j.api.WeatherApi;
import io.lers4j.invoker.ApiClient;
import io.lers4j.invoker.ApiException;
import io.lers4j.invoker.ApiResponse;
import io.lers4j.model.BaseSaveResponseParameters;
import io.lers4j.model.CreateIncidentRequestParameters;
import io.lers4j.model.DataParameter;
import io.lers4j.model.DataParameterCategory;
import io.lers4j.model.DataParameterValue;
import io.lers4j.model.DeviceDataType;
import io.lers4j.model.DownloadTemporaryFileResponseParameters;
import io.lers4j.model.Incident;
import io.lers4j.model.IncidentGetResponseParameters;
import io.lers4j.model.IncidentImportance;
import io.lers4j.model.IncidentType;
import io.lers4j.model.JsonPatchOperation;
import io.lers4j.model.MeasurePointDataConsumptionRecord;
import io.lers4j.model.MeasurePointDataTotalsRecord;
import io.lers4j.model.MeasurePointLastConsumption;
import io.lers4j.model.Node;
import io.lers4j.model.ReportExportFormat;
import io.lers4j.model.SaveConsumptionParameters;
import io.lers4j.model.SaveConsumptionRequestParameters;
import io.lers4j.model.SaveDataRequestParams;
import io.lers4j.model.SaveTotalsRequestParameters;
import io.lers4j.model.SystemType;
import io.lers4j.model.TerritoryOutdoorTemperature;
import io.lers4j.model.Unit;
import io.lers4j.model.UnitOfMeasurementObject;
import io.lers4j.model.Xml80020ExportOptions;
import io.lers4j.types.LersDateTime;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What clients write is stored and read back; files prepared by reports and exports can be downloaded. */
class WritesTest {

    private static LersEmulator lers;
    private static ApiClient client;
    private static int heat;
    private static int electricity;

    @BeforeAll
    static void start() {
        // polls end as they start: the clock is fixed, and the poll flow itself is ManualPollTest's
        lers = LersEmulator.builder().clock(Clock.fixed(TestSupport.NOW, ZoneOffset.UTC)).pollDuration(Duration.ZERO)
                .start();
        client = TestSupport.demo(lers);
        heat = lers.dataSet().firstMeasurePoint(SystemType.HEAT).id();
        electricity = lers.dataSet().firstMeasurePoint(SystemType.ELECTRICITY).id();
    }

    @AfterAll
    static void stop() {
        lers.close();
    }

    private static DataParameterValue value(DataParameter p, double v) {
        return new DataParameterValue().dataParameter(p).value(v);
    }

    private static Double find(List<DataParameterValue> values, DataParameter p) {
        for (DataParameterValue v : values) {
            if (v.getDataParameter().equals(p)) {
                return v.getValue();
            }
        }
        return null;
    }

    private static List<MeasurePointDataConsumptionRecord> hourAt(int point, LocalDateTime t) {
        return new MeasurePointConsumptionApi(client).getConsumption(point, LersDateTime.of(t), LersDateTime.of(t))
                .dataTypes(List.of(DeviceDataType.HOUR)).execute().getHourConsumption();
    }

    @Test
    void theCurrentArchiveIsStoredAndIsTheLastRecord() {
        int cold = lers.dataSet().firstMeasurePoint(SystemType.COLD_WATER).id();
        // sent in UTC as some integrations do: stored in server time, 13:15
        new MeasurePointConsumptionApi(client).setCurrentArchive(cold).overwriteExisting(true)
                .body(new SaveConsumptionRequestParameters().data(new SaveConsumptionParameters().dataType(DeviceDataType.CURRENT)
                        .consumption(List.of(new MeasurePointDataConsumptionRecord()
                                .dateTime(LersDateTime.parse("2026-03-15T10:15:00+00:00"))
                                .values(List.of(value(DataParameter.T_CW, 6.5), value(DataParameter.P_CW, 3.9)))))))
                .execute();
        List<MeasurePointDataConsumptionRecord> currents = new MeasurePointConsumptionApi(client)
                .getConsumption(cold, LersDateTime.of(LocalDate.of(2026, 3, 15)), LersDateTime.of(LocalDate.of(2026, 3, 16)))
                .dataTypes(List.of(DeviceDataType.CURRENT)).execute().getCurrentConsumption();
        assertEquals(1, currents.size());
        assertEquals(LocalDateTime.of(2026, 3, 15, 13, 15), currents.get(0).getDateTime().toLocalDateTime());
        assertEquals(6.5, find(currents.get(0).getValues(), DataParameter.T_CW));
        MeasurePointLastConsumption last = new MeasurePointLastDataApi(client).getMeasurePointLastConsumption(cold).execute();
        assertEquals(DeviceDataType.CURRENT, last.getDataType());
        assertEquals(3.9, find(last.getValues(), DataParameter.P_CW));
    }

    @Test
    void storedTotalsOverrideOnlyWhenAllowed() {
        LocalDateTime t = LocalDateTime.of(2026, 3, 10, 0, 0);
        MeasurePointTotalsApi api = new MeasurePointTotalsApi(client);
        double computed = find(api.getTotals(heat, LersDateTime.of(t), LersDateTime.of(t)).execute().getTotals().get(0)
                .getValues(), DataParameter.M_IN);
        api.setTotals(heat).overwriteExisting(false).body(new SaveTotalsRequestParameters().totalsRecordObjects(List.of(
                new MeasurePointDataTotalsRecord().dateTime(LersDateTime.of(t)).values(List.of(value(DataParameter.M_IN, 1.0)))))).execute();
        assertEquals(computed, find(api.getTotals(heat, LersDateTime.of(t), LersDateTime.of(t)).execute().getTotals().get(0)
                .getValues(), DataParameter.M_IN), "kept without overwriteExisting");
        api.setTotals(heat).overwriteExisting(true).body(new SaveTotalsRequestParameters().totalsRecordObjects(List.of(
                        new MeasurePointDataTotalsRecord().dateTime(LersDateTime.of(t)).values(List.of(value(DataParameter.M_IN, 2000))))))
                .execute();
        List<DataParameterValue> values = api.getTotals(heat, LersDateTime.of(t), LersDateTime.of(t)).execute().getTotals()
                .get(0).getValues();
        assertEquals(2000.0, find(values, DataParameter.M_IN));
        assertNotNull(find(values, DataParameter.V_IN), "the other readings stay");
    }

    @Test
    void savedDataRespectsOverwriteAndUnits() {
        LocalDateTime t = LocalDateTime.of(2026, 3, 12, 8, 0);
        double computed = find(hourAt(heat, t).get(0).getValues(), DataParameter.V_IN);
        MeasurePointDataApi api = new MeasurePointDataApi(client);
        SaveDataRequestParams litres = new SaveDataRequestParams()
                .consumption(new SaveConsumptionParameters().dataType(DeviceDataType.HOUR).consumption(List.of(
                        new MeasurePointDataConsumptionRecord().dateTime(LersDateTime.of(t))
                                .values(List.of(value(DataParameter.V_IN, 12_500))))))
                .unitsOfMeasurement(List.of(new UnitOfMeasurementObject().category(DataParameterCategory.VOLUME).unit(Unit.LITRE)));
        api.saveData(heat).overwriteExisting(false).body(litres).execute();
        assertEquals(computed, find(hourAt(heat, t).get(0).getValues(), DataParameter.V_IN));
        api.saveData(heat).overwriteExisting(true).body(litres).execute();
        MeasurePointDataConsumptionRecord after = hourAt(heat, t).get(0);
        assertEquals(12.5, find(after.getValues(), DataParameter.V_IN), "12 500 l is 12.5 m3");
        assertNotNull(find(after.getValues(), DataParameter.T_IN), "the other values stay");
    }

    @Test
    void weatherIsStoredForAnyDate() {
        WeatherApi api = new WeatherApi(client);
        api.set(3).body(List.of(
                new TerritoryOutdoorTemperature().date(LersDateTime.of(LocalDateTime.of(2026, 3, 14, 0, 0), ZoneOffset.ofHours(10)))
                        .value(-17.5f),
                new TerritoryOutdoorTemperature().date(LersDateTime.of(LocalDateTime.of(2026, 4, 2, 0, 0), ZoneOffset.ofHours(10)))
                        .value(1.5f))).execute();
        List<TerritoryOutdoorTemperature> series = api.get(3).execute();
        TerritoryOutdoorTemperature last = series.get(series.size() - 1);
        assertEquals(LocalDate.of(2026, 4, 2), last.getDate().toLocalDate());
        assertEquals(ZoneOffset.ofHours(10), last.getDate().offset().orElseThrow(), "dates carry the territory's offset");
        assertEquals(1.5f, last.getValue());
        assertTrue(series.stream().anyMatch(v -> v.getDate().toLocalDate().equals(LocalDate.of(2026, 3, 14))
                && v.getValue() == -17.5f));
        assertEquals(lers.dataSet().dataStart(), series.get(0).getDate().toLocalDate());
    }

    @Test
    void aPatchedNodeIsReadBack() throws Exception {
        int nodeId = lers.dataSet().measurePoint(heat).nodeId();
        new NodesApi(client).updateNode(nodeId).body(List.of(
                new JsonPatchOperation().op("replace").path("/coldWaterSummerTemp").value("4.6"),
                new JsonPatchOperation().op("replace").path("title").value("Котельная «Северная»"))).execute();
        String raw = "[{\"op\":\"replace\",\"value\":3.5,\"path\":\"ColdWaterWinterTemp\"},"
                + "{\"op\":\"replace\",\"value\":false,\"path\":\"isCommunalPollEnabled\"}]";
        try (Response r = TestSupport.send(new Request.Builder().url(lers.baseUrl() + "/api/v1/Core/Nodes/" + nodeId)
                .header("Authorization", "Bearer " + TestSupport.token(lers, "demo", "demo"))
                .patch(RequestBody.create(raw, MediaType.get("application/json-patch+json"))).build())) {
            assertEquals(200, r.code());
        }
        Node node = new NodesApi(client).getNodes().execute().getNodes().stream().filter(n -> n.getId() == nodeId)
                .findFirst().orElseThrow();
        assertEquals(4.6f, node.getColdWaterSummerTemp());
        assertEquals(3.5f, node.getColdWaterWinterTemp());
        assertEquals("Котельная «Северная»", node.getTitle());
        assertEquals("Котельная «Северная» - " + lers.dataSet().measurePoint(heat).title(),
                new MeasurePointsApi(client).getById(heat).execute().getMeasurePoint().getFullTitle());
    }

    @Test
    void aPatchedDeviceIsReadBack() {
        int device = lers.dataSet().measurePoint(electricity).deviceId();
        new EquipmentApi(client).updateEquipment(device).body(List.of(
                new JsonPatchOperation().op("replace").path("serialNumber").value("00420042"),
                new JsonPatchOperation().op("replace").path("lastCalibrationDate").value("2026-02-01T00:00:00"))).execute();
        var equipment = new EquipmentApi(client).getEquipment(device).execute().getEquipment();
        assertEquals("00420042", equipment.getSerialNumber());
        assertEquals(LocalDate.of(2026, 2, 1), equipment.getLastCalibrationDate().toLocalDate());
        assertEquals("00420042", new EquipmentApi(client).getEquipmentList().id(List.of(device)).execute().getList().get(0)
                .getSerialNumber());
    }

    @Test
    void aCreatedIncidentIsActiveWithItsLog() {
        int cold = lers.dataSet().firstMeasurePoint(SystemType.COLD_WATER).id();
        ApiResponse<BaseSaveResponseParameters> created = new IncidentsApi(client).createIncident()
                .body(new CreateIncidentRequestParameters().incidentType(IncidentType.WATER_LEAK)
                        .importance(IncidentImportance.CRITICAL).description("Утечка в подвале").shortDescription("Утечка")
                        .measurePointId(cold)).executeWithHttpInfo();
        assertEquals(201, created.getStatusCode());
        BaseSaveResponseParameters saved = created.getData();
        assertEquals(8, saved.getEditVersion().length);
        assertTrue(saved.getDateTime().hasOffset());
        IncidentGetResponseParameters read = new IncidentsApi(client).getById(saved.getId()).execute();
        assertEquals("Утечка в подвале", read.getIncident().getDescription());
        assertEquals(lers.dataSet().measurePoint(cold).nodeId(), read.getIncident().getNodeId());
        assertFalse(read.getIncident().getIsClosed());
        assertFalse(read.getLog().isEmpty());
        assertEquals(saved.getId(), read.getLog().get(0).getIncidentId());
        List<Incident> active = new IncidentsApi(client).getActiveByMeasurePoint(cold).execute();
        assertTrue(active.stream().anyMatch(i -> i.getId().equals(saved.getId())));
        ApiException unknown = assertThrows(ApiException.class, () -> new IncidentsApi(client).createIncident()
                .body(new CreateIncidentRequestParameters().description("x").measurePointId(424242)).execute());
        assertEquals(422, unknown.getCode());
    }

    @Test
    void aPollStoresAFreshCurrentRecordWhenItsSessionEnds() {
        int gas = lers.dataSet().firstMeasurePoint(SystemType.GAS).id();
        int session = new MeasurePointsPollApi(client).pollCurrentsV1(gas).execute().getPollSessionId();
        assertTrue(session > 0);
        MeasurePointLastConsumption last = new MeasurePointLastDataApi(client).getMeasurePointLastConsumption(gas).execute();
        assertEquals(DeviceDataType.CURRENT, last.getDataType());
        assertEquals(LocalDateTime.of(2026, 3, 15, 13, 30), last.getDateTime().toLocalDateTime());
        assertNotNull(find(last.getValues(), DataParameter.V_STD));
    }

    private static byte[] download(String uri) throws Exception {
        try (Response r = TestSupport.send(new Request.Builder().url(lers.baseUrl() + uri).build())) {
            assertEquals(200, r.code());
            return r.body().bytes();
        }
    }

    @Test
    void parameterSheetsAreFilesInEachFormat() throws Exception {
        int report = lers.dataSet().reportId(SystemType.HEAT);
        LersDateTime from = LersDateTime.of(LocalDate.of(2026, 3, 1));
        LersDateTime to = LersDateTime.of(LocalDate.of(2026, 3, 7));
        GenerateApi api = new GenerateApi(client);
        String csv = new String(download(api.generate(report, DeviceDataType.DAY, from, to).id(List.of(heat))
                .format(ReportExportFormat.CSV).execute().getUri()), StandardCharsets.UTF_8);
        assertTrue(csv.contains("Точка учёта;Дата;T_in;T_out;M_in"), csv);
        assertEquals(7 + 5, csv.lines().count(), "title, 2 notes + time, header and one row a day");
        String uri = api.generate(report, DeviceDataType.HOUR, from, to).id(List.of(heat)).execute().getUri();
        assertTrue(uri.startsWith("/api/v1/Downloads/") && uri.endsWith(".pdf"));
        byte[] pdf = download(uri);
        assertTrue(new String(pdf, StandardCharsets.US_ASCII).startsWith("%PDF-1.4"));
        assertArrayEquals(pdf, download(uri), "a file can be fetched again");
        byte[] xlsx = download(api.generate(report, DeviceDataType.MONTH, LersDateTime.of(LocalDate.of(2025, 1, 1)), to)
                .id(List.of(heat)).format(ReportExportFormat.XLSX).execute().getUri());
        assertEquals('P', xlsx[0]);
        assertEquals('K', xlsx[1]);
        assertTrue(new String(download(api.generate(report, DeviceDataType.DAY, from, to).id(List.of(heat))
                .format(ReportExportFormat.RTF).execute().getUri()), StandardCharsets.US_ASCII).startsWith("{\\rtf1"));
        assertTrue(new String(download(api.generate(report, DeviceDataType.DAY, from, to).id(List.of(heat))
                .format(ReportExportFormat.XLS).execute().getUri()), StandardCharsets.UTF_8).contains("<Workbook"));
        assertEquals(422, assertThrows(ApiException.class, () -> api.generate(report, DeviceDataType.DAY, from, to).execute())
                .getCode(), "no measure points");
        assertEquals(422, assertThrows(ApiException.class, () -> api.generate(99, DeviceDataType.DAY, from, to)
                .id(List.of(heat)).execute()).getCode());
    }

    @Test
    void xml80020IsExportedForElectricityOnly() throws Exception {
        MeasurePointDataApi api = new MeasurePointDataApi(client);
        LersDateTime day = LersDateTime.of(LocalDate.of(2026, 3, 2));
        DownloadTemporaryFileResponseParameters one = api.exportToXml80020(electricity, day, day)
                .body(new Xml80020ExportOptions().digitCount(2)).execute();
        assertTrue(one.getFileName().startsWith("80020_") && one.getFileName().endsWith("_20260302_1.xml"), one.getFileName());
        File file = new DownloadsApi(TestSupport.anonymous(lers)).download(one.getDownloadKey(), one.getFileName()).execute();
        String xml = new String(Files.readAllBytes(file.toPath()), Charset.forName("windows-1251"));
        Files.deleteIfExists(file.toPath());
        assertTrue(xml.contains("<message class=\"80020\" version=\"2\""));
        assertTrue(xml.contains("Активная энергия, приём"));
        assertEquals(4 * 24, xml.split("<period ").length - 1, "four channels, 24 hours");
        DownloadTemporaryFileResponseParameters week = api.exportToXml80020(electricity, day,
                LersDateTime.of(LocalDate.of(2026, 3, 8))).body(new Xml80020ExportOptions()).execute();
        assertTrue(week.getFileName().endsWith(".zip"));
        ApiException notElectric = assertThrows(ApiException.class, () -> api.exportToXml80020(heat, day, day)
                .body(new Xml80020ExportOptions()).execute());
        assertEquals(422, notElectric.getCode());
        ApiException gone = assertThrows(ApiException.class, () -> new DownloadsApi(TestSupport.anonymous(lers))
                .download("no-such-key", "file.xml").execute());
        assertEquals(422, gone.getCode());
    }
}
