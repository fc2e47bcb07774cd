package io.lers4j.generated;

import io.lers4j.api.DownloadsApi;
import io.lers4j.api.EquipmentApi;
import io.lers4j.api.GenerateApi;
import io.lers4j.api.IncidentsApi;
import io.lers4j.api.LoginApi;
import io.lers4j.api.MeasurePointConsumptionApi;
import io.lers4j.api.MeasurePointDataApi;
import io.lers4j.api.MeasurePointDeviceErrorsApi;
import io.lers4j.api.MeasurePointLastDataApi;
import io.lers4j.api.MeasurePointTotalsApi;
import io.lers4j.api.MeasurePointsApi;
import io.lers4j.api.MeasurePointsPollApi;
import io.lers4j.api.NodeGroupsApi;
import io.lers4j.api.NodeJobsApi;
import io.lers4j.api.NodesApi;
import io.lers4j.api.ServerInfoApi;
import io.lers4j.api.TerritoriesApi;
import io.lers4j.api.WeatherApi;
import io.lers4j.invoker.ApiException;
import io.lers4j.model.*;
import io.lers4j.types.LersDateTime;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One call per controller through the generated API: what goes out on the wire, what comes back. */
class GeneratedApiWireTest extends WireTestSupport {

    @Test
    void serverInfoIsReadWithoutAuthorization() throws Exception {
        respondJson("""
                {"type":"ЛЭРС УЧЁТ","build":12345,"version":"3.67","fullVersion":"3.67.0.12345",
                 "serverTime":"2026-01-19T12:00:00.1234567+03:00","osDescription":"Microsoft Windows 10.0.17763"}""");
        ServerInfo info = new ServerInfoApi(client).getVersion().execute();
        RecordedRequest r = recorded();
        assertEquals("GET", r.getMethod());
        assertEquals("/api/v1/ServerInfo", r.getTarget());
        assertNull(r.getHeaders().get("Authorization"));
        assertEquals("application/json", r.getHeaders().get("Accept"));
        assertEquals("3.67", info.getVersion());
        assertEquals(12345, info.getBuild());
        assertEquals(OffsetDateTime.of(2026, 1, 19, 12, 0, 0, 123456700, ZoneOffset.ofHours(3)),
                info.getServerTime().toOffsetDateTime().orElseThrow());
    }

    @Test
    void loginPostsPlainJsonAndReadsTheToken() throws Exception {
        respondJson("{\"token\":\"eyJhbGciOi.abc.def\",\"tokenExpiration\":\"2026-01-20T12:00:00+03:00\"}");
        LoginResponseParameters login = new LoginApi(client).loginPlain()
                .body(new AuthenticatePlainRequestParameters().login("api1").password("s3cret").application("lers4j"))
                .execute();
        RecordedRequest r = recorded();
        assertEquals("POST", r.getMethod());
        assertEquals("/api/v1/Login", r.getTarget());
        assertEquals("application/json; charset=utf-8", r.getHeaders().get("Content-Type"));
        assertJsonBody("{\"login\":\"api1\",\"password\":\"s3cret\",\"application\":\"lers4j\"}", r);
        assertEquals("eyJhbGciOi.abc.def", login.getToken());
        assertEquals(LocalDateTime.of(2026, 1, 20, 12, 0), login.getTokenExpiration().toLocalDateTime());
    }

    @Test
    void currentLoginCarriesCamelCasePermissions() throws Exception {
        respondJson("""
                {"account":{"id":12,"login":"api1","displayName":"API user","isAdmin":false,"hasAllNodeAccess":true,
                  "isDisabled":false,"eMail":null,"lastLoginDate":"2024-08-27T10:00:00+03:00","allowedSystems":"Heat, HotWater"},
                 "permissions":["viewData","saveData"],
                 "accountGroups":[{"id":1,"trusteeId":3,"title":"Операторы","isSystem":false,"allowAllReports":true,
                   "allowAllDiagrams":true,"divisionId":null}]}""");
        CurrentLoginInfo me = new LoginApi(client).getCurrentLoginV1().execute();
        RecordedRequest r = recorded();
        assertEquals("GET /api/v1/Login/Current", r.getMethod() + " " + r.getTarget());
        assertEquals("API user", me.getAccount().getDisplayName());
        assertEquals(List.of("viewData", "saveData"), me.getPermissions());
        assertEquals("Операторы", me.getAccountGroups().get(0).getTitle());
        assertEquals(java.util.Set.of(SystemType.HEAT, SystemType.HOT_WATER), me.getAccount().getAllowedSystems().flags());
    }

    @Test
    void nodesWithSuppliersAndFlags() throws Exception {
        respondJson("""
                {"nodes":[{"id":1001,"number":39,"title":"Котельная на ул. Строителей","address":"Аксай;Строителей;5",
                   "type":"Node","state":"Normal","territoryId":1,"responsibleName":"Иванов","customerId":null,
                   "coldWaterSummerTemp":15.0,"coldWaterWinterTemp":5.0,"isHeatingSeason":true,
                   "geoLocation":{"latitude":55.7,"longitude":37.6},
                   "attributes":[{"customAttributeId":3,"nodeId":1001,"code":"sourceName","value":"ВОС-1"}]}],
                 "nodeSuppliers":[{"nodeId":1001,"systemType":"ColdWater","supplierId":4,"contractNumber":"Д-123","contractDate":null}],
                 "suppliers":[{"id":4,"title":"Водоканал","systemTypes":"ColdWater, HotWater"}],
                 "measurePoints":null,"servicemen":null}""");
        GetNodeListResponseParameters nodes = new NodesApi(client).getNodes()
                .includeSuppliers(true).includeAttributes(true).nodeType(NodeType.NODE).execute();
        RecordedRequest r = recorded();
        assertEquals("GET", r.getMethod());
        assertEquals("/api/v1/Core/Nodes", r.getUrl().encodedPath());
        assertEquals("true", r.getUrl().queryParameter("getSuppliers"));
        assertEquals("true", r.getUrl().queryParameter("getAttributes"));
        assertEquals("Node", r.getUrl().queryParameter("nodeType"));
        Node node = nodes.getNodes().get(0);
        assertEquals(39, node.getNumber());
        assertEquals(NodeType.NODE, node.getType());
        assertEquals("ВОС-1", node.getAttributes().get(0).getValue());
        assertEquals(55.7, node.getGeoLocation().getLatitude());
        assertEquals("Д-123", nodes.getNodeSuppliers().get(0).getContractNumber());
        assertEquals(java.util.Set.of(SystemType.COLD_WATER, SystemType.HOT_WATER),
                nodes.getSuppliers().get(0).getSystemTypes().flags());
        assertNull(nodes.getMeasurePoints());
    }

    @Test
    void patchNodeSendsJsonPatch() throws Exception {
        respondEmpty(200);
        new NodesApi(client).updateNode(1001).body(List.of(
                new JsonPatchOperation().op("replace").path("coldWaterSummerTemp").value("4.6"))).execute();
        RecordedRequest r = recorded();
        assertEquals("PATCH /api/v1/Core/Nodes/1001", r.getMethod() + " " + r.getTarget());
        assertEquals("application/json-patch+json; charset=utf-8", r.getHeaders().get("Content-Type"));
        assertJsonBody("[{\"op\":\"replace\",\"value\":\"4.6\",\"path\":\"coldWaterSummerTemp\"}]", r);
    }

    @Test
    void equipmentListWithRepeatedIds() throws Exception {
        respondJson("""
                {"list":[{"id":77,"equipmentModelId":15,"serialNumber":"123456","comment":null,"networkAddress":"1",
                   "pollSettings":{"responseDelay":0,"protocolId":null,"adapterAddress":0,
                     "connections":[{"id":613,"commLinkType":"Gprs","commDeviceEquipmentId":90,
                        "commDevice":{"id":90,"serialNumber":"860000000000000"},"commDeviceModel":null,
                        "title":"GPRS","internetPort":0}]}}],
                 "modelList":[{"id":15,"title":"ТВ7"}],"nodes":[{"id":1001,"title":"Котельная"}],
                 "nodeEquipment":[{"nodeId":1001,"equipmentId":77}]}""");
        GetEquipmentListResponseParameters list = new EquipmentApi(client).getEquipmentList().id(List.of(77, 78)).execute();
        RecordedRequest r = recorded();
        assertEquals("/api/v1/Core/Equipment?id=77&id=78", r.getTarget());
        Equipment device = list.getList().get(0);
        assertEquals("860000000000000", device.getPollSettings().getConnections().get(0).getCommDevice().getSerialNumber());
        assertEquals(CommunicationLink.GPRS, device.getPollSettings().getConnections().get(0).getCommLinkType());
        assertNull(device.getPollSettings().getConnections().get(0).getCommDeviceModel());
        assertEquals(77, list.getNodeEquipment().get(0).getEquipmentId());
    }

    @Test
    void measurePointsOfTheCommunalKind() throws Exception {
        respondJson("""
                {"measurePoints":[{"id":5001,"nodeId":1001,"title":"Теплоснабжение","fullTitle":"Котельная - Теплоснабжение",
                   "type":"Communal","systemType":"Heat","resourceKind":"Water","serviceNumber":390,"deviceId":77,
                   "counterId":null,"roomId":null,"state":"NoData","reportingHour":0,"reportingDay":1}],
                 "lastConsumption":[{"measurePointId":5001,"dateTime":"2026-01-19T00:00:00","dataType":"Day"}]}""");
        GetMeasurePointListResponseParameters points = new MeasurePointsApi(client).getMeasurePoints()
                .includeLastConsumption(true).type(MeasurePointType.COMMUNAL).execute();
        RecordedRequest r = recorded();
        assertEquals("/api/v1/Core/MeasurePoints?getLastConsumption=true&type=Communal", r.getTarget());
        MeasurePoint mp = points.getMeasurePoints().get(0);
        assertEquals(SystemType.HEAT, mp.getSystemType());
        assertEquals(MeasurePointState.NO_DATA, mp.getState());
        assertEquals(390, mp.getServiceNumber());
        assertFalse(points.getLastConsumption().get(0).getDateTime().hasOffset());
    }

    @Test
    void consumptionWithEveryQueryOption() throws Exception {
        respondJson("""
                {"pressureType":"Absolute","monthConsumption":[],
                 "dayConsumption":[{"resourceKind":"Water","isEmpty":false,"dateTime":"2026-07-01T00:00:00",
                   "attributes":["CalculatedByDeviceTotals"],"intervalSeconds":0,
                   "values":[{"dataParameter":"T_in","value":24.4,"isBad":false,"isCalc":false,"isInterpolated":false,"isReset":false,"dataParameterId":1},
                             {"dataParameter":"Q_delta","value":0.8,"isBad":false,"isCalc":true,"isInterpolated":false,"isReset":false}]}],
                 "hourConsumption":[],"currentConsumption":[],
                 "dataParametersUnit":[{"dataParameterCategory":"Heat","unit":"GigaCalorie"}],
                 "summary":{"month":{},"day":{},"footer":{"resourceKind":"Water","isEmpty":false,"dateTime":"2026-07-01T00:00:00","attributes":[],"values":[]}}}""");
        GetMeasurePointConsumptionResponse c = new MeasurePointConsumptionApi(client)
                .getConsumption(5001, LersDateTime.of(LocalDate.of(2026, 7, 1)), LersDateTime.of(LocalDateTime.of(2026, 7, 7, 23, 0)))
                .dataTypes(List.of(DeviceDataType.HOUR, DeviceDataType.DAY))
                .electricDataKind(ElectricDataKind.RAW).includeCalculated(true).includeAbsentRecords(false)
                .withSummary(true).considerReportingDate(true).units(MeasurePointDataUnitsRequestType.CONFIGURED_UNITS)
                .execute();
        RecordedRequest r = recorded();
        assertEquals("GET", r.getMethod());
        assertEquals("/api/v1/Data/MeasurePoints/5001/Consumption/2026-07-01T00:00:00/2026-07-07T23:00:00",
                r.getUrl().encodedPath().replace("%3A", ":"));
        // the generated client appends repeated (multi) parameters after the single ones
        assertEquals("electricDataKind=Raw&includeCalculated=true&includeAbsentRecords=false"
                + "&withSummary=true&considerReportingDate=true&units=ConfiguredUnits&dataTypes=Hour&dataTypes=Day",
                r.getUrl().encodedQuery());
        assertEquals(PressureType.ABSOLUTE, c.getPressureType());
        MeasurePointDataConsumptionRecord day = c.getDayConsumption().get(0);
        assertEquals(LocalDateTime.of(2026, 7, 1, 0, 0), day.getDateTime().toLocalDateTime());
        assertEquals(List.of(ConsumptionRecordAttributes.CALCULATED_BY_DEVICE_TOTALS), day.getAttributes());
        assertEquals(DataParameter.Q_DELTA, day.getValues().get(1).getDataParameter());
        assertEquals(0.8, day.getValues().get(1).getValue());
        assertTrue(day.getValues().get(1).getIsCalc());
        assertEquals(Unit.GIGA_CALORIE, c.getDataParametersUnit().get(0).getUnit());
        assertTrue(c.getSummary().getDay().isEmpty());
    }

    @Test
    void currentArchiveIsPutAsPlainJson() throws Exception {
        respondEmpty(200);
        SaveConsumptionRequestParameters body = new SaveConsumptionRequestParameters()
                .data(new SaveConsumptionParameters().dataType(DeviceDataType.CURRENT).pressureType(PressureType.NONE)
                        .consumption(List.of(new MeasurePointDataConsumptionRecord()
                                .dateTime(LersDateTime.of(OffsetDateTime.of(2026, 1, 13, 10, 0, 0, 0, ZoneOffset.UTC)))
                                .values(List.of(new DataParameterValue().dataParameter(DataParameter.T_IN).value(71.5))))));
        new MeasurePointConsumptionApi(client).setCurrentArchive(39).overwriteExisting(true).body(body).execute();
        RecordedRequest r = recorded();
        assertEquals("PUT /api/v1/Data/MeasurePoints/39/Consumption/CurrentArchive?overwriteExisting=true",
                r.getMethod() + " " + r.getTarget());
        assertEquals("application/json; charset=utf-8", r.getHeaders().get("Content-Type"));
        assertJsonBody("""
                {"data":{"dataType":"Current","pressureType":"None","consumption":[
                  {"dateTime":"2026-01-13T10:00:00Z","values":[{"dataParameter":"T_in","value":71.5}]}]}}""", r);
    }

    @Test
    void saveDataAndXml80020Export() throws Exception {
        respondEmpty(200);
        respondJson("{\"fileName\":\"80020_39.xml\",\"downloadKey\":\"k-123\"}");
        MeasurePointDataApi api = new MeasurePointDataApi(client);
        api.saveData(39).overwriteExisting(false).body(new SaveDataRequestParams()
                .consumption(new SaveConsumptionParameters().dataType(DeviceDataType.HOUR).consumption(List.of()))
                .totals(List.of(new MeasurePointDataTotalsRecord()
                        .dateTime(LersDateTime.parse("2024-01-01T01:00:00+03:00"))
                        .attributes(List.of(TotalsRecordAttributes.HOUR_TOTALS))
                        .values(List.of(new DataParameterValue().dataParameter(DataParameter.V_IN).value(12345.6))))))
                .execute();
        RecordedRequest save = recorded();
        assertEquals("PUT /api/v1/Data/MeasurePoints/39?overwriteExisting=false", save.getMethod() + " " + save.getTarget());
        assertEquals("application/json; charset=utf-8", save.getHeaders().get("Content-Type"));
        assertJsonBody("""
                {"consumption":{"dataType":"Hour","consumption":[]},
                 "totals":[{"dateTime":"2024-01-01T01:00:00+03:00","attributes":["HourTotals"],
                            "values":[{"dataParameter":"V_in","value":12345.6}]}]}""", save);

        DownloadTemporaryFileResponseParameters file = api.exportToXml80020(39,
                        LersDateTime.of(LocalDate.of(2026, 1, 1)), LersDateTime.of(LocalDate.of(2026, 2, 1)))
                .body(new Xml80020ExportOptions().electricDataKind(ElectricDataKind.REAL).digitCount(3)
                        .averagingInterval(ElectricPowerAveraging.HOURLY).decimalSeparator(DecimalSeparator.DOT)
                        .createFolderForMonth(false))
                .execute();
        RecordedRequest export = recorded();
        assertEquals("PUT", export.getMethod());
        assertEquals("/api/v1/Data/MeasurePoints/39/Export/Xml80020/2026-01-01T00%3A00%3A00/2026-02-01T00%3A00%3A00",
                export.getTarget());
        assertEquals("k-123", file.getDownloadKey());
    }

    @Test
    void totalsReadAndWritten() throws Exception {
        respondJson("""
                {"totals":[{"resourceKind":"Water","isEmpty":false,"dateTime":"2026-01-01T00:00:00+03:00",
                  "attributes":["DayTotals"],"values":[{"dataParameter":"V_in","value":12345.678,"isBad":false,
                  "isCalc":false,"isInterpolated":false,"isReset":false}]}],
                 "dataParametersUnit":[{"dataParameterCategory":"Volume","unit":"CubicMeter"}]}""");
        respondEmpty(200);
        MeasurePointTotalsApi api = new MeasurePointTotalsApi(client);
        GetMeasurePointTotalsResponse totals = api.getTotals(39, LersDateTime.of(LocalDate.of(2026, 1, 1)),
                LersDateTime.of(LocalDate.of(2026, 1, 2))).includeCalculated(true).units(MeasurePointDataUnitsRequestType.SYSTEM_UNITS).execute();
        RecordedRequest get = recorded();
        assertEquals("/api/v1/Data/MeasurePoints/39/Totals/2026-01-01T00%3A00%3A00/2026-01-02T00%3A00%3A00"
                + "?includeCalculated=true&units=SystemUnits", get.getTarget());
        assertEquals(12345.678, totals.getTotals().get(0).getValues().get(0).getValue());

        api.setTotals(39).overwriteExisting(true).body(new SaveTotalsRequestParameters()
                .totalsRecordObjects(totals.getTotals())
                .unitsOfMeasurement(List.of(new UnitOfMeasurementObject().category(DataParameterCategory.VOLUME).unit(Unit.CUBIC_METER))))
                .execute();
        RecordedRequest put = recorded();
        assertEquals("PUT /api/v1/Data/MeasurePoints/39/Totals?overwriteExisting=true", put.getMethod() + " " + put.getTarget());
        assertEquals("application/json; charset=utf-8", put.getHeaders().get("Content-Type"));
        assertJsonBody("""
                {"totalsRecordObjects":[{"resourceKind":"Water","isEmpty":false,"dateTime":"2026-01-01T00:00:00+03:00",
                  "attributes":["DayTotals"],"values":[{"dataParameter":"V_in","value":12345.678,"isBad":false,
                  "isCalc":false,"isInterpolated":false,"isReset":false}]}],
                 "unitsOfMeasurement":[{"category":"Volume","unit":"CubicMeter"}]}""", put);
    }

    @Test
    void lastDataOfOnePointAndOfAll() throws Exception {
        respondJson("""
                {"dataType":"Hour","dateTime":"2026-01-19T10:00:00","attributes":["None"],
                 "values":[{"dataParameter":"Q_delta","value":0.12,"isBad":false,"isCalc":false,"isInterpolated":false,"isReset":false}]}""");
        respondJson("""
                {"5001":{"dateTime":"2026-01-19T10:00:00.123+03:00","attributes":["HourTotals"],
                   "values":[{"dataParameter":"V_in","value":12345.678,"isBad":false,"isCalc":false,"isInterpolated":false,"isReset":false}]},
                 "5002":null}""");
        MeasurePointLastDataApi api = new MeasurePointLastDataApi(client);
        MeasurePointLastConsumption last = api.getMeasurePointLastConsumption(5001).execute();
        assertEquals("/api/v1/Data/MeasurePoints/5001/Consumption/Last", recorded().getTarget());
        assertEquals(DeviceDataType.HOUR, last.getDataType());

        Map<String, MeasurePointLastTotals> all = api.getMeasurePointListLastTotals().execute();
        assertEquals("/api/v1/Data/MeasurePoints/Totals/Last", recorded().getTarget());
        assertEquals(2, all.size());
        assertTrue(all.containsKey("5002"));
        assertNull(all.get("5002"));
        assertEquals(12345.678, all.get("5001").getValues().get(0).getValue());
        assertEquals(123_000_000, all.get("5001").getDateTime().toLocalDateTime().getNano());
    }

    @Test
    void deviceErrorsForSelectedArchives() throws Exception {
        respondJson("""
                {"hourArchive":[{"archiveType":"HeatSystemEvents","channelNumber":1,"dateTime":"2026-01-02T03:00:00",
                   "eventCode":17,"description":"Нет питания","duration":3600,"generalEventType":"NoPower","importance":"Error"}],
                 "dayArchive":null,"monthArchive":[]}""");
        MeasurePointDeviceErrorsResponseParameters errors = new MeasurePointDeviceErrorsApi(client)
                .getMeasurePointErrors(39, LersDateTime.of(LocalDate.of(2026, 1, 1)), LersDateTime.of(LocalDate.of(2026, 1, 31)))
                .dataTypes(List.of(DeviceDataType.HOUR)).execute();
        RecordedRequest r = recorded();
        assertEquals("/api/v1/Data/MeasurePointDeviceErrors/39/2026-01-01T00%3A00%3A00/2026-01-31T00%3A00%3A00?dataTypes=Hour",
                r.getTarget());
        assertEquals(GeneralEventType.NO_POWER, errors.getHourArchive().get(0).getGeneralEventType());
        assertEquals(3600, errors.getHourArchive().get(0).getDuration());
    }

    @Test
    void incidentsCreatedAndRead() throws Exception {
        server.enqueue(new MockResponse.Builder().code(201).addHeader("Content-Type", "application/json")
                .body("{\"id\":175091,\"dateTime\":\"2024-02-01T10:15:00+03:00\",\"editVersion\":\"AAAAAAAB9k0=\"}").build());
        respondJson("""
                [{"id":175091,"nodeId":95,"measurePointId":1093,"equipmentId":null,"incidentType":"Custom",
                  "startDate":"2024-02-01T07:15:00Z","endDate":"0001-01-01T00:00:00","diagDate":"2024-02-01T07:15:00Z",
                  "importance":"Warning","isClosed":false,"description":"Потеря связи","shortDesc":"Нет связи","dataType":"None"}]""");
        respondJson("""
                {"incident":{"id":175091,"nodeId":95,"incidentType":"Custom","importance":"Warning","isClosed":false},
                 "log":[{"id":9000000001,"incidentId":175091,"date":"2024-02-01T07:15:00Z","message":"Создана","incidentType":"Custom"}]}""");
        IncidentsApi api = new IncidentsApi(client);
        BaseSaveResponseParameters created = api.createIncident().body(new CreateIncidentRequestParameters()
                .incidentType(IncidentType.CUSTOM).importance(IncidentImportance.WARNING)
                .description("Потеря связи").shortDescription("Нет связи").nodeId(95).measurePointId(1093)).execute();
        RecordedRequest post = recorded();
        assertEquals("POST /api/v1/Incidents", post.getMethod() + " " + post.getTarget());
        assertEquals("application/json; charset=utf-8", post.getHeaders().get("Content-Type"));
        assertJsonBody("""
                {"incidentType":"Custom","importance":"Warning","description":"Потеря связи",
                 "shortDescription":"Нет связи","nodeId":95,"measurePointId":1093}""", post);
        assertEquals(175091, created.getId());
        assertArrayEquals(new byte[]{0, 0, 0, 0, 0, 1, (byte) 0xf6, 0x4d}, created.getEditVersion());

        List<Incident> active = api.getActiveByMeasurePoint(1093).execute();
        assertEquals("/api/v1/Incidents/Active/MeasurePoint/1093", recorded().getTarget());
        assertEquals(IncidentType.CUSTOM, active.get(0).getIncidentType());
        assertEquals(LocalDateTime.of(1, 1, 1, 0, 0), active.get(0).getEndDate().toLocalDateTime());

        IncidentGetResponseParameters one = api.getById(175091).execute();
        assertEquals("/api/v1/Incidents/175091", recorded().getTarget());
        assertEquals(9000000001L, one.getLog().get(0).getId());
    }

    @Test
    void reportGenerationWithPathEnumAndRepeatedIds() throws Exception {
        respondJson("{\"uri\":\"/api/v1/Downloads/k-1/report.pdf\"}");
        DownloadFileResult result = new GenerateApi(client).generate(7, DeviceDataType.DAY,
                        LersDateTime.of(LocalDate.of(2026, 1, 1)), LersDateTime.of(LocalDate.of(2026, 1, 31)))
                .id(List.of(39, 40)).format(ReportExportFormat.XLSX).execute();
        RecordedRequest r = recorded();
        assertEquals("POST", r.getMethod());
        assertEquals("/api/v1/Reporting/Generate/ParameterSheet/7/Day/2026-01-01T00%3A00%3A00/2026-01-31T00%3A00%3A00"
                + "?format=Xlsx&id=39&id=40", r.getTarget());
        assertEquals("/api/v1/Downloads/k-1/report.pdf", result.getUri());
    }

    @Test
    void downloadsAFile() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/pdf")
                .addHeader("Content-Disposition", "attachment; filename=\"report.pdf\"")
                .body(new Buffer().write(new byte[]{'%', 'P', 'D', 'F'})).build());
        File file = new DownloadsApi(client).download("k-1", "report.pdf").execute();
        RecordedRequest r = recorded();
        assertEquals("GET /api/v1/Downloads/k-1/report.pdf", r.getMethod() + " " + r.getTarget());
        assertNull(r.getHeaders().get("Authorization"));
        assertArrayEquals(new byte[]{'%', 'P', 'D', 'F'}, Files.readAllBytes(file.toPath()));
        Files.deleteIfExists(file.toPath());
    }

    @Test
    void pollOfCurrents() throws Exception {
        respondJson("{\"pollSessionId\":175091}");
        ManualPollResponseParametersV1 poll = new MeasurePointsPollApi(client).pollCurrentsV1(39).execute();
        RecordedRequest r = recorded();
        assertEquals("POST /api/v1/Poll/MeasurePoints/39/Currents", r.getMethod() + " " + r.getTarget());
        assertEquals(0, r.getBodySize());
        assertEquals(175091, poll.getPollSessionId());
    }

    @Test
    void nodeGroupsAndJobs() throws Exception {
        respondJson("[{\"nodeGroup\":{\"id\":44,\"title\":\"Центр\",\"comment\":\"\",\"divisionId\":null,\"isTree\":false,\"parentId\":null},\"members\":[95,96]}]");
        respondJson("""
                [{"id":3,"nodeId":95,"startDate":"2026-01-10T09:00:00+03:00","scheduledEndDate":"2026-01-12T18:00:00+03:00",
                  "factEndDate":null,"title":"Поверка","state":"Overdue","performerAccount":{"id":12,"displayName":"Петров"},
                  "type":{"id":1,"title":"Поверка"}}]""");
        List<NodeGroupWithMembers> groups = new NodeGroupsApi(client).getNodeGroups().nodeId(95).execute();
        assertEquals("/api/v1/Core/NodeGroups?nodeId=95", recorded().getTarget());
        assertEquals(List.of(95, 96), groups.get(0).getMembers());
        List<NodeJobDTO> jobs = new NodeJobsApi(client).getList().incomplete(true).execute();
        assertEquals("/api/v1/Core/NodeJobs?incomplete=true", recorded().getTarget());
        assertEquals(NodeJobState.OVERDUE, jobs.get(0).getState());
        assertEquals("Петров", jobs.get(0).getPerformerAccount().getDisplayName());
    }

    @Test
    void territoriesAndWeather() throws Exception {
        respondJson("[{\"id\":1,\"parentId\":null,\"name\":\"Хабаровск\",\"timeZoneOffset\":10,\"monthStdTemperature\":[-20.1,-16.5,-8.4,2.7,10.7,17.4,21.2,20.1,13.9,4.9,-7.1,-17.0]}]");
        respondJson("[{\"date\":\"2026-01-13T00:00:00+10:00\",\"value\":-21.5}]");
        respondEmpty(200);
        List<Territory> territories = new TerritoriesApi(client).getList().execute();
        assertEquals("/api/v1/Core/Territories", recorded().getTarget());
        assertEquals(10, territories.get(0).getTimeZoneOffset());
        assertEquals(12, territories.get(0).getMonthStdTemperature().size());

        WeatherApi weather = new WeatherApi(client);
        List<TerritoryOutdoorTemperature> t = weather.get(1).execute();
        assertEquals("/api/v1/Data/Territories/1/Weather", recorded().getTarget());
        assertEquals(-21.5f, t.get(0).getValue());
        assertEquals(ZoneOffset.ofHours(10), t.get(0).getDate().offset().orElseThrow());

        weather.set(1).body(List.of(new TerritoryOutdoorTemperature()
                .date(LersDateTime.of(LocalDateTime.of(2026, 1, 14, 0, 0), ZoneOffset.ofHours(10))).value(-19.0f))).execute();
        RecordedRequest put = recorded();
        assertEquals("PUT /api/v1/Data/Territories/1/Weather", put.getMethod() + " " + put.getTarget());
        assertEquals("application/json; charset=utf-8", put.getHeaders().get("Content-Type"));
        assertJsonBody("[{\"date\":\"2026-01-14T00:00:00+10:00\",\"value\":-19.0}]", put);
    }

    @Test
    void aBusinessErrorIsAnApiExceptionWithTheBody() {
        respond(422, "{\"errorMessage\":\"Точка учёта не найдена\",\"errorCode\":3,\"data\":{}}");
        ApiException e = assertThrows(ApiException.class, () -> new MeasurePointsApi(client).getById(999).execute());
        assertEquals(422, e.getCode());
        assertTrue(e.getResponseBody().contains("Точка учёта не найдена"));
    }
}
