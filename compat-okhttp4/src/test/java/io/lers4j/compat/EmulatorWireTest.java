package io.lers4j.compat;

import io.lers4j.LersAuthenticationException;
import io.lers4j.LersBusinessException;
import io.lers4j.LersClient;
import io.lers4j.HubSubscription;
import io.lers4j.MeterRecord;
import io.lers4j.RetryPolicy;
import io.lers4j.emulator.LersEmulator;
import io.lers4j.model.DeviceDataType;
import io.lers4j.v01.model.EntityType;
import io.lers4j.v01.model.Operation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LersClient against the emulator, whose server side uses no OkHttp: so these run whichever OkHttp
 * the execution loaded, OkHttp 5's classes included, where an okio older than OkHttp 5 needs fails
 * every call with {@code NoSuchMethodError: okio.Okio.socket}.
 */
class EmulatorWireTest {

    private static LersEmulator server;

    @BeforeAll
    static void start() {
        server = LersEmulator.builder().measurePoints(3).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static LersClient.Builder client(String password) {
        return LersClient.builder().baseUrl(server.baseUrl()).credentials(LersEmulator.DEFAULT_LOGIN, password)
                .sleeper(d -> { })
                // the okio trap leaves OkHttp 5's connect waiting: fail the call rather than wait five minutes
                .callTimeout(Duration.ofSeconds(20))
                .retryPolicy(RetryPolicy.builder().maxAttempts(4).jitter(0).initialBackoff(Duration.ofMillis(1)).build());
    }

    @Test
    void logsInAndReadsNodesAndAnArchiveThroughFaults() {
        int pointId = server.dataSet().nodes().get(0).measurePointIds().get(0);
        LocalDate to = server.lastCompletedHour().toLocalDate();
        try (LersClient lers = client(LersEmulator.DEFAULT_PASSWORD).build()) {
            assertFalse(lers.nodes().getNodes().execute().getNodes().isEmpty());
            server.faults().status(503, 2).dropConnectionMidBody(1);
            List<MeterRecord> days = lers.consumption(pointId, DeviceDataType.DAY, to.minusDays(3), to).toList();
            assertEquals(3, days.size());
            assertEquals(to.minusDays(3).atStartOfDay(), days.get(0).dateTime().toLocalDateTime());
        }
        assertEquals(0, server.faults().pending(), "every fault met, and retried past");
    }

    @Test
    void anUnknownPointAndAWrongPasswordAreTypedErrors() {
        try (LersClient lers = client(LersEmulator.DEFAULT_PASSWORD).build()) {
            LersBusinessException e = assertThrows(LersBusinessException.class, () -> lers.measurePoints().getById(987654).execute());
            assertEquals(422, e.statusCode());
        }
        try (LersClient lers = client("wrong-password").build()) {
            LersAuthenticationException e = assertThrows(LersAuthenticationException.class, () -> lers.nodes().getNodes().execute());
            assertFalse(e.getMessage().contains("wrong-password"));
        }
    }

    @Test
    void theHubConnectsSubscribesAndDeliversAnEvent() throws InterruptedException {
        try (LersClient lers = client(LersEmulator.DEFAULT_PASSWORD).build();
             HubSubscription s = lers.hub().subscribe(Operation.ENTITY_CHANGED, EntityType.NODE, 5)) {
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (server.hub().subscriptions() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(1, server.hub().publish("ENTITY_CHANGED", "Node", 5, "{\"n\":1}"));
            assertEquals("{\"n\":1}", s.next(java.time.Duration.ofSeconds(10)).orElseThrow().jsonData());
        }
        assertEquals(1, server.requestCount("POST", "/api/v0.1/rpc/serverHub/negotiate"));
    }
}
