package io.lers4j;

import io.lers4j.api.IncidentsApi;
import io.lers4j.api.NodesApi;
import io.lers4j.model.CreateIncidentRequestParameters;
import io.lers4j.model.IncidentImportance;
import io.lers4j.model.IncidentType;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryTest extends TestSupport {

    private static final String NODES = "{\"nodes\":[{\"id\":1,\"title\":\"Котельная\"}]}";

    private LersClient tokenClient(RetryPolicy policy) {
        return LersClient.builder().baseUrl(baseUrl()).token("tok-1").clock(clock).sleeper(sleeps::add)
                .retryPolicy(policy).build();
    }

    private static RetryPolicy noJitter(int attempts) {
        return RetryPolicy.builder().maxAttempts(attempts).jitter(0).initialBackoff(Duration.ofMillis(200))
                .maxBackoff(Duration.ofSeconds(2)).build();
    }

    private static int nodeCount(LersClient lers) {
        return lers.nodes().getNodes().execute().getNodes().size();
    }

    private static void createIncident(LersClient lers) {
        lers.incidents().createIncident().body(new CreateIncidentRequestParameters()
                .incidentType(IncidentType.CUSTOM).importance(IncidentImportance.WARNING).description("Нет связи").nodeId(95))
                .execute();
    }

    @Test
    void a503IsRetriedWithBackoff() {
        server.enqueue(new MockResponse.Builder().code(503).body("Service Unavailable").build());
        server.enqueue(new MockResponse.Builder().code(503).build());
        server.enqueue(json(NODES));
        try (LersClient lers = tokenClient(noJitter(3))) {
            assertEquals(1, nodeCount(lers));
        }
        assertEquals(3, server.getRequestCount());
        assertEquals(List.of(Duration.ofMillis(200), Duration.ofMillis(400)), sleeps);
    }

    @Test
    void a429WaitsAsToldByRetryAfterSeconds() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "7").build());
        server.enqueue(json(NODES));
        try (LersClient lers = tokenClient(noJitter(3))) {
            assertEquals(1, nodeCount(lers));
        }
        assertEquals(List.of(Duration.ofSeconds(7)), sleeps);
    }

    @Test
    void retryAfterAsAnHttpDateAndCapped() {
        String inTwentySeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(20).atOffset(ZoneOffset.UTC));
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", inTwentySeconds).build());
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "3600").build());
        server.enqueue(json(NODES));
        RetryPolicy policy = RetryPolicy.builder().maxAttempts(3).maxRetryAfter(Duration.ofSeconds(30)).build();
        try (LersClient lers = tokenClient(policy)) {
            assertEquals(1, nodeCount(lers));
        }
        assertEquals(List.of(Duration.ofSeconds(20), Duration.ofSeconds(30)), sleeps);
    }

    @Test
    void exhaustedRetriesSayHowManyAttemptsWereMade() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse.Builder().code(502).build());
        }
        try (LersClient lers = tokenClient(noJitter(3))) {
            LersServerException e = assertThrows(LersServerException.class, () -> nodeCount(lers));
            assertEquals(502, e.statusCode());
            assertEquals(3, e.attempts());
            assertTrue(e.getMessage().contains("[3 attempts]"), e.getMessage());
        }
    }

    @Test
    void a500IsRetriedForGetButNotForPost() {
        server.enqueue(new MockResponse.Builder().code(500).build());
        server.enqueue(json(NODES));
        server.enqueue(new MockResponse.Builder().code(500).build());
        try (LersClient lers = tokenClient(noJitter(3))) {
            assertEquals(1, nodeCount(lers));
            LersServerException e = assertThrows(LersServerException.class, () -> createIncident(lers));
            assertEquals(1, e.attempts());
            assertEquals("POST /api/v1/Incidents", e.operation());
        }
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void aPostIsNotReplayedAfterAnyResponse() {
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "1").build());
        try (LersClient lers = tokenClient(noJitter(3))) {
            assertThrows(LersServerException.class, () -> createIncident(lers));
        }
        assertEquals(1, server.getRequestCount());
        assertTrue(sleeps.isEmpty());
    }

    @Test
    void aPostWhoseConnectionBreaksAfterSendingIsNotReplayed() {
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
        try (LersClient lers = tokenClient(noJitter(3))) {
            LersTransportException e = assertThrows(LersTransportException.class, () -> createIncident(lers));
            assertEquals(1, e.attempts());
        }
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void aGetWhoseConnectionIsResetIsRetried() {
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
        server.enqueue(json(NODES));
        try (LersClient lers = tokenClient(noJitter(3))) {
            assertEquals(1, nodeCount(lers));
        }
        assertEquals(2, server.getRequestCount());
        assertEquals(1, sleeps.size());
    }

    @Test
    void aGetWhoseAnswerBreaksOffMidBodyIsRetried() {
        String big = "{\"nodes\":[" + "{\"id\":1,\"title\":\"Дом\"},".repeat(2000) + "{\"id\":2}]}";
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body(big).onResponseBody(new SocketEffect.CloseSocket(true, true, true)).build());
        server.enqueue(json(NODES));
        try (LersClient lers = tokenClient(noJitter(3))) {
            assertEquals(1, nodeCount(lers));
        }
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void aRefusedConnectionIsRetriedEvenForPostAndThenReported() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (LersClient lers = LersClient.builder().baseUrl("http://127.0.0.1:" + closedPort).token("tok-1")
                .sleeper(sleeps::add).retryPolicy(noJitter(3)).build()) {
            LersTransportException e = assertThrows(LersTransportException.class, () -> createIncident(lers));
            assertEquals(3, e.attempts(), "never reached the server, so even a POST may be sent again");
            assertTrue(e.getMessage().contains("after 3 attempts"), e.getMessage());
        }
        assertEquals(2, sleeps.size());
    }

    @Test
    void zeroAttemptsDisablesRetries() {
        server.enqueue(new MockResponse.Builder().code(503).build());
        try (LersClient lers = tokenClient(RetryPolicy.builder().maxAttempts(0).build())) {
            assertEquals(1, assertThrows(LersServerException.class, () -> nodeCount(lers)).attempts());
        }
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void backoffGrowsAndIsCappedWithJitterBelowTheBase() {
        RetryPolicy p = RetryPolicy.builder().initialBackoff(Duration.ofMillis(100)).maxBackoff(Duration.ofMillis(350)).jitter(0.5).build();
        for (int i = 0; i < 50; i++) {
            long first = p.backoff(1).toMillis();
            long third = p.backoff(3).toMillis();
            assertTrue(first >= 50 && first <= 100, "first " + first);
            assertTrue(third >= 175 && third <= 350, "third " + third);
        }
    }
}
