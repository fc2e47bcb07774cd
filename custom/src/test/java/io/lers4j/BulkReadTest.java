package io.lers4j;

import io.lers4j.model.DataParameter;
import io.lers4j.model.DeviceDataType;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BulkReadTest extends TestSupport {

    private static final LocalDate FROM = LocalDate.of(2026, 1, 1);
    private static final LocalDate TO = LocalDate.of(2026, 2, 1);

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger logins = new AtomicInteger();
    private final Map<Integer, AtomicInteger> requestsPerPoint = new ConcurrentHashMap<>();
    private final List<Integer> startOrder = new CopyOnWriteArrayList<>();

    /** A LERS-like server: 31 day records per point; per-point behaviour from {@code behaviour}. */
    private void serve(java.util.function.IntFunction<MockResponse> behaviour, long delayMillisPerPoint) {
        serve(behaviour, delayMillisPerPoint, 0);
    }

    private void serve(java.util.function.IntFunction<MockResponse> behaviour, long delayMillisPerPoint, long baseDelayMillis) {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) throws InterruptedException {
                if (r.getTarget().equals("/api/v1/Login")) {
                    int n = logins.incrementAndGet();
                    return json(loginAnswer("tok-" + n, clock.instant().plus(Duration.ofHours(1))));
                }
                int id = Integer.parseInt(r.getUrl().pathSegments().get(4));
                int n = inFlight.incrementAndGet();
                maxInFlight.accumulateAndGet(n, Math::max);
                startOrder.add(id);
                int attempt = requestsPerPoint.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                try {
                    Thread.sleep(baseDelayMillis + delayMillisPerPoint * (id % 5));
                    MockResponse special = behaviour.apply(id * 10 + attempt);
                    if (special != null) {
                        return special;
                    }
                    StringBuilder body = new StringBuilder("{\"dayConsumption\":[");
                    for (int d = 0; d < 31; d++) {
                        body.append(d == 0 ? "" : ",").append("{\"dateTime\":\"").append(FROM.plusDays(d))
                                .append("T00:00:00\",\"values\":[{\"dataParameter\":\"Q_delta\",\"value\":").append(id).append("}]}");
                    }
                    return json(body.append("]}").toString());
                } finally {
                    inFlight.decrementAndGet();
                }
            }
        });
    }

    private static List<Integer> ids(int n) {
        return IntStream.rangeClosed(1, n).boxed().collect(Collectors.toList());
    }

    @Test
    void everyPointIsDeliveredOnceInInputOrderWhenAsked() {
        serve(key -> null, 3);
        List<Integer> delivered = new ArrayList<>();
        List<String> progress = new ArrayList<>();
        try (LersClient lers = client().build()) {
            BulkRead.Summary summary = lers.bulkConsumption(ids(40), DeviceDataType.DAY, FROM, TO)
                    .withConcurrency(6).withInputOrder(true)
                    .withProgress((done, total) -> progress.add(done + "/" + total))
                    .forEach(r -> {
                        delivered.add(r.measurePointId());
                        assertEquals(31, r.records().size());
                        assertEquals((double) r.measurePointId(), r.records().get(0).value(DataParameter.Q_DELTA).getAsDouble());
                    });
            assertEquals(40, summary.succeeded());
            assertEquals(0, summary.failed());
        }
        assertEquals(ids(40), delivered);
        assertEquals(40, progress.size());
        assertEquals("1/40", progress.get(0));
        assertEquals("40/40", progress.get(39));
        assertEquals(1, logins.get());
    }

    @Test
    void unorderedDeliveryHandsOverEachPointOnceAsItCompletes() {
        serve(key -> null, 4);
        List<Integer> delivered = new ArrayList<>();
        try (LersClient lers = client().build()) {
            lers.bulkConsumption(ids(30), DeviceDataType.DAY, FROM, TO).withConcurrency(5)
                    .forEach(r -> delivered.add(r.measurePointId()));
        }
        assertEquals(ids(30), delivered.stream().sorted().collect(Collectors.toList()));
        assertFalse(ids(30).equals(delivered), "slow points (id % 5 == 4) finish after fast ones");
    }

    @Test
    void aBulkReadTakesTheSameQueryOptionsAsASeries() throws Exception {
        serve(key -> null, 0);
        try (LersClient lers = client().build()) {
            lers.bulkConsumption(ids(2), DeviceDataType.DAY, FROM, TO).withAbsentRecords(true).withCalculated(true)
                    .withWindowSize(java.time.Period.ofDays(16)).withConcurrency(1).forEach(r -> assertTrue(r.isSuccess()));
        }
        take(); // the login
        for (int i = 0; i < 4; i++) { // two points, two windows each
            RecordedRequest r = take();
            assertEquals("true", r.getUrl().queryParameter("includeAbsentRecords"), r.getTarget());
            assertEquals("true", r.getUrl().queryParameter("includeCalculated"), r.getTarget());
        }
        assertEquals(5, server.getRequestCount());
    }

    @Test
    void theConcurrencyLimitIsHonouredAndReached() {
        serve(key -> null, 0, 100); // every request takes long enough for the workers to overlap
        try (LersClient lers = client().build()) {
            lers.bulkConsumption(ids(40), DeviceDataType.DAY, FROM, TO).withConcurrency(4).forEach(r -> { });
        }
        assertEquals(4, maxInFlight.get());
    }

    @Test
    void oneFailingPointDoesNotStopTheOthers() {
        serve(key -> {
            int id = key / 10;
            if (id == 7) {
                return json(422, "{\"errorMessage\":\"Точка учёта 7 не найдена\",\"errorCode\":3}");
            }
            if (id == 9) {
                return new MockResponse.Builder().code(200).headersDelay(2, java.util.concurrent.TimeUnit.SECONDS)
                        .addHeader("Content-Type", "application/json").body("{}").build();
            }
            return null;
        }, 0);
        List<PointResult> results = new ArrayList<>();
        try (LersClient lers = client().readTimeout(Duration.ofMillis(300)).retryPolicy(RetryPolicy.builder().maxAttempts(2).build()).build()) {
            BulkRead.Summary summary = lers.bulkConsumption(ids(12), DeviceDataType.DAY, FROM, TO).withConcurrency(3)
                    .withInputOrder(true).forEach(results::add);
            assertEquals(10, summary.succeeded());
            assertEquals(2, summary.failed());
        }
        PointResult unknown = results.get(6);
        assertEquals(7, unknown.measurePointId());
        LersBusinessException e = (LersBusinessException) unknown.error().orElseThrow();
        assertEquals("Точка учёта 7 не найдена", e.errorMessage().orElseThrow());
        PointResult slow = results.get(8);
        assertTrue(slow.error().orElseThrow() instanceof LersTransportException, String.valueOf(slow.error()));
        assertEquals(2, ((LersException) slow.error().get()).attempts());
        assertTrue(slow.records().isEmpty());
        assertTrue(results.get(11).isSuccess());
    }

    @Test
    void retriesAndTokenRenewalKeepWorkingUnderConcurrency() {
        AtomicInteger served = new AtomicInteger();
        java.util.Map<String, AtomicInteger> attemptsByPath = new java.util.concurrent.ConcurrentHashMap<>();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                if (r.getTarget().equals("/api/v1/Login")) {
                    int n = logins.incrementAndGet();
                    return json(loginAnswer("tok-" + n, clock.instant().plus(Duration.ofHours(1))));
                }
                int n = served.incrementAndGet();
                if (n > 20 && "Bearer tok-1".equals(r.getHeaders().get("Authorization"))) {
                    return new MockResponse.Builder().code(401).build(); // the server revoked the first token
                }
                // every fourth point's first request: retried, and never unlucky enough to use up its attempts
                int attempt = attemptsByPath.computeIfAbsent(r.getUrl().encodedPath(), p -> new AtomicInteger()).incrementAndGet();
                if (attempt == 1 && Math.floorMod(r.getUrl().encodedPath().hashCode(), 4) == 0) {
                    return new MockResponse.Builder().code(503).build();
                }
                return json("{\"totals\":[{\"dateTime\":\"2026-01-01T00:00:00\",\"values\":[{\"dataParameter\":\"V_in\",\"value\":1}]}]}");
            }
        });
        try (LersClient lers = client().build()) {
            BulkRead.Summary summary = lers.bulkTotals(ids(60), FROM.atStartOfDay(), TO.atStartOfDay()).withConcurrency(8)
                    .forEach(r -> assertTrue(r.isSuccess(), String.valueOf(r)));
            assertEquals(60, summary.succeeded());
        }
        assertEquals(2, logins.get(), "one login, one renewal shared by all eight threads");
        assertFalse(sleeps.isEmpty(), "503s were retried");
    }

    @Test
    void inputOrderDoesNotLetASlowPointHoldBackUnboundedWork() {
        serve(key -> null, 0);
        server.setDispatcher(slowFirstPoint(server.getDispatcher()));
        try (LersClient lers = client().build()) {
            lers.bulkConsumption(ids(100), DeviceDataType.DAY, FROM, TO).withConcurrency(2).withInputOrder(true).forEach(r -> { });
        }
        int startedBeforeFirstFinished = startOrder.indexOf(-1);
        assertTrue(startedBeforeFirstFinished > 0 && startedBeforeFirstFinished <= 2 * 4 + 1,
                "points started while point 1 was still running: " + startedBeforeFirstFinished);
    }

    private Dispatcher slowFirstPoint(Dispatcher inner) {
        return new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) throws InterruptedException {
                if (r.getUrl().pathSegments().size() > 4 && r.getUrl().pathSegments().get(4).equals("1")) {
                    Thread.sleep(500);
                    MockResponse response = inner.dispatch(r);
                    startOrder.add(-1); // marks the moment point 1 finished
                    return response;
                }
                return inner.dispatch(r);
            }
        };
    }

    @Test
    void closingTheStreamEarlyStopsTheRest() {
        serve(key -> null, 10);
        try (LersClient lers = client().build()) {
            try (Stream<PointResult> results = lers.bulkConsumption(ids(200), DeviceDataType.DAY, FROM, TO).withConcurrency(2).stream()) {
                assertEquals(3, results.limit(3).count());
            }
        }
        assertTrue(requestsPerPoint.size() < 20, "only the first points were requested: " + requestsPerPoint.size());
    }

    @Test
    void badInputFailsBeforeAnyRequest() {
        try (LersClient lers = client().build()) {
            assertThrows(IllegalArgumentException.class, () -> lers.bulkConsumption(List.of(1, 0), DeviceDataType.DAY, FROM, TO));
            assertThrows(NullPointerException.class, () -> lers.bulkConsumption(java.util.Arrays.asList(1, null), DeviceDataType.DAY, FROM, TO));
            assertThrows(IllegalArgumentException.class, () -> lers.bulkConsumption(List.of(1), DeviceDataType.DAY, TO, FROM));
            assertThrows(IllegalArgumentException.class, () -> lers.bulkConsumption(List.of(1), DeviceDataType.DAY, FROM, TO).withConcurrency(0));
            assertEquals(0, lers.bulkConsumption(List.of(), DeviceDataType.DAY, FROM, TO).forEach(r -> { }).succeeded());
        }
        assertEquals(0, server.getRequestCount());
    }
}
