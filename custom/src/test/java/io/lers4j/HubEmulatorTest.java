package io.lers4j;

import io.lers4j.emulator.DataSet;
import io.lers4j.emulator.LersEmulator;
import io.lers4j.model.DeviceDataType;
import io.lers4j.model.IncidentImportance;
import io.lers4j.model.IncidentType;
import io.lers4j.model.EntityChangedNotifyParameters;
import io.lers4j.model.EntityOperationType;
import io.lers4j.v01.model.EntityType;
import io.lers4j.v01.model.Operation;
import io.lers4j.v01.model.PollError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hub end to end: the client's ServerHub and currentValuesNow against the emulator's SignalR hub. */
class HubEmulatorTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Long enough for a client to connect and subscribe before the session it started ends, as on a real server. */
    private static final Duration POLL = Duration.ofSeconds(3);
    private static LersEmulator server;

    @BeforeAll
    static void start() {
        server = LersEmulator.builder().measurePoints(14).nodes(4).pollDuration(POLL)
                .hubTimings(Duration.ofMillis(250), Duration.ofSeconds(5)).start();
    }

    @AfterEach
    void reset() throws InterruptedException {
        server.faults().reset();
        awaitTrue(() -> server.hub().connections() == 0, "the test's clients closed their connections");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static LersClient lers() {
        return LersClient.builder().baseUrl(server.baseUrl())
                .credentials(LersEmulator.DEFAULT_LOGIN, LersEmulator.DEFAULT_PASSWORD)
                .hubOptions(HubOptions.builder().keepAliveInterval(Duration.ofMillis(250))
                        .serverTimeout(Duration.ofMillis(1500))
                        .reconnectDelays(Duration.ZERO, Duration.ofMillis(100), Duration.ofMillis(200)).build())
                .build();
    }

    /** Waits for a condition the test cannot be told about (the server's side of a reconnect). */
    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            Thread.sleep(20);
        }
    }

    private static int node(int index) {
        return server.dataSet().nodes().get(index).id();
    }

    private static HubEvent nextEvent(HubSubscription s) {
        Optional<HubEvent> e = s.next(WAIT);
        assertTrue(e.isPresent(), "an event on " + s);
        return e.get();
    }

    @Test
    void anIncidentCreatedThroughTheApiArrivesAsEntityChanged() {
        int nodeId = node(0);
        try (LersClient lers = lers();
             HubSubscription changes = lers.hub().subscribe(Operation.ENTITY_CHANGED, EntityType.INCIDENT, 0)) {
            int point = server.dataSet().nodes().get(0).measurePointIds().get(0);
            int incidentId = lers.createIncident(nodeId, point, IncidentType.WATER_LEAK, IncidentImportance.CRITICAL,
                    "Течь в подвале");
            HubEvent event = nextEvent(changes);
            assertEquals(Operation.ENTITY_CHANGED, event.operation());
            assertEquals(EntityType.INCIDENT, event.entityType());
            assertEquals(incidentId, event.entityId());
            EntityChangedNotifyParameters changed = event.entityChanged().orElseThrow();
            assertEquals(EntityOperationType.NEW, changed.getOperation());
            assertEquals(incidentId, changed.getEntityId());
            assertTrue(changed.getEntity().contains("Течь в подвале"), changed.getEntity());
            assertEquals(HubState.CONNECTED, lers.hub().state());
        }
    }

    @Test
    void afterTheSocketDropsTheClientReconnectsResubscribesAndGetsTheNextEvent() throws Exception {
        int nodeId = node(1);
        try (LersClient lers = lers();
             HubSubscription changes = lers.hub().subscribe(Operation.ENTITY_CHANGED, EntityType.NODE, nodeId)) {
            awaitTrue(() -> server.hub().subscriptions() == 1, "subscribed");
            server.hub().publish("ENTITY_CHANGED", "Node", nodeId, "{\"n\":1}");
            assertEquals("{\"n\":1}", nextEvent(changes).jsonData());

            assertEquals(1, server.hub().dropConnections());
            awaitTrue(() -> server.hub().subscriptions() == 1, "subscribed again on a new connection");
            server.hub().publish("ENTITY_CHANGED", "Node", nodeId, "{\"n\":2}");
            assertEquals("{\"n\":2}", nextEvent(changes).jsonData());
            assertTrue(changes.isActive());
            assertEquals(HubState.CONNECTED, lers.hub().state());
        }
    }

    @Test
    void aTokenThatExpiresDuringALongConnectionIsRenewedForTheNextOne() throws Exception {
        int nodeId = node(2);
        try (LersClient lers = lers();
             HubSubscription changes = lers.hub().subscribe(Operation.ENTITY_CHANGED, EntityType.NODE, nodeId)) {
            awaitTrue(() -> server.hub().subscriptions() == 1, "subscribed");
            long logins = server.requestCount("POST", "/api/v1/Login");

            server.expireAllTokens();
            server.hub().publish("ENTITY_CHANGED", "Node", nodeId, "{\"n\":1}");
            assertEquals("{\"n\":1}", nextEvent(changes).jsonData(), "an open connection outlives its token");

            server.hub().dropConnections();
            awaitTrue(() -> server.hub().subscriptions() == 1, "reconnected with a renewed token");
            assertEquals(logins + 1, server.requestCount("POST", "/api/v1/Login"), "one login renewed the token");
            server.hub().publish("ENTITY_CHANGED", "Node", nodeId, "{\"n\":2}");
            assertEquals("{\"n\":2}", nextEvent(changes).jsonData());
            assertEquals(List.of(1L), List.of(server.requestCount("POST", "/api/v1/Login") - logins));
        }
    }

    @Test
    void eightClientsSubscribedAtOnceEachGetEveryEventOnce() throws Exception {
        int nodeId = node(3);
        List<LersClient> clients = new ArrayList<>();
        List<HubSubscription> subscriptions = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                LersClient c = lers();
                clients.add(c);
                subscriptions.add(c.hub().subscribe(Operation.ENTITY_CHANGED, EntityType.NODE, nodeId));
            }
            awaitTrue(() -> server.hub().subscriptions() == 8, "eight subscriptions");
            assertEquals(8, server.hub().connections());
            for (int n = 1; n <= 3; n++) {
                assertEquals(8, server.hub().publish("ENTITY_CHANGED", "Node", nodeId, "{\"n\":" + n + "}"));
            }
            for (HubSubscription s : subscriptions) {
                for (int n = 1; n <= 3; n++) {
                    assertEquals("{\"n\":" + n + "}", nextEvent(s).jsonData());
                }
                assertFalse(s.next(Duration.ofMillis(50)).isPresent(), "each event once");
                assertEquals(0, s.droppedEvents());
            }
        } finally {
            for (HubSubscription s : subscriptions) {
                s.close();
            }
            for (LersClient c : clients) {
                c.close();
            }
        }
    }

    @Test
    void aSilentHubIsNoticedAndReconnected() throws Exception {
        int nodeId = node(0);
        try (LersClient lers = lers();
             HubSubscription changes = lers.hub().subscribe(Operation.ENTITY_CHANGED, EntityType.NODE, nodeId)) {
            awaitTrue(() -> server.hub().subscriptions() == 1, "subscribed");
            long upgrades = server.requestCount("GET", "/api/v0.1/rpc/serverHub");
            server.faults().hubSilent(true);
            awaitTrue(() -> server.requestCount("GET", "/api/v0.1/rpc/serverHub") > upgrades,
                    "a new connection after the server timeout");
            server.faults().hubSilent(false);
            awaitTrue(() -> lers.hub().state() == HubState.CONNECTED && server.hub().subscriptions() >= 1,
                    "connected again");
            awaitTrue(() -> server.hub().publish("ENTITY_CHANGED", "Node", nodeId, "{\"n\":9}") > 0, "resubscribed");
            assertEquals("{\"n\":9}", nextEvent(changes).jsonData());
        }
    }

    @Test
    void aProxyThatStripsTheHeaderIsPassedWithTheQueryToken() throws Exception {
        server.faults().hubHeaderTokenIgnored(true);
        int nodeId = node(1);
        try (LersClient lers = lers();
             HubSubscription changes = lers.hub().subscribe(Operation.ENTITY_CHANGED, EntityType.NODE, nodeId)) {
            awaitTrue(() -> server.hub().subscriptions() == 1, "subscribed through ?access_token=");
            server.hub().publish("ENTITY_CHANGED", "Node", nodeId, "{}");
            assertEquals(nodeId, nextEvent(changes).entityId());
            assertEquals(HubState.CONNECTED, lers.hub().state());
        }
    }

    @Test
    void aFirstConnectionRefusedFailsTheSubscribeAndALaterOneIsRetriedWithBackoff() throws Exception {
        int nodeId = node(2);
        try (LersClient lers = lers()) {
            server.faults().hubNegotiateRefused(503, 1);
            LersServerException refused = assertThrows(LersServerException.class,
                    () -> lers.hub().subscribe(Operation.ENTITY_CHANGED, EntityType.NODE, nodeId));
            assertEquals(503, refused.statusCode());
            assertEquals(HubState.DISCONNECTED, lers.hub().state());

            HubSubscription changes = lers.hub().subscribe(Operation.ENTITY_CHANGED, EntityType.NODE, nodeId);
            awaitTrue(() -> server.hub().subscriptions() == 1, "subscribed");
            long negotiates = server.requestCount("POST", "/api/v0.1/rpc/serverHub/negotiate");
            server.faults().hubNegotiateRefused(503, 2);
            server.hub().dropConnections();
            awaitTrue(() -> server.hub().subscriptions() == 1, "subscribed again after two refusals");
            assertEquals(negotiates + 3, server.requestCount("POST", "/api/v0.1/rpc/serverHub/negotiate"));
            server.hub().publish("ENTITY_CHANGED", "Node", nodeId, "{}");
            assertEquals(nodeId, nextEvent(changes).entityId());
        }
    }

    @Test
    void currentValuesNowWithTheHubUpAreTheRecordsItPushedAndAFailingPointIsReported() {
        List<DataSet.NodeInfo> nodes = server.dataSet().nodes();
        int failing = nodes.get(nodes.size() - 1).measurePointIds().get(0);
        List<Integer> ids = new ArrayList<>();
        for (DataSet.NodeInfo node : nodes.subList(0, nodes.size() - 1)) {
            node.measurePointIds().stream().limit(5 - ids.size()).forEach(ids::add);
        }
        ids.add(failing);
        server.faults().pollFails(failing, "DEV_NOT_CONNECTED");
        try (LersClient lers = lers()) {
            LocalDateTime asked = LocalDateTime.now(server.dataSet().serverOffset()).withNano(0);
            CurrentValues values = lers.currentValuesNow(ids, Duration.ofSeconds(30));

            assertTrue(values.hubUsed(), values.toString());
            assertEquals(ids, new ArrayList<>(values.points().keySet()));
            for (int id : ids.subList(0, 5)) {
                CurrentValue value = values.points().get(id);
                assertEquals(CurrentValue.Status.RECEIVED, value.status(), value.toString());
                MeterRecord pushed = value.record().orElseThrow();
                List<MeterRecord> stored = lers.consumption(id, DeviceDataType.CURRENT, asked.minusMinutes(1),
                        asked.plusMinutes(10)).toList();
                MeterRecord newest = stored.get(stored.size() - 1);
                assertEquals(newest.dateTime().toLocalDateTime(), pushed.dateTime().toLocalDateTime());
                assertEquals(newest.values(), pushed.values(), "what the hub pushed is what the server stored");
                assertEquals(DeviceDataType.CURRENT, pushed.dataType());
            }
            CurrentValue failed = values.points().get(failing);
            assertEquals(CurrentValue.Status.POLL_FAILED, failed.status());
            assertEquals(PollError.DEV_NOT_CONNECTED,
                    ((LersPointPollException) failed.error().orElseThrow()).pollError().orElseThrow());
        }
    }
}
