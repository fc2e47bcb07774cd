package io.lers4j.emulator;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.lers4j.api.EquipmentApi;
import io.lers4j.api.IncidentsApi;
import io.lers4j.api.MeasurePointConsumptionApi;
import io.lers4j.api.MeasurePointLastDataApi;
import io.lers4j.api.MeasurePointTotalsApi;
import io.lers4j.api.MeasurePointsApi;
import io.lers4j.api.NodeGroupsApi;
import io.lers4j.api.NodesApi;
import io.lers4j.api.TerritoriesApi;
import io.lers4j.invoker.ApiClient;
import io.lers4j.invoker.ApiException;
import io.lers4j.model.JsonPatchOperation;
import io.lers4j.model.Node;
import io.lers4j.model.SystemType;
import io.lers4j.types.LersDateTime;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Clock;
import io.lers4j.api.WeatherApi;
import io.lers4j.model.TerritoryOutdoorTemperature;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input answers 422 {errorMessage, errorCode, data}; HTTP-level mistakes their usual statuses; bugs 500. */
class ErrorsTest {

    private static LersEmulator lers;
    private static ApiClient client;
    private static String token;

    @BeforeAll
    static void start() {
        lers = LersEmulator.builder().clock(Clock.fixed(TestSupport.NOW, ZoneOffset.UTC)).start();
        token = TestSupport.token(lers, "demo", "demo");
        client = TestSupport.anonymous(lers);
        client.addDefaultHeader("Authorization", "Bearer " + token);
    }

    @AfterAll
    static void stop() {
        lers.close();
    }

    /** The 422 body of a failing call. */
    private static JsonObject businessError(Executable call) {
        ApiException e = assertThrows(ApiException.class, call);
        assertEquals(422, e.getCode(), e.getResponseBody());
        JsonObject body = JsonParser.parseString(e.getResponseBody()).getAsJsonObject();
        assertTrue(body.has("errorMessage") && body.has("errorCode") && body.has("data"), body.toString());
        return body;
    }

    private static Response send(String method, String path, String contentType, String body) throws Exception {
        RequestBody requestBody = body == null ? null : RequestBody.create(body, MediaType.get(contentType));
        return TestSupport.send(new Request.Builder().url(lers.baseUrl() + path).header("Authorization", "Bearer " + token)
                .method(method, requestBody).build());
    }

    @Test
    void unknownIdsAre422() {
        LersDateTime from = LersDateTime.of(LocalDate.of(2026, 3, 1));
        JsonObject point = businessError(() -> new MeasurePointConsumptionApi(client).getConsumption(99999, from, from).execute());
        assertEquals("Точка учёта с идентификатором 99999 не найдена.", point.get("errorMessage").getAsString());
        assertEquals(HttpError.NOT_FOUND, point.get("errorCode").getAsInt());
        businessError(() -> new MeasurePointsApi(client).getById(99999).execute());
        businessError(() -> new MeasurePointLastDataApi(client).getMeasurePointLastTotals(99999).execute());
        assertTrue(businessError(() -> new NodesApi(client).getNodeMeasurePoints(1).execute())
                .get("errorMessage").getAsString().contains("Объект учёта"));
        assertTrue(businessError(() -> new EquipmentApi(client).getEquipment(1).execute())
                .get("errorMessage").getAsString().contains("Оборудование"));
        assertTrue(businessError(() -> new TerritoriesApi(client).getById(42).execute())
                .get("errorMessage").getAsString().contains("Территория"));
        assertTrue(businessError(() -> new IncidentsApi(client).getById(5).execute())
                .get("errorMessage").getAsString().contains("Нештатная ситуация"));
        businessError(() -> new NodeGroupsApi(client).getNodeGroups().nodeId(7).execute());
        businessError(() -> new NodesApi(client).getNodes().nodeGroupId(77).execute());
    }

    @Test
    void aPeriodStartingAfterItsEndIs422() {
        int heat = lers.dataSet().firstMeasurePoint(SystemType.HEAT).id();
        LersDateTime later = LersDateTime.of(LocalDate.of(2026, 3, 2));
        LersDateTime earlier = LersDateTime.of(LocalDate.of(2026, 3, 1));
        JsonObject e = businessError(() -> new MeasurePointConsumptionApi(client).getConsumption(heat, later, earlier).execute());
        assertEquals("Дата начала периода больше даты окончания.", e.get("errorMessage").getAsString());
        assertEquals(HttpError.BAD_ARGUMENT, e.get("errorCode").getAsInt());
        businessError(() -> new MeasurePointTotalsApi(client).getTotals(heat, later, earlier).execute());
    }

    /** The validation problem details ASP.NET Core answers a binding failure with, and its one error key. */
    private static JsonObject validationProblem(Response r, String key) throws Exception {
        assertEquals(400, r.code());
        assertTrue(r.header("Content-Type").startsWith("application/problem+json"), r.header("Content-Type"));
        JsonObject body = JsonParser.parseString(r.body().string()).getAsJsonObject();
        assertEquals("One or more validation errors occurred.", body.get("title").getAsString());
        assertEquals(400, body.get("status").getAsInt());
        assertTrue(body.get("traceId").getAsString().matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00"), body.toString());
        assertTrue(body.getAsJsonObject("errors").has(key), body.toString());
        return body;
    }

    @Test
    void unreadableOrMissingBodiesAre400AsAspNetCoreAnswersAndForeignMediaTypes415() throws Exception {
        try (Response r = send("POST", "/api/v1/Login", "application/json", "{\"login\": ")) {
            validationProblem(r, "$");
        }
        try (Response r = send("POST", "/api/v1/Login", "application/json", "")) {
            assertEquals("A non-empty request body is required.",
                    validationProblem(r, "").getAsJsonObject("errors").getAsJsonArray("").get(0).getAsString());
        }
        try (Response r = send("PUT", "/api/v1/Data/Territories/1/Weather", "application/json", "{\"date\":1}")) {
            validationProblem(r, "$"); // an object where a list is expected
        }
        try (Response r = send("PUT", "/api/v1/Data/Territories/1/Weather", "text/plain", "[]")) {
            assertEquals(415, r.code());
        }
        LocalDate day = LocalDate.of(2026, 3, 10);
        List<TerritoryOutdoorTemperature> before = new WeatherApi(client).get(1).execute();
        try (Response r = send("PUT", "/api/v1/Data/Territories/1/Weather", "application/json",
                "[{\"date\":\"" + day + "T00:00:00\",\"value\":-5.5},{\"date\":\"not a date\",\"value\":1}]")) {
            validationProblem(r, "$");
        }
        assertEquals(before.toString(), new WeatherApi(client).get(1).execute().toString(),
                "nothing of a refused request is stored, not even its valid first item");
        try (Response r = send("PUT", "/api/v1/Data/MeasurePoints/1002/Totals", "application/json",
                "{\"totalsRecordObjects\":[{\"dateTime\":\"yesterday\"}]}")) {
            validationProblem(r, "$");
        }
    }

    @Test
    void valuesThatCannotBeBoundAre400AndLersOwnRefusals422() throws Exception {
        try (Response r = send("GET", "/api/v1/Core/MeasurePoints/abc", null, null)) {
            assertEquals("The value 'abc' is not valid.",
                    validationProblem(r, "id").getAsJsonObject("errors").getAsJsonArray("id").get(0).getAsString());
        }
        try (Response r = send("GET", "/api/v1/Data/MeasurePoints/1002/Consumption/soon/later", null, null)) {
            validationProblem(r, "start");
        }
        try (Response r = send("GET", "/api/v1/Data/MeasurePoints/1002/Consumption/2026-03-01/2026-03-02?dataTypes=Weekly",
                null, null)) {
            assertTrue(validationProblem(r, "dataTypes").toString().contains("Weekly"));
        }
        try (Response r = send("GET", "/api/v1/Core/Nodes?getMeasurePoints=maybe", null, null)) {
            validationProblem(r, "getMeasurePoints");
        }
        // a period whose start is after its end binds, and LERS itself refuses it
        try (Response r = send("GET", "/api/v1/Data/MeasurePoints/1002/Consumption/2026-03-02/2026-03-01", null, null)) {
            assertEquals(422, r.code());
        }
    }

    @Test
    void unknownRoutesAre404AndWrongMethods405() throws Exception {
        try (Response r = send("GET", "/api/v1/Core/Rooms", null, null)) {
            assertEquals(404, r.code());
        }
        try (Response r = send("DELETE", "/api/v1/Core/Nodes/101", null, null)) {
            assertEquals(405, r.code());
            assertEquals("PATCH", r.header("Allow"));
        }
    }

    @Test
    void aPatchOfAnUnknownOrReadOnlyPropertyChangesNothing() {
        int nodeId = lers.dataSet().nodes().get(0).id();
        String before = title(nodeId);
        JsonObject unknown = businessError(() -> new NodesApi(client).updateNode(nodeId).body(List.of(
                new JsonPatchOperation().op("replace").path("/title").value("Новое имя"),
                new JsonPatchOperation().op("replace").path("/height").value("12"))).execute());
        assertTrue(unknown.get("errorMessage").getAsString().contains("height"));
        businessError(() -> new NodesApi(client).updateNode(nodeId).body(List.of(
                new JsonPatchOperation().op("replace").path("id").value("5"))).execute());
        businessError(() -> new NodesApi(client).updateNode(nodeId).body(List.of(
                new JsonPatchOperation().op("replace").path("number").value("many"))).execute());
        businessError(() -> new NodesApi(client).updateNode(nodeId).body(List.of(
                new JsonPatchOperation().op("move").path("title").value("x"))).execute());
        assertEquals(before, title(nodeId), "all operations or none");
    }

    private static String title(int nodeId) {
        for (Node n : new NodesApi(client).getNodes().execute().getNodes()) {
            if (n.getId() == nodeId) {
                return n.getTitle();
            }
        }
        throw new AssertionError("no node " + nodeId);
    }

    @Test
    void anUnexpectedExceptionIs500WithAShortTextAndTheServerGoesOn() throws Exception {
        lers.routes().extra("GET", "/api/v1/Test/Failure", Router.Access.ANONYMOUS, call -> {
            throw new IllegalStateException("simulated bug");
        });
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(Front.class.getName());
        java.util.logging.Level level = log.getLevel();
        log.setLevel(java.util.logging.Level.OFF); // the emulator logs its failures; this one is expected
        try (Response r = send("GET", "/api/v1/Test/Failure", null, null)) {
            assertEquals(500, r.code());
            String text = r.body().string();
            assertTrue(text.contains("IllegalStateException") && text.contains("simulated bug"), text);
            assertTrue(text.length() < 300);
        } finally {
            log.setLevel(level);
        }
        assertEquals(3, new TerritoriesApi(client).getList().execute().size());
    }
}
