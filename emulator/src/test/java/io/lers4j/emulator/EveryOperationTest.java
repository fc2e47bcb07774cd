package io.lers4j.emulator;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
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
import io.lers4j.invoker.ApiClient;
import io.lers4j.invoker.ApiResponse;
import io.lers4j.model.AuthenticatePlainRequestParameters;
import io.lers4j.model.AuthenticateRequestParameters;
import io.lers4j.model.CreateIncidentRequestParameters;
import io.lers4j.model.DataParameter;
import io.lers4j.model.DataParameterValue;
import io.lers4j.model.DeviceDataType;
import io.lers4j.model.IncidentImportance;
import io.lers4j.model.IncidentType;
import io.lers4j.model.JsonPatchOperation;
import io.lers4j.model.MeasurePointDataConsumptionRecord;
import io.lers4j.model.MeasurePointDataTotalsRecord;
import io.lers4j.model.ReportExportFormat;
import io.lers4j.model.SaveConsumptionParameters;
import io.lers4j.model.SaveConsumptionRequestParameters;
import io.lers4j.model.SaveDataRequestParams;
import io.lers4j.model.SaveTotalsRequestParameters;
import io.lers4j.model.SystemType;
import io.lers4j.model.TerritoryOutdoorTemperature;
import io.lers4j.model.Xml80020ExportOptions;
import io.lers4j.types.LersDateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every operation of the API document is routed at its exact path and answers something the
 * generated API reads. Adding an operation to the document fails this test until it is covered.
 */
class EveryOperationTest {

    private static LersEmulator lers;
    private static ApiClient client;

    @BeforeAll
    static void start() {
        lers = LersEmulator.builder().clock(Clock.fixed(TestSupport.NOW, ZoneOffset.UTC)).start();
        client = TestSupport.demo(lers);
    }

    @AfterAll
    static void stop() {
        lers.close();
    }

    /** The document the emulator serves is the packaged copy of api-spec. */
    private static JsonObject document() throws Exception {
        try (InputStream in = LersEmulator.class.getResourceAsStream(Api.V1.resource())) {
            assertNotNull(in, "the API document is packaged with the emulator");
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        }
    }

    /** operationId -> "METHOD path" as the document lists them. */
    private static Map<String, String> operations() throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> path : document().getAsJsonObject("paths").entrySet()) {
            for (Map.Entry<String, JsonElement> op : path.getValue().getAsJsonObject().entrySet()) {
                out.put(op.getValue().getAsJsonObject().get("operationId").getAsString(),
                        op.getKey().toUpperCase() + " " + path.getKey());
            }
        }
        return out;
    }

    @Test
    void routesAreTheDocumentsPaths() throws Exception {
        Map<String, String> routed = new LinkedHashMap<>();
        for (Router.Route r : lers.router().routes()) {
            if (r.api == Api.V1) {
                routed.put(r.operationId, r.method + " " + r.template);
            }
        }
        assertEquals(operations(), routed);
        assertEquals(38, routed.size());
    }

    @Test
    void everyOperationAnswersThroughTheGeneratedApi() throws Exception {
        Map<String, Callable<Object>> calls = exercises();
        List<String> missing = new ArrayList<>();
        for (String id : operations().keySet()) {
            if (!calls.containsKey(id)) {
                missing.add(id);
            }
        }
        assertTrue(missing.isEmpty(), "operations without an exercise: " + missing);
        assertTrue(operations().keySet().containsAll(calls.keySet()), "exercises for unknown operations");
        for (Map.Entry<String, Callable<Object>> call : calls.entrySet()) {
            Object answer;
            try {
                answer = call.getValue().call();
            } catch (Exception e) {
                throw new AssertionError(call.getKey() + " failed: " + e, e);
            }
            assertNotNull(answer, call.getKey());
            if (answer instanceof ApiResponse) {
                int status = ((ApiResponse<?>) answer).getStatusCode();
                assertTrue(status == 200 || status == 201, call.getKey() + " answered " + status);
            } else if (answer instanceof Collection) {
                assertTrue(!((Collection<?>) answer).isEmpty(), call.getKey() + " answered an empty list");
            } else if (answer instanceof Map) {
                assertTrue(!((Map<?, ?>) answer).isEmpty(), call.getKey() + " answered an empty map");
            }
        }
    }

    @Test
    void theDocumentIsServed() throws Exception {
        try (okhttp3.Response r = TestSupport.send(new okhttp3.Request.Builder()
                .url(lers.baseUrl() + "/api/swagger/v1/swagger.json").build())) {
            assertEquals(200, r.code());
            assertEquals(document(), JsonParser.parseString(r.body().string()));
        }
    }

    private Map<String, Callable<Object>> exercises() {
        DataSet ds = lers.dataSet();
        int heat = ds.firstMeasurePoint(SystemType.HEAT).id();
        int electricity = ds.firstMeasurePoint(SystemType.ELECTRICITY).id();
        int house = ds.nodes().stream().filter(n -> n.type().getValue().equals("House")).findFirst().orElseThrow().id();
        int node = ds.measurePoint(heat).nodeId();
        int device = ds.measurePoint(heat).deviceId();
        LersDateTime from = LersDateTime.of(LocalDate.of(2026, 3, 1));
        LersDateTime to = LersDateTime.of(LocalDateTime.of(2026, 3, 2, 23, 0));
        LersDateTime hour = LersDateTime.of(LocalDateTime.of(2026, 3, 10, 5, 0));
        Map<String, Callable<Object>> c = new LinkedHashMap<>();
        c.put("Equipment_GetEquipmentList", () -> new EquipmentApi(client).getEquipmentList().id(List.of(device)).execute().getList());
        c.put("Equipment_GetEquipment", () -> new EquipmentApi(client).getEquipment(device).includeBindings(true).execute().getChannelBind());
        c.put("Equipment_UpdateEquipment", () -> new EquipmentApi(client).updateEquipment(device)
                .body(List.of(new JsonPatchOperation().op("replace").path("/comment").value("Проверен"))).executeWithHttpInfo());
        c.put("MeasurePoints_GetMeasurePoints", () -> new MeasurePointsApi(client).getMeasurePoints().includeLastConsumption(true)
                .execute().getLastConsumption());
        c.put("MeasurePoints_GetById", () -> new MeasurePointsApi(client).getById(heat).includeDevice(true).execute().getMeasurePoint().getDevice());
        c.put("NodeGroups_GetNodeGroups", () -> new NodeGroupsApi(client).getNodeGroups().nodeId(node).execute());
        c.put("NodeJobs_GetList", () -> new NodeJobsApi(client).getList().execute());
        c.put("Nodes_GetNodes", () -> new NodesApi(client).getNodes().includeSuppliers(true).execute().getNodeSuppliers());
        c.put("Nodes_GetNodeCommunalMeasurePoints", () -> new NodesApi(client).getNodeCommunalMeasurePoints(house).execute()
                .getMeasurePoints());
        c.put("Nodes_UpdateNode", () -> new NodesApi(client).updateNode(node)
                .body(List.of(new JsonPatchOperation().op("replace").path("responsiblePhone").value("+7 (495) 000-00-00")))
                .executeWithHttpInfo());
        c.put("Nodes_GetNodeMeasurePoints", () -> new NodesApi(client).getNodeMeasurePoints(node).execute().getMeasurePoints());
        c.put("Territories_GetList", () -> new TerritoriesApi(client).getList().execute());
        c.put("Territories_GetById", () -> new TerritoriesApi(client).getById(1).execute().getMonthStdTemperature());
        c.put("MeasurePointDeviceErrors_GetMeasurePointErrors", () -> new MeasurePointDeviceErrorsApi(client)
                .getMeasurePointErrors(heat, LersDateTime.of(LocalDate.of(2025, 1, 1)), to).execute().getHourArchive());
        c.put("MeasurePointLastData_GetMeasurePointListLastConsumption", () -> new MeasurePointLastDataApi(client)
                .getMeasurePointListLastConsumption().execute());
        c.put("MeasurePointLastData_GetMeasurePointListLastTotals", () -> new MeasurePointLastDataApi(client)
                .getMeasurePointListLastTotals().execute());
        c.put("MeasurePointData_SaveData", () -> new MeasurePointDataApi(client).saveData(heat).overwriteExisting(true)
                .body(new SaveDataRequestParams().consumption(new SaveConsumptionParameters().dataType(DeviceDataType.HOUR)
                        .consumption(List.of(new MeasurePointDataConsumptionRecord().dateTime(hour)
                                .values(List.of(new DataParameterValue().dataParameter(DataParameter.T_IN).value(71.0)))))))
                .executeWithHttpInfo());
        c.put("MeasurePointConsumption_SetCurrentArchive", () -> new MeasurePointConsumptionApi(client).setCurrentArchive(heat)
                .body(new SaveConsumptionRequestParameters().data(new SaveConsumptionParameters()
                        .dataType(DeviceDataType.CURRENT).consumption(List.of(new MeasurePointDataConsumptionRecord()
                                .dateTime(LersDateTime.parse("2026-03-15T10:15:00Z"))
                                .values(List.of(new DataParameterValue().dataParameter(DataParameter.T_IN).value(70.5)))))))
                .executeWithHttpInfo());
        c.put("MeasurePointConsumption_GetConsumption", () -> new MeasurePointConsumptionApi(client)
                .getConsumption(heat, from, to).dataTypes(List.of(DeviceDataType.HOUR)).execute().getHourConsumption());
        c.put("MeasurePointData_ExportToXml80020", () -> new MeasurePointDataApi(client).exportToXml80020(electricity, from, to)
                .body(new Xml80020ExportOptions()).execute().getDownloadKey());
        c.put("MeasurePointTotals_SetTotals", () -> new MeasurePointTotalsApi(client).setTotals(heat)
                .body(new SaveTotalsRequestParameters().totalsRecordObjects(List.of(new MeasurePointDataTotalsRecord()
                        .dateTime(LersDateTime.of(LocalDateTime.of(2026, 3, 20, 0, 0)))
                        .values(List.of(new DataParameterValue().dataParameter(DataParameter.M_IN).value(1.0e6))))))
                .executeWithHttpInfo());
        c.put("MeasurePointTotals_GetTotals", () -> new MeasurePointTotalsApi(client).getTotals(heat, from, to).execute().getTotals());
        c.put("MeasurePointLastData_GetMeasurePointLastConsumption", () -> new MeasurePointLastDataApi(client)
                .getMeasurePointLastConsumption(heat).execute().getValues());
        c.put("MeasurePointLastData_GetMeasurePointLastTotals", () -> new MeasurePointLastDataApi(client)
                .getMeasurePointLastTotals(heat).execute().getValues());
        c.put("Weather_Get", () -> new WeatherApi(client).get(1).execute());
        c.put("Weather_Set", () -> new WeatherApi(client).set(1).body(List.of(new TerritoryOutdoorTemperature()
                .date(LersDateTime.of(LocalDateTime.of(2026, 3, 16, 0, 0), ZoneOffset.ofHours(3))).value(-2.5f)))
                .executeWithHttpInfo());
        c.put("Downloads_Download", () -> {
            String key = new MeasurePointDataApi(client).exportToXml80020(electricity, from, from)
                    .body(new Xml80020ExportOptions()).execute().getDownloadKey();
            File file = new DownloadsApi(TestSupport.anonymous(lers)).download(key, "80020.xml").execute();
            byte[] content = Files.readAllBytes(file.toPath());
            Files.deleteIfExists(file.toPath());
            return content.length > 0 ? content : null;
        });
        c.put("Incidents_CreateIncident", () -> new IncidentsApi(client).createIncident().body(new CreateIncidentRequestParameters()
                .incidentType(IncidentType.CUSTOM).importance(IncidentImportance.INFORMATION).description("Осмотр")
                .measurePointId(heat)).executeWithHttpInfo());
        c.put("Incidents_GetActiveByMeasurePoint", () -> new IncidentsApi(client).getActiveByMeasurePoint(heat).execute());
        c.put("Incidents_GetById", () -> new IncidentsApi(client).getById(ds.initialIncidentIds().get(0)).execute().getLog());
        c.put("Login_LoginPlain", () -> new LoginApi(TestSupport.anonymous(lers)).loginPlain()
                .body(new AuthenticatePlainRequestParameters().login("demo").password("demo").application("t")).execute()
                .getToken());
        c.put("Login_GetCurrentLoginV1", () -> new LoginApi(client).getCurrentLoginV1().execute().getPermissions());
        c.put("Login_LoginWindows", () -> new LoginApi(client).loginWindows()
                .body(new AuthenticateRequestParameters().application("t")).execute().getToken());
        c.put("Login_LoginUser", () -> new LoginApi(client).loginUser("viewer").application("t").execute().getTokenExpiration());
        c.put("MeasurePointsPoll_PollCurrentsV1", () -> new MeasurePointsPollApi(client).pollCurrentsV1(heat).execute()
                .getPollSessionId());
        c.put("Generate_Generate", () -> new GenerateApi(client).generate(ds.reportId(SystemType.HEAT), DeviceDataType.DAY,
                from, to).id(List.of(heat)).format(ReportExportFormat.PDF).execute().getUri());
        c.put("ServerInfo_GetVersion", () -> new ServerInfoApi(TestSupport.anonymous(lers)).getVersion().execute().getServerTime());
        c.put("ServerInfo_GetExtraInfo", () -> new ServerInfoApi(client).getExtraInfo().execute().getLicense());
        if (c.size() != 38) {
            fail("38 operations expected, " + c.size() + " exercised");
        }
        return c;
    }
}
