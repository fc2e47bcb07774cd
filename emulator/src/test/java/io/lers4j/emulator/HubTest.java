package io.lers4j.emulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.lers4j.api.NodesApi;
import io.lers4j.invoker.ApiClient;
import io.lers4j.model.JsonPatchOperation;
import io.lers4j.types.LersDateTime;
import io.lers4j.v01.api.V01Services;
import io.lers4j.v01.model.DeviceDataType;
import io.lers4j.v01.model.ManualPollResponseParameters;
import io.lers4j.v01.model.PollArchiveRequestParameters;
import io.lers4j.v01.model.PollManualStartMode;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hub on the wire, with a bare WebSocket: negotiate, upgrade, handshake, Subscribe, Notify, pings, faults. */
class HubTest {

    private static final char RS = '\u001e';
    private static final Duration KEEP_ALIVE = Duration.ofMillis(300);
    private static final Duration CLIENT_TIMEOUT = Duration.ofMillis(1500);

    private static TestSupport.MutableClock clock;
    private static LersEmulator lers;
    private static String token;
    private static ApiClient client;
    private final List<Raw> opened = new ArrayList<>();

    @BeforeAll
    static void start() {
        clock = new TestSupport.MutableClock(TestSupport.NOW);
        lers = LersEmulator.builder().clock(clock).pollDuration(Duration.ofSeconds(2))
                .hubTimings(KEEP_ALIVE, CLIENT_TIMEOUT).start();
        token = TestSupport.token(lers, LersEmulator.DEFAULT_LOGIN, LersEmulator.DEFAULT_PASSWORD);
        client = TestSupport.demo(lers);
    }

    @AfterEach
    void closeSockets() {
        for (Raw r : opened) {
            r.socket.cancel();
        }
        lers.faults().reset();
        clock.advance(Duration.ofSeconds(5));
    }

    @AfterAll
    static void stop() {
        lers.close();
    }

    /** A WebSocket that collects what the hub sends, one hub message per entry. */
    private static final class Raw extends WebSocketListener {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final CountDownLatch closed = new CountDownLatch(1);
        final StringBuilder partial = new StringBuilder();
        volatile Response refused;
        WebSocket socket;

        @Override
        public synchronized void onMessage(WebSocket webSocket, String text) {
            partial.append(text);
            int end;
            while ((end = partial.indexOf(String.valueOf(RS))) >= 0) {
                messages.add(partial.substring(0, end));
                partial.delete(0, end + 1);
            }
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            webSocket.close(1000, null);
            closed.countDown();
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            refused = response;
            closed.countDown();
        }

        String next() throws InterruptedException {
            String m = messages.poll(5, TimeUnit.SECONDS);
            assertNotNull(m, "a message from the hub within 5 s");
            return m;
        }

        /** The next message that is not a ping. */
        JsonObject nextNonPing() throws InterruptedException {
            while (true) {
                JsonObject m = JsonParser.parseString(next()).getAsJsonObject();
                if (!m.has("type") || m.get("type").getAsInt() != 6) {
                    return m;
                }
            }
        }

        void send(String message) {
            assertTrue(socket.send(message + RS));
        }
    }

    private static Response negotiate(String authorization, String query) throws IOException {
        Request.Builder b = new Request.Builder().url(lers.baseUrl() + "/api/v0.1/rpc/serverHub/negotiate" + query)
                .post(RequestBody.create(new byte[0], MediaType.get("text/plain")));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return TestSupport.send(b.build());
    }

    private String connectionToken() throws IOException {
        try (Response r = negotiate("Bearer " + token, "?negotiateVersion=1")) {
            assertEquals(200, r.code());
            return JsonParser.parseString(r.body().string()).getAsJsonObject().get("connectionToken").getAsString();
        }
    }

    private Raw open(String query, String authorization) {
        Raw raw = new Raw();
        Request.Builder b = new Request.Builder().url(lers.baseUrl().replace("http:", "ws:") + "/api/v0.1/rpc/serverHub" + query);
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        raw.socket = TestSupport.HTTP.newWebSocket(b.build(), raw);
        opened.add(raw);
        return raw;
    }

    /** Negotiated, connected with the header, handshake done. */
    private Raw connected() throws Exception {
        Raw raw = open("?id=" + connectionToken(), "Bearer " + token);
        raw.send("{\"protocol\":\"json\",\"version\":1}");
        assertEquals("{}", raw.next());
        return raw;
    }

    private static void subscribe(Raw raw, String invocationId, String operation, String type, int id) throws Exception {
        raw.send("{\"type\":1,\"invocationId\":\"" + invocationId + "\",\"target\":\"Subscribe\",\"arguments\":[\""
                + operation + "\",\"" + type + "\"," + id + "]}");
        JsonObject completion = raw.nextNonPing();
        assertEquals(3, completion.get("type").getAsInt());
        assertEquals(invocationId, completion.get("invocationId").getAsString());
        assertFalse(completion.has("error"), completion.toString());
    }

    @Test
    void negotiateWantsTheTokenAndGivesAConnectionTokenInVersionOne() throws Exception {
        try (Response r = negotiate(null, "?negotiateVersion=1")) {
            assertEquals(401, r.code());
        }
        try (Response r = negotiate("Bearer " + token, "?negotiateVersion=1")) {
            assertEquals(200, r.code());
            JsonObject n = JsonParser.parseString(r.body().string()).getAsJsonObject();
            assertEquals(1, n.get("negotiateVersion").getAsInt());
            assertNotNull(n.get("connectionId").getAsString());
            assertNotNull(n.get("connectionToken").getAsString());
            JsonArray transports = n.getAsJsonArray("availableTransports");
            assertEquals("WebSockets", transports.get(0).getAsJsonObject().get("transport").getAsString());
        }
        try (Response r = negotiate("Bearer " + token, "")) {
            JsonObject n = JsonParser.parseString(r.body().string()).getAsJsonObject();
            assertFalse(n.has("connectionToken"), "version 0 has only the connectionId");
        }
    }

    @Test
    void theUpgradeTakesTheHeaderOrTheQueryAndRefusesBadTokensAndIds() throws Exception {
        Raw none = open("?id=" + connectionToken(), null);
        assertTrue(none.closed.await(5, TimeUnit.SECONDS));
        assertEquals(401, none.refused.code());

        Raw unknownId = open("?id=nobody-negotiated-this", "Bearer " + token);
        assertTrue(unknownId.closed.await(5, TimeUnit.SECONDS));
        assertEquals(404, unknownId.refused.code());

        Raw query = open("?id=" + connectionToken() + "&access_token=" + token, null);
        query.send("{\"protocol\":\"json\",\"version\":1}");
        assertEquals("{}", query.next());

        lers.faults().hubHeaderTokenIgnored(true);
        Raw stripped = open("?id=" + connectionToken(), "Bearer " + token);
        assertTrue(stripped.closed.await(5, TimeUnit.SECONDS));
        assertEquals(401, stripped.refused.code(), "a proxy that strips the header leaves only the query form");
        assertTrue(lers.requestCount("GET", "/api/v0.1/rpc/serverHub") >= 4, "upgrades are counted");
    }

    @Test
    void aConnectionTokenIsUsedOnce() throws Exception {
        String id = connectionToken();
        Raw first = open("?id=" + id, "Bearer " + token);
        first.send("{\"protocol\":\"json\",\"version\":1}");
        assertEquals("{}", first.next());
        Raw second = open("?id=" + id, "Bearer " + token);
        assertTrue(second.closed.await(5, TimeUnit.SECONDS));
        assertEquals(404, second.refused.code());
    }

    @Test
    void aHandshakeWithAnotherProtocolIsRefused() throws Exception {
        Raw raw = open("?id=" + connectionToken(), "Bearer " + token);
        raw.send("{\"protocol\":\"messagepack\",\"version\":1}");
        assertTrue(raw.next().contains("\"error\""));
        assertTrue(raw.closed.await(5, TimeUnit.SECONDS));
    }

    @Test
    void subscribeCompletesAndAnUnknownMethodCompletesWithAnError() throws Exception {
        Raw raw = connected();
        subscribe(raw, "1", "SAVE_CURRENT_DATA", "PollSession", 175091);
        raw.send("{\"type\":1,\"invocationId\":\"2\",\"target\":\"Unsubscribe\",\"arguments\":[\"SAVE_CURRENT_DATA\",\"PollSession\",175091]}");
        JsonObject error = raw.nextNonPing();
        assertEquals("2", error.get("invocationId").getAsString());
        assertTrue(error.get("error").getAsString().contains("Method does not exist"), error.toString());
        raw.send("{\"type\":1,\"invocationId\":\"3\",\"target\":\"Subscribe\",\"arguments\":[\"ENTITY_CHANGED\"]}");
        assertTrue(raw.nextNonPing().get("error").getAsString().contains("expects 3"));
        assertEquals(1, lers.hub().subscriptions());
    }

    @Test
    void aPublishedEventGoesOnlyToMatchingSubscriptionsWithItsDataAsAJsonString() throws Exception {
        Raw node3 = connected();
        Raw anyNode = connected();
        Raw other = connected();
        subscribe(node3, "1", "ENTITY_CHANGED", "Node", 3);
        subscribe(anyNode, "1", "ENTITY_CHANGED", "Empty", 0);
        subscribe(other, "1", "ENTITY_CHANGED", "Node", 4);
        assertEquals(2, lers.hub().publish("ENTITY_CHANGED", "Node", 3, "{\"x\":1}"));
        for (Raw r : List.of(node3, anyNode)) {
            JsonObject m = r.nextNonPing();
            assertEquals(1, m.get("type").getAsInt());
            assertEquals("Notify", m.get("target").getAsString());
            assertFalse(m.has("invocationId"));
            JsonArray args = m.getAsJsonArray("arguments");
            assertEquals("ENTITY_CHANGED", args.get(0).getAsString());
            JsonObject p = args.get(1).getAsJsonObject();
            assertEquals(3, p.get("entityId").getAsInt());
            assertEquals("Node", p.get("entityType").getAsString());
            assertEquals("{\"x\":1}", p.get("jsonData").getAsString());
        }
        lers.hub().publish("ENTITY_CHANGED", "Node", 4, null);
        assertEquals(4, other.nextNonPing().getAsJsonArray("arguments").get(1).getAsJsonObject().get("entityId").getAsInt());
    }

    @Test
    void aPollOfCurrentsNotifiesSaveCurrentDataPerPointWhenItsSessionEnds() throws Exception {
        Raw raw = connected();
        DataSet.NodeInfo node = lers.dataSet().nodes().get(0);
        int a = node.measurePointIds().get(0);
        int b = node.measurePointIds().get(1);
        LersDateTime at = LersDateTime.of(LocalDateTime.ofInstant(clock.instant(), LersEmulator.SERVER_OFFSET));
        ManualPollResponseParameters start = new V01Services(client).manualPoll().pollArchive(at, at)
                .body(new PollArchiveRequestParameters().absentDataOnly(false).requestedDataMask(DeviceDataType.CURRENT)
                        .measurePoints(List.of(a, b)).startMode(PollManualStartMode.FORCE)).execute();
        subscribe(raw, "1", "SAVE_CURRENT_DATA", "PollSession", start.getPollSessionId());
        LocalDateTime end = at.toLocalDateTime().plusSeconds(2);
        Thread.sleep(300);
        assertTrue(raw.messages.stream().noneMatch(m -> m.contains("Notify")), "nothing before the session ends");
        clock.advance(Duration.ofSeconds(2)); // the hub's timer ends the session without a request

        List<Integer> points = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            JsonObject m = raw.nextNonPing();
            JsonArray args = m.getAsJsonArray("arguments");
            assertEquals("SAVE_CURRENT_DATA", args.get(0).getAsString());
            JsonObject p = args.get(1).getAsJsonObject();
            assertEquals("PollSession", p.get("entityType").getAsString());
            assertEquals(start.getPollSessionId(), p.get("entityId").getAsInt());
            JsonObject data = JsonParser.parseString(p.get("jsonData").getAsString()).getAsJsonObject();
            points.add(data.get("measurePointId").getAsInt());
            JsonObject record = data.getAsJsonObject("consumption");
            assertEquals(end, LocalDateTime.parse(record.get("dateTime").getAsString()), "saved as the session ended");
            assertTrue(record.getAsJsonArray("values").size() > 0);
        }
        assertEquals(List.of(a, b), points);
    }

    @Test
    void aPatchedNodeNotifiesEntityChanged() throws Exception {
        Raw raw = connected();
        int nodeId = lers.dataSet().nodes().get(1).id();
        subscribe(raw, "1", "ENTITY_CHANGED", "Node", nodeId);
        new NodesApi(client).updateNode(nodeId).body(List.of(
                new JsonPatchOperation().op("replace").path("title").value("Котельная «Южная»"))).execute();
        JsonObject p = raw.nextNonPing().getAsJsonArray("arguments").get(1).getAsJsonObject();
        JsonObject changed = JsonParser.parseString(p.get("jsonData").getAsString()).getAsJsonObject();
        assertEquals("Updated", changed.get("operation").getAsString());
        assertEquals(nodeId, changed.get("entityId").getAsInt());
        assertEquals("Котельная «Южная»", JsonParser.parseString(changed.get("entity").getAsString())
                .getAsJsonObject().get("title").getAsString());
    }

    @Test
    void theHubPingsAnIdleConnectionAndClosesOneWhoseClientIsSilent() throws Exception {
        Raw raw = connected();
        assertEquals("{\"type\":6}", raw.next(), "a ping within the keep-alive interval");
        assertTrue(raw.closed.await(CLIENT_TIMEOUT.toMillis() + 3000, TimeUnit.MILLISECONDS),
                "closed after the client timeout without a message from the client");
        String last = null;
        for (String m : raw.messages) {
            last = m;
        }
        assertTrue(last != null && last.contains("\"type\":7"), "a close message first: " + last);
    }

    @Test
    void faultsDropTheSocketSilenceTheHubRefuseNegotiateAndDelayEvents() throws Exception {
        Raw dropped = connected();
        assertEquals(1, lers.hub().dropConnections());
        assertTrue(dropped.closed.await(5, TimeUnit.SECONDS));
        assertNull(dropped.refused, "a dropped socket, not a refused upgrade");

        Raw silent = connected();
        subscribe(silent, "1", "ENTITY_CHANGED", "Node", 1);
        lers.faults().hubSilent(true);
        silent.messages.clear();
        lers.hub().publish("ENTITY_CHANGED", "Node", 1, "{}");
        assertNull(silent.messages.poll(KEEP_ALIVE.toMillis() * 3, TimeUnit.MILLISECONDS), "no pings, no events");
        lers.faults().hubSilent(false);

        lers.faults().hubNegotiateRefused(503, 1);
        try (Response r = negotiate("Bearer " + token, "?negotiateVersion=1")) {
            assertEquals(503, r.code());
        }
        try (Response r = negotiate("Bearer " + token, "?negotiateVersion=1")) {
            assertEquals(200, r.code(), "once");
        }

        Raw delayed = connected();
        subscribe(delayed, "1", "ENTITY_CHANGED", "Node", 2);
        lers.faults().hubEventDelay(Duration.ofMillis(800));
        long sent = System.nanoTime();
        lers.hub().publish("ENTITY_CHANGED", "Node", 2, "{}");
        delayed.nextNonPing();
        assertTrue(System.nanoTime() - sent >= Duration.ofMillis(800).toNanos(), "held back by the delay");
    }
}
