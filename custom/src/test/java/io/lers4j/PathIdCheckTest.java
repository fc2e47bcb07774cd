package io.lers4j;

import io.lers4j.api.MeasurePointConsumptionApi;
import io.lers4j.api.MeasurePointTotalsApi;
import io.lers4j.api.MeasurePointsApi;
import io.lers4j.api.MeasurePointsPollApi;
import io.lers4j.api.NodesApi;
import io.lers4j.invoker.ApiCallback;
import io.lers4j.invoker.ApiException;
import io.lers4j.invoker.PathIdParameters;
import io.lers4j.model.GetMeasurePointResponseParameters;
import io.lers4j.model.SaveTotalsRequestParameters;
import io.lers4j.types.LersDateTime;
import mockwebserver3.RecordedRequest;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A non-positive id in the path of a generated call fails on the caller's side: the server sees nothing. */
class PathIdCheckTest extends TestSupport {

    private static final LersDateTime START = LersDateTime.of(LocalDateTime.of(2026, 1, 1, 0, 0));
    private static final LersDateTime END = LersDateTime.of(LocalDateTime.of(2026, 1, 2, 0, 0));

    /** One generated call with the id in its path. */
    interface Send {
        void send(LersClient lers, int id);
    }

    record Case(String operation, String parameter, String expectedPath, Send send) {
    }

    private static final List<Case> CASES = List.of(
            new Case("GET /api/v1/Core/MeasurePoints/{id}", "id", "/api/v1/Core/MeasurePoints/1",
                    (lers, id) -> lers.measurePoints().getById(id).execute()),
            new Case("PATCH /api/v1/Core/Nodes/{id}", "id", "/api/v1/Core/Nodes/1",
                    (lers, id) -> lers.nodes().updateNode(id).body(List.of()).execute()),
            new Case("PUT /api/v1/Data/MeasurePoints/{id}/Totals", "id", "/api/v1/Data/MeasurePoints/1/Totals",
                    (lers, id) -> lers.measurePointTotals().setTotals(id).body(new SaveTotalsRequestParameters()).execute()),
            new Case("GET /api/v1/Data/MeasurePoints/{id}/Consumption/{start}/{end}", "id",
                    "/api/v1/Data/MeasurePoints/1/Consumption/2026-01-01T00:00:00/2026-01-02T00:00:00",
                    (lers, id) -> lers.measurePointConsumption().getConsumption(id, START, END).execute()),
            new Case("POST /api/v1/Poll/MeasurePoints/{measurePointId}/Currents", "measurePointId",
                    "/api/v1/Poll/MeasurePoints/1/Currents",
                    (lers, id) -> lers.measurePointsPoll().pollCurrentsV1(id).execute()),
            new Case("GET /api/v1/Core/Nodes/{nodeId}/MeasurePoints", "nodeId", "/api/v1/Core/Nodes/1/MeasurePoints",
                    (lers, id) -> lers.nodes().getNodeMeasurePoints(id).execute()));

    /**
     * Credentials, so that not even a login may go out; no retries and a call limit, so that a
     * request which does go out (a regression) fails the test instead of waiting for an answer never enqueued.
     */
    private LersClient.Builder strict() {
        return client().retryPolicy(RetryPolicy.none()).callTimeout(Duration.ofSeconds(10));
    }

    static String expectedMessage(Case c, int id) {
        return c.operation() + ": path parameter " + c.parameter() + " is " + id
                + ", but ids are positive integers; the request was not sent";
    }

    @Test
    void zeroAndNegativeIdsFailBeforeAnythingIsSent() {
        try (LersClient lers = strict().build()) {
            for (Case c : CASES) {
                for (int id : new int[] {0, -1}) {
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                            () -> c.send().send(lers, id), c.operation() + " with " + id);
                    assertEquals(expectedMessage(c, id), e.getMessage());
                }
            }
        }
        assertEquals(0, server.getRequestCount());
        assertTrue(sleeps.isEmpty(), "no retry was waited for: " + sleeps);
    }

    @Test
    void aPositiveIdGoesOut() throws Exception {
        try (LersClient lers = LersClient.builder().baseUrl(baseUrl()).token("tok-1").sleeper(sleeps::add).build()) {
            for (Case c : CASES) {
                server.enqueue(json("{}"));
                c.send().send(lers, 1);
                RecordedRequest r = take();
                assertEquals(c.operation().substring(0, c.operation().indexOf(' ')), r.getMethod());
                assertEquals(c.expectedPath(), r.getUrl().encodedPath().replace("%3A", ":"), c.operation());
            }
        }
        assertEquals(CASES.size(), server.getRequestCount());
    }

    @Test
    void theGeneratedApiWithoutCallThrowsTheSameException() {
        try (LersClient lers = strict().build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> lers.measurePoints().getById(0).execute());
            assertEquals("GET /api/v1/Core/MeasurePoints/{id}: path parameter id is 0, "
                    + "but ids are positive integers; the request was not sent", e.getMessage());
        }
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void aBaseUrlWithAPrefixIsCheckedAfterThePrefix() throws Exception {
        try (LersClient lers = LersClient.builder().baseUrl(server.url("/lers/").toString()).token("tok-1")
                .retryPolicy(RetryPolicy.none()).callTimeout(Duration.ofSeconds(10)).build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> lers.measurePoints().getById(-1).execute());
            assertTrue(e.getMessage().startsWith("GET /api/v1/Core/MeasurePoints/{id}: path parameter id is -1"),
                    e.getMessage());
            assertEquals(0, server.getRequestCount());

            server.enqueue(json("{}"));
            GetMeasurePointResponseParameters answer = lers.measurePoints().getById(1).execute();
            assertTrue(answer != null);
            assertEquals("/lers/api/v1/Core/MeasurePoints/1", take().getUrl().encodedPath());
        }
    }

    @Test
    void theCallersOwnInterceptorsSeeNoRequestWithABadId() {
        AtomicInteger seen = new AtomicInteger();
        OkHttpClient mine = new OkHttpClient.Builder()
                .addInterceptor(chain -> {
                    seen.incrementAndGet();
                    return chain.proceed(chain.request());
                })
                .build();
        try (LersClient lers = strict().httpClient(mine).build()) {
            assertThrows(IllegalArgumentException.class, () -> lers.nodes().updateNode(0).execute());
        }
        assertEquals(0, seen.get());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void aMissingRequiredParameterIsAnIllegalArgumentExceptionToo() {
        try (LersClient lers = strict().build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> lers.measurePoints().getById(null).execute());
            assertTrue(e.getMessage().contains("Missing the required parameter 'id'"), e.getMessage());
        }
        assertEquals(0, server.getRequestCount());
    }

    /** An asynchronous call with a bad id fails in the caller's thread, before it is queued. */
    @Test
    void anAsyncCallWithABadIdFailsAtOnceAndSendsNothing() {
        CompletableFuture<Object> called = new CompletableFuture<>();
        try (LersClient lers = strict().build()) {
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                    () -> lers.measurePoints().getById(0).executeAsync(new ApiCallback<>() {
                        @Override
                        public void onFailure(RuntimeException e, int statusCode, Map<String, List<String>> headers) {
                            called.complete(e);
                        }

                        @Override
                        public void onSuccess(GetMeasurePointResponseParameters result, int statusCode,
                                              Map<String, List<String>> headers) {
                            called.complete(result);
                        }
                    }));
            assertEquals("GET /api/v1/Core/MeasurePoints/{id}: path parameter id is 0, "
                    + "but ids are positive integers; the request was not sent", bad.getMessage());
        }
        assertFalse(called.isDone(), "the callback is not called for a call that never started");
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void aLiteralSegmentWinsOverAnIdAndSegmentsIgnoreCase() {
        HttpUrl base = HttpUrl.get("http://lers.example/lers/");
        PathIdCheck check = new PathIdCheck(base, List.of(
                new PathIdParameters.Operation("GET", "/api/v1/Core/Nodes/{id}", List.of("id")),
                new PathIdParameters.Operation("GET", "/api/v1/Core/Nodes/Groups", List.of()),
                new PathIdParameters.Operation("GET", "/api/v1/Core/Nodes/{id}/Items/{itemId}", List.of("id", "itemId")),
                new PathIdParameters.Operation("get", "/api/v1/Core/Files/{name}", List.of())));
        assertDoesNotThrow(() -> check.check(get(base, "api/v1/Core/Nodes/Groups")));
        assertDoesNotThrow(() -> check.check(get(base, "API/V1/core/nodes/groups")));
        assertDoesNotThrow(() -> check.check(get(base, "api/v1/Core/Nodes/7")));
        assertDoesNotThrow(() -> check.check(get(base, "api/v1/Core/Nodes/7/Items/12")));
        assertDoesNotThrow(() -> check.check(get(base, "api/v1/Core/Files/0")));
        assertDoesNotThrow(() -> check.check(get(base, "api/v1/Core/Nodes/0/Other")));   // no such operation
        assertDoesNotThrow(() -> check.check(new Request.Builder().url(base.resolve("api/v1/Core/Nodes/0"))
                .delete().build()));                                                        // nor with this method
        assertEquals("GET /api/v1/Core/Nodes/{id}: path parameter id is 0, but ids are positive integers; "
                        + "the request was not sent",
                assertThrows(IllegalArgumentException.class, () -> check.check(get(base, "api/v1/core/NODES/0"))).getMessage());
        assertEquals("GET /api/v1/Core/Nodes/{id}: path parameter id is abc, but ids are positive integers; "
                        + "the request was not sent",
                assertThrows(IllegalArgumentException.class, () -> check.check(get(base, "api/v1/Core/Nodes/abc"))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> check.check(get(base, "api/v1/Core/Nodes/5/Items/-3")))
                .getMessage().contains("path parameter itemId is -3"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> check.check(get(base, "api/v1/Core/Nodes/00")))
                .getMessage().contains("path parameter id is 00"));
    }

    /** Every id of every operation in the generated table is checked, and positive ids pass, whatever the document. */
    @Test
    void everyIdOfTheDocumentIsChecked() {
        HttpUrl base = HttpUrl.get("http://lers.example/");
        PathIdCheck check = new PathIdCheck(base);
        Pattern parameter = Pattern.compile("\\{([^}]+)}");
        int checked = 0;
        for (PathIdParameters.Operation op : PathIdParameters.operations()) {
            for (String bad : op.ids()) {
                Matcher m = parameter.matcher(op.path());
                StringBuilder path = new StringBuilder();
                while (m.find()) {
                    String name = m.group(1);
                    m.appendReplacement(path, name.equals(bad) ? "0" : op.ids().contains(name) ? "1" : "p");
                }
                m.appendTail(path);
                Request request = new Request.Builder().url(base.resolve(path.substring(1)))
                        .method(op.method(), op.method().equals("GET") ? null : okhttp3.RequestBody.create(new byte[0]))
                        .build();
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> check.check(request),
                        op.method() + " " + path);
                assertEquals(op.method() + " " + op.path() + ": path parameter " + bad + " is 0, "
                        + "but ids are positive integers; the request was not sent", e.getMessage());
                Request good = request.newBuilder()
                        .url(base.resolve(parameter.matcher(op.path()).replaceAll(r ->
                                op.ids().contains(r.group(1)) ? "1" : "p").substring(1)))
                        .build();
                assertDoesNotThrow(() -> check.check(good), good.url().toString());
                checked++;
            }
        }
        int ids = PathIdParameters.operations().stream().mapToInt(op -> op.ids().size()).sum();
        assertEquals(ids, checked);
    }

    private static Request get(HttpUrl base, String relative) {
        return new Request.Builder().url(base.resolve(relative)).build();
    }
}
