package io.lers4j.compat;

import io.lers4j.HubEvent;
import io.lers4j.HubOptions;
import io.lers4j.HubSubscription;
import io.lers4j.LersApiException;
import io.lers4j.LersAuthenticationException;
import io.lers4j.LersBusinessException;
import io.lers4j.LersClient;
import io.lers4j.MeterRecord;
import io.lers4j.RetryPolicy;
import io.lers4j.invoker.ApiCallback;
import io.lers4j.model.DataParameter;
import io.lers4j.model.DeviceDataType;
import io.lers4j.model.GetNodeListResponseParameters;
import io.lers4j.v01.model.EntityType;
import io.lers4j.v01.model.Operation;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * LersClient running on OkHttp 4.12's classes, against OkHttp 4's MockWebServer (which cannot run
 * on OkHttp 5's classes, so the executions that load those leave this class out).
 */
class OkHttp4WireTest {

    private static final String PASSWORD = "Pa55-word-XYZ";
    private static final String NODES = "{\"nodes\":[{\"id\":1,\"title\":\"Котельная\",\"number\":1}]}";
    private static final char RS = '\u001e';

    private final MockWebServer server = new MockWebServer();
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server.start();
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private LersClient.Builder client() {
        return LersClient.builder()
                .baseUrl(server.url("/").toString())
                .credentials("api1", PASSWORD)
                .sleeper(sleeps::add)
                .retryPolicy(RetryPolicy.builder().maxAttempts(3).jitter(0).initialBackoff(Duration.ofMillis(1)).build());
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json; charset=utf-8").setBody(body);
    }

    private static MockResponse loginAnswer(String token) {
        return json(200, "{\"token\":\"" + token + "\",\"tokenExpiration\":\""
                + Instant.now().plus(Duration.ofHours(1)).atOffset(ZoneOffset.ofHours(3)) + "\"}");
    }

    private RecordedRequest take() throws InterruptedException {
        RecordedRequest r = server.takeRequest(10, TimeUnit.SECONDS);
        assertNotNull(r, "expected a request");
        return r;
    }

    @Test
    void logsInOnceAndSendsTheTokenOnEveryCall() throws Exception {
        server.enqueue(loginAnswer("tok-1"));
        server.enqueue(json(200, NODES));
        server.enqueue(json(200, NODES));
        try (LersClient lers = client().application("Meter import").build()) {
            assertEquals("Котельная", lers.nodes().getNodes().execute().getNodes().get(0).getTitle());
            lers.nodes().getNodes().includeMeasurePoints(true).execute();
        }
        RecordedRequest login = take();
        assertEquals("POST /api/v1/Login", login.getMethod() + " " + login.getPath());
        assertEquals("{\"login\":\"api1\",\"password\":\"" + PASSWORD + "\",\"application\":\"Meter import\"}",
                login.getBody().readUtf8());
        assertNull(login.getHeader("Authorization"));
        RecordedRequest first = take();
        assertEquals("GET /api/v1/Core/Nodes", first.getMethod() + " " + first.getPath());
        assertEquals("Bearer tok-1", first.getHeader("Authorization"));
        assertEquals("lers4j", first.getHeader("User-Agent"));
        assertEquals("/api/v1/Core/Nodes?getMeasurePoints=true", take().getPath());
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void aGetIsRetriedAfter503sAndAfterAnAnswerThatBrokeOffMidBody() throws Exception {
        server.enqueue(loginAnswer("tok-1"));
        server.enqueue(new MockResponse().setResponseCode(503));
        server.enqueue(json(200, "{\"nodes\":[" + "{\"id\":1,\"title\":\"Дом\"},".repeat(2000) + "{\"id\":2}]}")
                .setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
        server.enqueue(json(200, NODES));
        try (LersClient lers = client().build()) {
            assertEquals(1, lers.nodes().getNodes().execute().getNodes().size());
        }
        assertEquals(4, server.getRequestCount(), "the login and three attempts");
        assertEquals(2, sleeps.size(), "a wait before each repeat");
    }

    @Test
    void errorStatusesBecomeTypedExceptions() {
        server.enqueue(loginAnswer("tok-1"));
        server.enqueue(json(422, "{\"errorMessage\":\"Точка учёта с идентификатором 999 не найдена\",\"errorCode\":3}"));
        server.enqueue(json(404, "{}"));
        server.enqueue(new MockResponse().setResponseCode(401));
        server.enqueue(json(422, "{\"errorMessage\":\"Неверный пароль\"}"));
        try (LersClient lers = client().build()) {
            LersBusinessException unknown = assertThrows(LersBusinessException.class,
                    () -> lers.measurePoints().getById(999).execute());
            assertEquals("Точка учёта с идентификатором 999 не найдена", unknown.errorMessage().orElseThrow());
            assertEquals(3, unknown.errorCode().getAsInt());
            assertEquals("GET /api/v1/Core/MeasurePoints/999", unknown.operation());

            LersApiException missing = assertThrows(LersApiException.class, () -> lers.nodes().getNodes().execute());
            assertEquals(404, missing.statusCode());

            LersAuthenticationException refused = assertThrows(LersAuthenticationException.class,
                    () -> lers.nodes().getNodes().execute());
            assertEquals("Неверный пароль", refused.errorMessage().orElseThrow(), "the renewal was refused");
            assertFalse(refused.getMessage().contains(PASSWORD));
        }
        assertEquals(5, server.getRequestCount());
    }

    @Test
    void anArchiveIsReadWindowByWindowThroughTheStreamingDecoder() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                List<String> segments = r.getRequestUrl().pathSegments();
                LocalDateTime start = LocalDateTime.parse(segments.get(6));
                LocalDateTime end = LocalDateTime.parse(segments.get(7));
                StringBuilder body = new StringBuilder("{\"hourConsumption\":[");
                for (LocalDateTime t = start; t.isBefore(end); t = t.plusHours(1)) {
                    body.append(t.equals(start) ? "" : ",").append("{\"dateTime\":\"").append(t)
                            .append(":00\",\"values\":[{\"dataParameter\":\"V_in\",\"value\":").append(t.getHour()).append("}]}");
                }
                return json(200, body.append("]}").toString());
            }
        });
        LocalDateTime from = LocalDateTime.of(2026, 1, 1, 0, 0);
        try (LersClient lers = LersClient.builder().baseUrl(server.url("/").toString()).token("tok-1").build()) {
            List<MeterRecord> hours = lers.consumption(5001, DeviceDataType.HOUR, from, from.plusDays(20)).toList();
            assertEquals(480, hours.size());
            assertEquals(23.0, hours.get(23).value(DataParameter.V_IN).getAsDouble());
        }
        assertEquals(2, server.getRequestCount(), "20 days in windows of 14");
    }

    @Test
    void anAsynchronousCallCompletesThroughOkHttpsDispatcher() throws Exception {
        server.enqueue(loginAnswer("tok-1"));
        server.enqueue(json(200, NODES));
        CompletableFuture<GetNodeListResponseParameters> done = new CompletableFuture<>();
        try (LersClient lers = client().build()) {
            lers.nodes().getNodes().executeAsync(new ApiCallback<GetNodeListResponseParameters>() {
                @Override
                public void onFailure(RuntimeException e, int statusCode, Map<String, List<String>> headers) {
                    done.completeExceptionally(e);
                }

                @Override
                public void onSuccess(GetNodeListResponseParameters result, int statusCode, Map<String, List<String>> headers) {
                    done.complete(result);
                }
            });
            assertEquals(1, done.get(10, TimeUnit.SECONDS).getNodes().size());
        }
    }

    @Test
    void theHubNegotiatesUpgradesSubscribesAndDeliversAnEvent() throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        CompletableFuture<WebSocket> serverSide = new CompletableFuture<>();
        WebSocketListener hub = new WebSocketListener() {
            @Override
            public void onOpen(WebSocket webSocket, Response response) {
                serverSide.complete(webSocket);
            }

            @Override
            public void onMessage(WebSocket webSocket, String text) {
                for (String record : text.split(String.valueOf(RS))) {
                    received.add(record);
                    if (record.startsWith("{\"protocol\"")) {
                        webSocket.send("{}" + RS);
                    } else if (record.contains("\"invocationId\":\"1\"")) {
                        webSocket.send("{\"type\":3,\"invocationId\":\"1\"}" + RS);
                    }
                }
            }

            @Override
            public void onClosing(WebSocket webSocket, int code, String reason) {
                webSocket.close(1000, null);
            }
        };
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                String path = r.getRequestUrl().encodedPath();
                if (path.equals("/api/v1/Login")) {
                    return loginAnswer("tok-1");
                }
                if (path.equals("/api/v0.1/rpc/serverHub/negotiate")) {
                    return json(200, "{\"negotiateVersion\":1,\"connectionId\":\"id-1\",\"connectionToken\":\"ct-1\","
                            + "\"availableTransports\":[{\"transport\":\"WebSockets\",\"transferFormats\":[\"Text\"]}]}");
                }
                if (path.equals("/api/v0.1/rpc/serverHub") && "tok-1".equals(bearer(r))) {
                    return new MockResponse().withWebSocketUpgrade(hub);
                }
                return new MockResponse().setResponseCode(404);
            }
        });
        Duration wait = Duration.ofSeconds(10);
        try (LersClient lers = client().hubOptions(HubOptions.builder().invocationTimeout(wait).handshakeTimeout(wait).build()).build();
             HubSubscription s = lers.hub().subscribe(Operation.SAVE_CURRENT_DATA, EntityType.POLL_SESSION, 175091)) {
            assertEquals("{\"protocol\":\"json\",\"version\":1}", received.poll(10, TimeUnit.SECONDS));
            assertEquals("{\"type\":1,\"invocationId\":\"1\",\"target\":\"Subscribe\",\"arguments\":[\"SAVE_CURRENT_DATA\","
                    + "\"PollSession\",175091]}", received.poll(10, TimeUnit.SECONDS));
            serverSide.get(10, TimeUnit.SECONDS).send("{\"type\":1,\"target\":\"Notify\",\"arguments\":[\"SAVE_CURRENT_DATA\","
                    + "{\"entityId\":175091,\"entityType\":\"PollSession\",\"jsonData\":\"{\\\"measurePointId\\\":1002,"
                    + "\\\"consumption\\\":{\\\"dateTime\\\":\\\"2026-01-20T12:00:00\\\",\\\"values\\\":[{\\\"dataParameter\\\":"
                    + "\\\"T_in\\\",\\\"value\\\":71.5}]}}\"}]}" + RS);
            HubEvent event = s.next(wait).orElseThrow(() -> new AssertionError("expected the Notify"));
            assertEquals(1002, event.savedCurrentData().orElseThrow().measurePointId());
            assertEquals(71.5, event.savedCurrentData().orElseThrow().record().value(DataParameter.T_IN).getAsDouble());
        }
        RecordedRequest negotiate = take();
        assertEquals("POST /api/v1/Login", negotiate.getMethod() + " " + negotiate.getPath());
        negotiate = take();
        assertEquals("POST /api/v0.1/rpc/serverHub/negotiate?negotiateVersion=1", negotiate.getMethod() + " " + negotiate.getPath());
        assertEquals("Bearer tok-1", negotiate.getHeader("Authorization"));
        RecordedRequest upgrade = take();
        assertEquals("/api/v0.1/rpc/serverHub?id=ct-1", upgrade.getPath());
        assertEquals("websocket", upgrade.getHeader("Upgrade"));
    }

    private static String bearer(RecordedRequest r) {
        String header = r.getHeader("Authorization");
        return header != null && header.startsWith("Bearer ") ? header.substring(7) : null;
    }
}
