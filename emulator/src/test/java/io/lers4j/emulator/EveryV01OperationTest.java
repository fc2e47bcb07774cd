package io.lers4j.emulator;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.lers4j.invoker.ApiClient;
import io.lers4j.invoker.ApiException;
import io.lers4j.invoker.ApiResponse;
import io.lers4j.model.SystemType;
import io.lers4j.types.LersDateTime;
import io.lers4j.v01.api.V01Services;
import io.lers4j.v01.model.AuthenticatePlainRequestParameters;
import io.lers4j.v01.model.BaseGenerateReportRequestParameters;
import io.lers4j.v01.model.DataParameter;
import io.lers4j.v01.model.DataParameterValue;
import io.lers4j.v01.model.DeviceDataType;
import io.lers4j.v01.model.ExportOptions;
import io.lers4j.v01.model.GenerateExportedReportRequestParameters;
import io.lers4j.v01.model.MeasurePointDataConsumptionRecord;
import io.lers4j.v01.model.MeasurePointDataTotalsRecord;
import io.lers4j.v01.model.PollArchiveRequestParameters;
import io.lers4j.v01.model.PollCurrentRequestParameters;
import io.lers4j.v01.model.ReportExportFormat;
import io.lers4j.v01.model.SaveConsumptionParameters;
import io.lers4j.v01.model.SaveConsumptionRequestParameters;
import io.lers4j.v01.model.SaveDataRequestParams;
import io.lers4j.v01.model.SaveTotalsRequestParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every operation of the v0.1 document is routed at its exact path and answers 200 with something
 * the generated v0.1 client reads: called through the generated API found by reflection (class by
 * tag, method by operationId), required parameters filled with ids of the data set, bodies with
 * minimal models; the operations with behaviour that needs real input have explicit calls.
 */
class EveryV01OperationTest {

    private static final Set<String> JAVA_KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends", "final",
            "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long",
            "native", "new", "package", "private", "protected", "public", "return", "short", "static", "strictfp",
            "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void", "volatile",
            "while");

    private static LersEmulator lers;
    private static ApiClient client;
    private static V01Services v01;

    @BeforeAll
    static void start() {
        lers = LersEmulator.builder().clock(Clock.fixed(TestSupport.NOW, ZoneOffset.UTC)).start();
        client = TestSupport.demo(lers);
        v01 = new V01Services(client);
    }

    @AfterAll
    static void stop() {
        lers.close();
    }

    /** The packaged v0.1 document, read here rather than through the emulator's own parsing. */
    static JsonObject document() throws Exception {
        try (InputStream in = LersEmulator.class.getResourceAsStream(Api.V01.resource())) {
            assertNotNull(in, "the v0.1 document is packaged with the emulator");
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        }
    }

    /** operationId → {method, path, operation}, in the document's order. */
    static Map<String, Object[]> operations() throws Exception {
        Map<String, Object[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> path : document().getAsJsonObject("paths").entrySet()) {
            for (Map.Entry<String, JsonElement> op : path.getValue().getAsJsonObject().entrySet()) {
                JsonObject operation = op.getValue().getAsJsonObject();
                out.put(operation.get("operationId").getAsString(),
                        new Object[]{op.getKey().toUpperCase(Locale.ROOT), path.getKey(), operation});
            }
        }
        return out;
    }

    @Test
    void everyOperationIsRoutedAtTheDocumentsPath() throws Exception {
        Map<String, String> documented = new LinkedHashMap<>();
        operations().forEach((id, op) -> documented.put(id, op[0] + " " + op[1]));
        Map<String, String> routed = new LinkedHashMap<>();
        for (Router.Route r : lers.router().routes()) {
            if (r.api == Api.V01) {
                routed.put(r.operationId, r.method + " " + r.template);
            }
        }
        assertEquals(documented, routed);
        assertEquals(363, routed.size());
    }

    @Test
    void theV01DocumentIsServed() throws Exception {
        try (okhttp3.Response r = TestSupport.send(new okhttp3.Request.Builder()
                .url(lers.baseUrl() + "/api/swagger/v0.1/swagger.json").build())) {
            assertEquals(200, r.code());
            assertEquals(document(), JsonParser.parseString(r.body().string()));
        }
    }

    @Test
    void everyOperationAnswersThroughTheGeneratedClient() throws Exception {
        Map<String, Callable<ApiResponse<?>>> explicit = explicitCalls();
        Map<String, Object[]> operations = operations();
        assertTrue(operations.keySet().containsAll(explicit.keySet()), "explicit calls of unknown operations");
        List<String> failures = new CopyOnWriteArrayList<>();
        for (Map.Entry<String, Callable<ApiResponse<?>>> e : explicit.entrySet()) {
            check(e.getKey(), (JsonObject) operations.get(e.getKey())[2], e.getValue(), failures);
        }
        // the rest change nothing another call reads: in parallel, since the first call of each
        // generated API and model is most of the time
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (Map.Entry<String, Object[]> e : operations.entrySet()) {
                if (!explicit.containsKey(e.getKey())) {
                    JsonObject operation = (JsonObject) e.getValue()[2];
                    calls.add(pool.submit(() -> check(e.getKey(), operation,
                            () -> call(e.getKey(), (String) e.getValue()[1], operation), failures)));
                }
            }
            for (Future<?> f : calls) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(failures.isEmpty(), failures.size() + " operations failed:\n" + String.join("\n", failures));
        assertEquals(363, operations.size());
    }

    /** Calls one operation; what went wrong is added to the failures. */
    private static void check(String id, JsonObject operation, Callable<ApiResponse<?>> call, List<String> failures) {
        ApiResponse<?> answer;
        try {
            answer = call.call();
        } catch (ApiException x) {
            failures.add(id + " answered " + x.getCode() + " " + x.getResponseBody());
            return;
        } catch (Exception | AssertionError x) {
            failures.add(id + " failed: " + x);
            return;
        }
        if (answer.getStatusCode() != 200) {
            failures.add(id + " answered " + answer.getStatusCode());
        }
        boolean hasSchema = operation.getAsJsonObject("responses").getAsJsonObject("200").has("schema");
        if (hasSchema && answer.getData() == null) {
            failures.add(id + " answered nothing the client read");
        }
    }

    // ------------------------------------------------------------------ reflection

    /** The generated method: the tag's API class, the operationId without the tag's prefix. */
    static String methodName(String operationId, String tag) {
        int sep = operationId.indexOf('_');
        String prefix = operationId.substring(0, sep);
        String rest = operationId.substring(sep + 1);
        String name = prefix.equals(tag) ? Character.toLowerCase(rest.charAt(0)) + rest.substring(1)
                : Character.toLowerCase(prefix.charAt(0)) + prefix.substring(1) + rest;
        return JAVA_KEYWORDS.contains(name) ? "call" + Character.toUpperCase(name.charAt(0)) + name.substring(1) : name;
    }

    private ApiResponse<?> call(String operationId, String path, JsonObject operation) throws Exception {
        String tag = operation.getAsJsonArray("tags").get(0).getAsString();
        Class<?> api = Class.forName("io.lers4j.v01.api." + tag + "Api");
        Object instance = api.getConstructor(ApiClient.class).newInstance(client);
        String name = methodName(operationId, tag);
        Method method = null;
        for (Method m : api.getMethods()) {
            if (m.getName().equals(name)) {
                method = m;
            }
        }
        assertNotNull(method, operationId + ": no method " + tag + "Api#" + name);
        List<JsonObject> required = new ArrayList<>();
        JsonObject bodyParameter = null;
        if (operation.has("parameters")) {
            for (JsonElement p : operation.getAsJsonArray("parameters")) {
                JsonObject parameter = p.getAsJsonObject();
                boolean isRequired = parameter.has("required") && parameter.get("required").getAsBoolean();
                if (parameter.get("in").getAsString().equals("body")) {
                    bodyParameter = parameter;
                }
                if (isRequired) {
                    required.add(parameter);
                }
            }
        }
        Type[] types = method.getGenericParameterTypes();
        assertEquals(required.size(), types.length, operationId + ": required parameters and method arguments");
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            args[i] = value(types[i], required.get(i).get("name").getAsString(), path);
        }
        Object request = invoke(method, instance, args);
        if (bodyParameter != null && !required.contains(bodyParameter)) {
            for (Method m : request.getClass().getMethods()) {
                if (m.getName().equals("body")) {
                    request = invoke(m, request, value(m.getGenericParameterTypes()[0], "body", path));
                }
            }
        }
        return (ApiResponse<?>) invoke(request.getClass().getMethod("executeWithHttpInfo"), request);
    }

    private static Object invoke(Method m, Object target, Object... args) throws Exception {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        }
    }

    /** An id of the data set that fits the parameter: by its name, or by the path segment naming the entity. */
    private int id(String name, String path) {
        DataSet ds = lers.dataSet();
        String n = name.toLowerCase(Locale.ROOT);
        String[] segments = path.split("/");
        String owner = "";
        for (int i = 1; i < segments.length; i++) {
            if (segments[i].equals("{" + name + "}")) {
                owner = segments[i - 1].toLowerCase(Locale.ROOT);
            }
        }
        if (n.equals("body")) { // a list of ids in the body: of what the path is about
            owner = path.contains("/Equipment") ? "equipment" : path.contains("/Nodes") ? "nodes" : "measurepoints";
        }
        if (n.contains("measurepoint") || owner.startsWith("measurepoint")) {
            return ds.firstMeasurePoint(SystemType.HEAT).id();
        }
        if (n.equals("houseid") || owner.equals("house")) {
            return ds.nodes().stream().filter(x -> x.type().getValue().equals("House")).findFirst().orElseThrow().id();
        }
        if (n.contains("node") && !n.contains("job") && !n.contains("group") || owner.equals("nodes")) {
            return ds.nodes().get(0).id();
        }
        if (n.contains("equipment") || n.contains("device") || owner.equals("equipment")) {
            return ds.measurePoint(ds.firstMeasurePoint(SystemType.HEAT).id()).deviceId();
        }
        if (n.equals("incidentid") || owner.equals("incidents")) {
            return ds.initialIncidentIds().get(0);
        }
        return 1;
    }

    private Object value(Type type, String name, String path) {
        if (type instanceof ParameterizedType) {
            Type item = ((ParameterizedType) type).getActualTypeArguments()[0];
            return List.of(value(item, name, path));
        }
        Class<?> c = (Class<?>) type;
        if (c == Integer.class) {
            return id(name, path);
        }
        if (c == Long.class) {
            return 1L;
        }
        if (c == Boolean.class) {
            return Boolean.FALSE;
        }
        if (c == LersDateTime.class) {
            return name.toLowerCase(Locale.ROOT).startsWith("end") ? LersDateTime.of(LocalDateTime.of(2026, 3, 2, 23, 0))
                    : LersDateTime.of(LocalDate.of(2026, 3, 1));
        }
        if (c == UUID.class) {
            return UUID.fromString("6f9619ff-8b86-d011-b42d-00c04fc964ff");
        }
        if (c == String.class) {
            return "demo";
        }
        if (c == byte[].class) {
            return "lers4j".getBytes(StandardCharsets.UTF_8);
        }
        try {
            Method values = c.getMethod("values");
            for (Object v : (Collection<?>) values.invoke(null)) {
                if (!v.toString().equals("None")) {
                    return v;
                }
            }
            throw new AssertionError("no value of " + c);
        } catch (NoSuchMethodException e) {
            try {
                return c.getConstructor().newInstance();
            } catch (ReflectiveOperationException x) {
                throw new AssertionError("cannot make a " + c, x);
            }
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    // ------------------------------------------------------------------ calls that need real input

    private Map<String, Callable<ApiResponse<?>>> explicitCalls() {
        DataSet ds = lers.dataSet();
        int heat = ds.firstMeasurePoint(SystemType.HEAT).id();
        LersDateTime from = LersDateTime.of(LocalDate.of(2026, 3, 1));
        LersDateTime to = LersDateTime.of(LocalDateTime.of(2026, 3, 2, 23, 0));
        Map<String, Callable<ApiResponse<?>>> c = new LinkedHashMap<>();
        c.put("Login_LoginPlain", () -> new V01Services(TestSupport.anonymous(lers)).login().loginPlain()
                .body(new AuthenticatePlainRequestParameters().login("demo").password("demo").application("t"))
                .executeWithHttpInfo());
        c.put("Logout_LogoutCurrentToken", () -> new V01Services(TestSupport.demo(lers)).logout().logoutCurrentToken()
                .executeWithHttpInfo());
        c.put("Logout_LogoutCurrent", () -> new V01Services(TestSupport.as(lers, "viewer", "viewer")).logout()
                .logoutCurrent().executeWithHttpInfo());
        c.put("Logout_LogoutUser", () -> v01.logout().logoutUser(2).executeWithHttpInfo());
        c.put("ManualPoll_PollArchive", () -> v01.manualPoll().pollArchive(from, to).body(new PollArchiveRequestParameters()
                .requestedDataMask(DeviceDataType.HOUR).measurePoints(List.of(heat))).executeWithHttpInfo());
        c.put("ManualPoll_PollCurrents", () -> v01.manualPoll().pollCurrents()
                .body(new PollCurrentRequestParameters().measurePoints(List.of(heat))).executeWithHttpInfo());
        c.put("PollSessions_HandleGetLog", () -> v01.pollSessions().handleGetLog(v01.manualPoll().pollCurrents()
                .body(new PollCurrentRequestParameters().measurePoints(List.of(heat))).execute().getPollSessionId())
                .executeWithHttpInfo());
        c.put("Generate_GenerateExported", () -> v01.generate().generateExported(ds.reportId(SystemType.HEAT))
                .merged(false).body(new GenerateExportedReportRequestParameters()
                        .generateOptions(new BaseGenerateReportRequestParameters().startDate(from).endDate(to)
                                .entityArrayId(List.of(heat)))
                        .exportOptions(new ExportOptions().exportFormat(ReportExportFormat.CSV))).executeWithHttpInfo());
        c.put("Downloads_Download", () -> {
            String key = v01.generate().generateExported(ds.reportId(SystemType.HEAT)).body(
                    new GenerateExportedReportRequestParameters().generateOptions(new BaseGenerateReportRequestParameters()
                                    .startDate(from).endDate(to).entityArrayId(List.of(heat)))
                            .exportOptions(new ExportOptions().exportFormat(ReportExportFormat.CSV))).execute().getDownloadKey();
            return new V01Services(TestSupport.anonymous(lers)).downloads().download(key, "sheet.csv").executeWithHttpInfo();
        });
        MeasurePointDataConsumptionRecord hour = new MeasurePointDataConsumptionRecord()
                .dateTime(LersDateTime.of(LocalDateTime.of(2026, 3, 10, 5, 0)))
                .dataParameters(List.of(new DataParameterValue().dataParameter(DataParameter.T_IN).value(71.0)));
        c.put("MeasurePointData_SaveData", () -> v01.measurePointData().saveData(heat).overwriteExisting(true)
                .body(new SaveDataRequestParams().consumption(new SaveConsumptionParameters().dataType(DeviceDataType.HOUR)
                        .consumption(List.of(hour)))).executeWithHttpInfo());
        c.put("MeasurePointConsumption_SetCurrentArchive", () -> v01.measurePointConsumption().setCurrentArchive(heat)
                .body(new SaveConsumptionRequestParameters().data(new SaveConsumptionParameters()
                        .dataType(DeviceDataType.CURRENT).consumption(List.of(new MeasurePointDataConsumptionRecord()
                                .dateTime(LersDateTime.parse("2026-03-15T10:15:00Z")).dataParameters(List.of(
                                        new DataParameterValue().dataParameter(DataParameter.T_IN).value(70.5)))))))
                .executeWithHttpInfo());
        c.put("MeasurePointTotals_SetTotals", () -> v01.measurePointTotals().setTotals(heat)
                .body(new SaveTotalsRequestParameters().totalsRecordObjects(List.of(new MeasurePointDataTotalsRecord()
                        .dateTime(LersDateTime.of(LocalDateTime.of(2026, 3, 20, 0, 0)))
                        .dataParameters(List.of(new DataParameterValue().dataParameter(DataParameter.M_IN).value(1.0e6))))))
                .executeWithHttpInfo());
        c.put("Notifications_DeleteById", () -> {
            // its own incident's notification: the document's order deletes every notification before this
            int incident = new io.lers4j.api.IncidentsApi(client).createIncident().body(
                    new io.lers4j.model.CreateIncidentRequestParameters().measurePointId(heat).description("Осмотр"))
                    .execute().getId();
            int notification = v01.notifications().getNotifications().execute().getNotifications().stream()
                    .filter(n -> n.getNotification().getIncidentId() == incident).findFirst().orElseThrow()
                    .getNotificationId();
            return v01.notifications().deleteById(notification).executeWithHttpInfo();
        });
        return c;
    }
}
