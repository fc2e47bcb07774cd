package io.lers4j.emulator;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.lers4j.api.MeasurePointConsumptionApi;
import io.lers4j.api.MeasurePointsApi;
import io.lers4j.api.NodeJobsApi;
import io.lers4j.api.NodesApi;
import io.lers4j.api.TerritoriesApi;
import io.lers4j.invoker.ApiClient;
import io.lers4j.invoker.ApiException;
import io.lers4j.model.NodeJobDTO;
import io.lers4j.model.NodeJobState;
import io.lers4j.model.SystemType;
import io.lers4j.types.LersDateTime;
import io.lers4j.v01.api.V01Services;
import io.lers4j.v01.model.AccessRight;
import io.lers4j.v01.model.AuthenticatePlainRequestParameters;
import io.lers4j.v01.model.CurrentLoginInfo;
import io.lers4j.v01.model.DataParameterDescriptorDTO;
import io.lers4j.v01.model.DataParameterValue;
import io.lers4j.v01.model.DeviceDataType;
import io.lers4j.v01.model.GetMeasurePointListResponseParameters;
import io.lers4j.v01.model.GetNodeJobResponseParameters;
import io.lers4j.v01.model.MeasurePoint;
import io.lers4j.v01.model.MeasurePointDataConsumptionRecord;
import io.lers4j.v01.model.MeasurePointType;
import io.lers4j.v01.model.Node;
import io.lers4j.v01.model.NodeJob;
import io.lers4j.v01.model.SaveConsumptionParameters;
import io.lers4j.v01.model.SaveDataRequestParams;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * v0.1 beside v1 on one data set: the same accounts and tokens, nodes, points and jobs, in v0.1's
 * shapes; anonymous routes as the document has them; who may write.
 */
class V01DataSetTest {

    private static LersEmulator lers;
    private static ApiClient v1;
    private static V01Services v01;

    @BeforeAll
    static void start() {
        lers = LersEmulator.builder().clock(Clock.fixed(TestSupport.NOW, ZoneOffset.UTC)).start();
        v1 = TestSupport.demo(lers);
        v01 = new V01Services(v1);
    }

    @AfterAll
    static void stop() {
        lers.close();
    }

    private static ApiClient bearer(String token) {
        ApiClient c = TestSupport.anonymous(lers);
        c.addDefaultHeader("Authorization", "Bearer " + token);
        return c;
    }

    private static Response send(String method, String path, String token, String body) throws Exception {
        Request.Builder b = new Request.Builder().url(lers.baseUrl() + path);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (!method.equals("GET")) {
            b.method(method, RequestBody.create(body == null ? "" : body, MediaType.get("application/json-patch+json")));
        }
        return TestSupport.send(b.build());
    }

    @Test
    void tokensOfEitherVersionsLoginWorkOnTheOther() {
        String v01Token = new V01Services(TestSupport.anonymous(lers)).login().loginPlain()
                .body(new AuthenticatePlainRequestParameters().login("demo").password("demo").application("Telegram Bot"))
                .execute().getToken();
        assertEquals(3, new TerritoriesApi(bearer(v01Token)).getList().execute().size());
        String v1Token = TestSupport.token(lers, "viewer", "viewer");
        CurrentLoginInfo current = new V01Services(bearer(v1Token)).login().getCurrentLogin().execute();
        assertEquals("viewer", current.getAccount().getLogin());
        assertTrue(current.getPermissions().contains(AccessRight.VIEW_DATA), "AccessRight names: " + current.getPermissions());
        assertFalse(current.getPermissions().contains(AccessRight.SAVE_DATA));
        assertTrue(current.getPermissions().stream().allMatch(AccessRight::isKnown), current.getPermissions().toString());
        new V01Services(bearer(v01Token)).logout().logoutCurrentToken().execute();
        ApiException revoked = assertThrows(ApiException.class, () -> new TerritoriesApi(bearer(v01Token)).getList().execute());
        assertEquals(401, revoked.getCode(), "a v0.1 logout ends the token on v1 too");
    }

    @Test
    void nodesAndRegularPointsAreV1sInV01sShape() {
        List<Node> nodes = v01.nodes().getNodes().execute().getNodes();
        List<io.lers4j.model.Node> v1Nodes = new NodesApi(v1).getNodes().execute().getNodes();
        assertEquals(v1Nodes.stream().map(n -> n.getId() + " " + n.getTitle() + " " + n.getAddress()).collect(Collectors.toList()),
                nodes.stream().map(n -> n.getId() + " " + n.getTitle() + " " + n.getAddress()).collect(Collectors.toList()));
        GetMeasurePointListResponseParameters regular = v01.measurePoints().getMeasurePoints()
                .type(MeasurePointType.REGULAR).execute();
        Set<Integer> expected = new TreeSet<>();
        lers.dataSet().measurePoints().forEach(p -> {
            if (p.type().getValue().equals("Regular")) {
                expected.add(p.id());
            }
        });
        assertEquals(expected, regular.getMeasurePoints().stream().map(MeasurePoint::getId)
                .collect(Collectors.toCollection(TreeSet::new)));
        int heat = lers.dataSet().firstMeasurePoint(SystemType.HEAT).id();
        MeasurePoint one = v01.measurePoints().getById(heat).execute().getMeasurePoint();
        assertEquals(new MeasurePointsApi(v1).getById(heat).execute().getMeasurePoint().getFullTitle(), one.getFullTitle());
    }

    @Test
    void consumptionRecordsHaveV01sDataParametersAndOneFlagsValueOfAttributes() throws Exception {
        int heat = lers.dataSet().firstMeasurePoint(SystemType.HEAT).id();
        String token = TestSupport.token(lers, "demo", "demo");
        try (Response r = send("GET", "/api/v0.1/Data/MeasurePoints/" + heat
                + "/Consumption/2026-03-01/2026-03-01T01:00:00?dataTypes=Hour", token, null)) {
            assertEquals(200, r.code());
            JsonObject record = JsonParser.parseString(r.body().string()).getAsJsonObject()
                    .getAsJsonArray("hourConsumption").get(0).getAsJsonObject();
            assertTrue(record.has("dataParameters") && !record.has("values"), record.toString());
            assertEquals("None", record.get("attributes").getAsString());
        }
        LersDateTime hour = LersDateTime.of(LocalDateTime.of(2026, 3, 10, 7, 0));
        v01.measurePointData().saveData(heat).overwriteExisting(true).body(new SaveDataRequestParams()
                .consumption(new SaveConsumptionParameters().dataType(DeviceDataType.HOUR).consumption(List.of(
                        new MeasurePointDataConsumptionRecord().dateTime(hour).dataParameters(List.of(new DataParameterValue()
                                .dataParameter(io.lers4j.v01.model.DataParameter.T_IN).value(88.5)))))))
                .execute();
        io.lers4j.model.MeasurePointDataConsumptionRecord read = new MeasurePointConsumptionApi(v1)
                .getConsumption(heat, hour, hour).dataTypes(List.of(io.lers4j.model.DeviceDataType.HOUR)).execute()
                .getHourConsumption().get(0);
        assertTrue(read.getValues().stream().anyMatch(v -> v.getDataParameter().getValue().equals("T_in")
                && v.getValue() == 88.5), "a v0.1 write is read by v1");
    }

    @Test
    void incompleteNodeJobsAreV1sOpenJobsWithTheirNodes() {
        GetNodeJobResponseParameters answer = v01.nodeJobs().getList().incomplete(true).execute();
        Set<Integer> open = new TreeSet<>();
        for (NodeJobDTO job : new NodeJobsApi(v1).getList().execute()) {
            if (!job.getState().equals(NodeJobState.COMPLETED)) {
                open.add(job.getId());
            }
        }
        assertFalse(open.isEmpty());
        assertEquals(open, answer.getNodeJobList().stream().map(NodeJob::getId).collect(Collectors.toCollection(TreeSet::new)));
        for (NodeJob job : answer.getNodeJobList()) {
            assertFalse(job.getState().getValue().equals("Completed"));
            Node node = answer.getNodes().get(String.valueOf(job.getNodeId()));
            assertNotNull(node, "the job's node is in the map");
            assertEquals(lers.dataSet().node(job.getNodeId()).title(), node.getTitle());
            assertTrue(answer.getAccountList().stream().anyMatch(a -> a.getId().equals(job.getPerformerAccountId())));
            assertTrue(answer.getNodeJobTypeList().stream().anyMatch(t -> t.getId().equals(job.getType())));
        }
        assertEquals(3, v01.nodeJobs().getList().execute().getNodeJobList().size(), "all jobs without the filter");
    }

    @Test
    void theDocumentsAnonymousOperationsAnswerWithoutATokenAndTheOthersAre401() throws Exception {
        List<DataParameterDescriptorDTO> descriptors = new V01Services(TestSupport.anonymous(lers)).descriptors()
                .getListForDataParameters().execute();
        DataParameterDescriptorDTO tIn = descriptors.stream().filter(d -> d.getName().equals("T_in")).findFirst().orElseThrow();
        assertEquals("CelsiusDegree", tIn.getSystemUnit().getValue());
        assertFalse(tIn.getIsAdditive());
        assertTrue(descriptors.stream().filter(d -> d.getName().equals("Q_delta")).findFirst().orElseThrow().getIsAdditive());
        for (String path : new String[]{"/api/v0.1/Core/Nodes", "/api/v0.1/Login/Current", "/api/v0.1/Poll/PollPorts/Status",
                "/api/v0.1/Notifications/2026-01-01/2026-02-01", "/api/v0.1/Admin/SystemParameters"}) {
            try (Response r = send("GET", path, null, null)) {
                assertEquals(401, r.code(), path);
            }
        }
        try (Response r = send("POST", "/api/v0.1/Login", null, "{\"login\":\"demo\",\"password\":\"nope\"}")) {
            assertEquals(422, r.code(), "wrong credentials are LERS's refusal, as on v1");
        }
    }

    /** The path with every parameter filled: ids 1, dates, enum names, the rest "x". */
    private static String filled(String template) {
        return template.replaceAll("\\{(start|end|startDate|endDate)}", "2026-03-01")
                .replaceAll("\\{[a-zA-Z]*[iI]d}", "1").replaceAll("\\{[^}]*}", "x");
    }

    /** What the viewer may still do beyond reading: its own logins and notifications, printing reports. */
    private static boolean ownOrPrint(String operationId) {
        String controller = operationId.substring(0, operationId.indexOf('_'));
        return Set.of("Login", "Logout", "Notifications", "Generate").contains(controller)
                && !operationId.equals("Logout_LogoutUser") || operationId.equals("Accounts_ChangeOwnPassword");
    }

    @Test
    void theViewerIsForbiddenEveryWriteButItsOwnAndPrinting() throws Exception {
        String token = TestSupport.token(lers, "viewer", "viewer");
        List<String> allowed = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, Object[]> e : EveryV01OperationTest.operations().entrySet()) {
            String method = (String) e.getValue()[0];
            JsonObject operation = (JsonObject) e.getValue()[2];
            boolean secured = operation.has("security");
            if (method.equals("GET") || e.getKey().startsWith("Put_Get") || !secured || ownOrPrint(e.getKey())) {
                continue;
            }
            checked++;
            try (Response r = send(method, filled((String) e.getValue()[1]), token, "{}")) {
                if (r.code() != 403) {
                    allowed.add(e.getKey() + " " + r.code());
                }
            }
        }
        assertTrue(allowed.isEmpty(), "the viewer was not refused: " + allowed);
        assertTrue(checked > 150, checked + " writes checked");
        try (Response r = send("PUT", "/api/v0.1/Notifications/Mark?read=true", token, null)) {
            assertEquals(200, r.code(), "its own notifications");
        }
    }

    @Test
    void operationsWithoutBehaviourBindTheirParametersAndAnswerSamples() throws Exception {
        String token = TestSupport.token(lers, "demo", "demo");
        try (Response r = send("GET", "/api/v0.1/Core/Rooms/7", token, null)) {
            assertEquals(404, r.code(), "no such route: rooms are under Communal");
        }
        try (Response r = send("GET", "/api/v0.1/Communal/Rooms/abc", token, null)) {
            assertEquals(400, r.code(), "an id that does not bind");
        }
        try (Response r = send("GET", "/api/v0.1/Admin/AccountLog/2026-03-01/2026-03-02", token, null)) {
            assertEquals(400, r.code(), "the required id is missing");
        }
        try (Response r = send("GET", "/api/v0.1/Admin/AccountLog/soon/2026-03-02?id=1", token, null)) {
            assertEquals(400, r.code(), "a date that does not bind");
        }
        try (Response r = send("GET", "/api/v0.1/Communal/Rooms/7?getMeasurePoints=true", token, null)) {
            assertEquals(200, r.code());
            JsonObject document = EveryV01OperationTest.document();
            assertEquals(List.of(), SchemaCheck.violations(document, V01Answers.ref("GetRoomResponseParameters"),
                    JsonParser.parseString(r.body().string())));
        }
    }

    /** Answers built from the data set, checked against the v0.1 document's schemas. */
    @Test
    void answersFromTheDataSetAreValidV01Models() throws Exception {
        JsonObject document = EveryV01OperationTest.document();
        JsonObject v1Document;
        try (java.io.InputStream in = LersEmulator.class.getResourceAsStream(Api.V1.resource())) {
            v1Document = JsonParser.parseReader(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8))
                    .getAsJsonObject();
        }
        String token = TestSupport.token(lers, "demo", "demo");
        int heat = lers.dataSet().firstMeasurePoint(SystemType.HEAT).id();
        Map<String, String> answers = Map.of("/api/v0.1/Core/Nodes?getMeasurePoints=true&getServicemen=true",
                "GetNodeListResponseParameters", "/api/v0.1/Core/MeasurePoints?getEquipment=true",
                "GetMeasurePointListResponseParameters", "/api/v0.1/Core/MeasurePoints/" + heat + "?getDevice=true",
                "GetMeasurePointResponseParameters", "/api/v0.1/Core/NodeJobs", "GetNodeJobResponseParameters",
                "/api/v0.1/Login/Current", "CurrentLoginInfo", "/api/v0.1/Notifications", "GetNotificationsResponseParameters",
                "/api/v0.1/Core/Nodes/" + lers.dataSet().nodes().get(0).id() + "?getMeasurePoints=true&getSuppliers=true",
                "GetNodeResponse", "/api/v0.1/Data/MeasurePoints/" + heat + "/Totals/2026-03-01/2026-03-01T03:00:00",
                "GetMeasurePointTotalsResponse", "/api/v0.1/Poll/PollPorts/Status", "PollPortStatus");
        for (Map.Entry<String, String> a : answers.entrySet()) {
            try (Response r = send("GET", a.getKey(), token, null)) {
                assertEquals(200, r.code(), a.getKey());
                // enum values the server gained since the v0.1 document (NodeType PowerSource) pass as it sends them
                assertEquals(List.of(), SchemaCheck.violations(document, V01Answers.ref(a.getValue()),
                        JsonParser.parseString(r.body().string()), v1Document), a.getKey());
            }
        }
    }
}
