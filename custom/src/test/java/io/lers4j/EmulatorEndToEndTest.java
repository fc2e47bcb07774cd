package io.lers4j;

import io.lers4j.emulator.LersEmulator;
import io.lers4j.emulator.DataSet;
import io.lers4j.model.DataParameter;
import io.lers4j.model.DeviceDataType;
import io.lers4j.model.SystemType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole client against the embedded server: what a nightly job reads is the same whether or
 * not the server throttles, fails, drops answers and revokes tokens along the way.
 */
class EmulatorEndToEndTest {

    private static LersEmulator server;
    private static List<Integer> ids;
    private static LocalDate from;
    private static LocalDate to;

    @BeforeAll
    static void start() {
        server = LersEmulator.builder().measurePoints(40).start();
        ids = server.dataSet().measurePoints().stream().map(DataSet.MeasurePointInfo::id).collect(Collectors.toList());
        to = server.lastCompletedHour().toLocalDate();
        from = to.minusDays(10);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static LersClient client() {
        return LersClient.builder().baseUrl(server.baseUrl())
                .credentials(LersEmulator.DEFAULT_LOGIN, LersEmulator.DEFAULT_PASSWORD)
                // more attempts than faults armed at once (8), so that no request can run out however they fall
                .retryPolicy(RetryPolicy.builder().maxAttempts(9).initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(5)).build())
                .sleeper(d -> { }).build();
    }

    private static Map<Integer, List<MeterRecord>> readAll(LersClient lers) {
        Map<Integer, List<MeterRecord>> out = new HashMap<>();
        BulkRead.Summary summary = lers.bulkConsumption(ids, DeviceDataType.DAY, from, to).withConcurrency(6)
                .forEach(r -> {
                    assertTrue(r.isSuccess(), String.valueOf(r));
                    out.put(r.measurePointId(), r.records());
                });
        assertEquals(ids.size(), summary.succeeded());
        return out;
    }

    @Test
    void aBulkReadThroughFaultsReturnsExactlyWhatACleanReadReturns() {
        Map<Integer, List<MeterRecord>> clean;
        try (LersClient lers = client()) {
            clean = readAll(lers);
        }
        server.faults().status(503, 3).throttle(2, Duration.ofSeconds(1)).dropConnectionMidBody(2).htmlErrorPage(502, 1);
        Map<Integer, List<MeterRecord>> faulty;
        try (LersClient lers = client()) {
            readAll(lers); // logs in
            server.expireAllTokens();
            server.faults().status(503, 2).dropConnectionMidBody(1);
            faulty = readAll(lers);
        }
        assertEquals(clean.keySet(), faulty.keySet());
        for (int id : ids) {
            List<MeterRecord> a = clean.get(id);
            List<MeterRecord> b = faulty.get(id);
            assertEquals(10, a.size(), "ten days for point " + id);
            for (int i = 0; i < a.size(); i++) {
                assertEquals(a.get(i).dateTime(), b.get(i).dateTime());
                assertEquals(a.get(i).values(), b.get(i).values());
            }
        }
        assertEquals(0, server.faults().pending());
    }

    @Test
    void anApiKeyReadsWhatTheLoginReadsThroughFaultsAndIsRefusedOnceRevoked() {
        Map<Integer, List<MeterRecord>> signedIn;
        try (LersClient lers = client()) {
            signedIn = readAll(lers);
        }
        String key = server.issueApiKey(LersEmulator.DEFAULT_LOGIN);
        LersClient.Builder keyed = LersClient.builder().baseUrl(server.baseUrl()).apiKey(key)
                .retryPolicy(RetryPolicy.builder().maxAttempts(9).initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(5)).build())
                .sleeper(d -> { });
        long logins = server.requestCount("POST", "/api/v1/Login");
        try (LersClient lers = keyed.build()) {
            server.faults().status(503, 2).dropConnectionMidBody(1);
            Map<Integer, List<MeterRecord>> withKey = readAll(lers);
            assertEquals(signedIn.keySet(), withKey.keySet());
            for (int id : ids) {
                assertEquals(signedIn.get(id).size(), withKey.get(id).size());
                for (int i = 0; i < signedIn.get(id).size(); i++) {
                    assertEquals(signedIn.get(id).get(i).values(), withKey.get(id).get(i).values());
                }
            }
            assertEquals(logins, server.requestCount("POST", "/api/v1/Login"), "a key needs no login");

            server.revokeApiKey(key);
            LersAuthenticationException e = org.junit.jupiter.api.Assertions.assertThrows(LersAuthenticationException.class,
                    () -> lers.nodes().getNodes().execute());
            assertEquals(401, e.statusCode());
            assertTrue(!e.getMessage().contains(key) && !String.valueOf(e.headers()).contains(key), e.getMessage());
        }
    }

    @Test
    void hoursAddUpToTheDayAndTotalsToTheConsumption() {
        int heat = server.dataSet().firstMeasurePoint(SystemType.HEAT).id();
        LocalDate day = to.minusDays(2);
        try (LersClient lers = client()) {
            List<MeterRecord> hours = lers.consumption(heat, DeviceDataType.HOUR, day, day.plusDays(1)).toList();
            MeterRecord daily = lers.consumption(heat, DeviceDataType.DAY, day, day.plusDays(1)).toList().get(0);
            assertEquals(24, hours.size());
            double sum = hours.stream().mapToDouble(h -> h.valueOr(DataParameter.Q_DELTA, 0)).sum();
            assertEquals(daily.value(DataParameter.Q_DELTA).getAsDouble(), sum, 1e-6);

            LocalDateTime start = day.atStartOfDay();
            List<MeterRecord> totals = lers.totals(heat, start, start.plusDays(1).plusHours(1)).toList();
            double first = totals.get(0).value(DataParameter.V_IN).getAsDouble();
            double last = totals.get(totals.size() - 1).value(DataParameter.V_IN).getAsDouble();
            double volume = hours.stream().mapToDouble(h -> h.valueOr(DataParameter.V_IN, 0)).sum();
            assertEquals(volume, last - first, 1e-6);
        }
    }
}
