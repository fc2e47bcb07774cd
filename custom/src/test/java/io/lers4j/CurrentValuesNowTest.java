package io.lers4j;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.lers4j.model.DataParameter;
import io.lers4j.model.DeviceDataType;
import io.lers4j.v01.model.PollError;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.lers4j.FakeHub.notification;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link LersClient#currentValuesNow} against a MockWebServer that is both the LERS API (the poll,
 * its sessions, the archive) and its hub ({@link FakeHub}), asserting what goes over the wire.
 */
class CurrentValuesNowTest extends TestSupport {

    private static final String ENDED = "2026-01-20T12:01:00+03:00";
    private static final Pattern POINT_SESSIONS = Pattern.compile("/api/v0\\.1/Poll/PollSessions/MeasurePoint/(\\d+)/.*");
    private static final Pattern CONSUMPTION = Pattern.compile("/api/v1/Data/MeasurePoints/(\\d+)/Consumption/.*");

    private FakeHub fake;
    private Api api;
    private final ExecutorService caller = Executors.newSingleThreadExecutor();

    /** The API routes of the flow; everything else (login, negotiate, the WebSocket) goes to the fake hub. */
    private final class Api extends Dispatcher {
        final BlockingQueue<RecordedRequest> requests = new LinkedBlockingQueue<>();
        final AtomicInteger taskLooks = new AtomicInteger();
        /** The task's sessions at the n-th look (1 for the first). */
        volatile IntFunction<String> taskSessions = n -> "[]";
        final Map<Integer, String> pointSessions = new ConcurrentHashMap<>();
        /** Each point's {@code currentConsumption} array. */
        final Map<Integer, String> currents = new ConcurrentHashMap<>();

        @Override
        public MockResponse dispatch(RecordedRequest r) {
            String path = r.getUrl().encodedPath();
            if (path.equals("/api/v0.1/Poll/ManualPoll/Currents")) {
                requests.add(r);
                return json("{\"pollSessionId\":175091,\"pollTaskId\":3321,\"result\":\"Success\"}");
            }
            if (path.equals("/api/v0.1/Poll/PollSessions/Task/3321")) {
                requests.add(r);
                return json(taskSessions.apply(taskLooks.incrementAndGet()));
            }
            Matcher m = POINT_SESSIONS.matcher(path);
            if (m.matches()) {
                requests.add(r);
                return json(pointSessions.getOrDefault(Integer.parseInt(m.group(1)), "[]"));
            }
            m = CONSUMPTION.matcher(path);
            if (m.matches()) {
                requests.add(r);
                return json("{\"currentConsumption\":" + currents.getOrDefault(Integer.parseInt(m.group(1)), "[]") + "}");
            }
            return fake.dispatch(r);
        }

        List<String> paths() {
            List<String> out = new ArrayList<>();
            requests.forEach(r -> out.add(r.getUrl().encodedPath()));
            return out;
        }

        RecordedRequest consumptionOf(int point) {
            return requests.stream().filter(r -> r.getUrl().encodedPath().startsWith("/api/v1/Data/MeasurePoints/" + point + "/"))
                    .findFirst().orElseThrow(() -> new AssertionError("no archive read of " + point + ": " + paths()));
        }
    }

    @BeforeEach
    void startApi() {
        fake = new FakeHub(clock);
        api = new Api();
        server.setDispatcher(api);
    }

    @AfterEach
    void stopCaller() {
        caller.shutdownNow();
    }

    /** A client whose sleeps move its clock, so waits end without waiting. */
    private LersClient lers(Sleeper sleeper) {
        return LersClient.builder().baseUrl(baseUrl()).credentials("api1", PASSWORD).clock(clock).sleeper(sleeper)
                .hubOptions(HubOptions.builder().invocationTimeout(Duration.ofSeconds(10))
                        .handshakeTimeout(Duration.ofSeconds(10)).build())
                .build();
    }

    private LersClient lers() {
        return lers(d -> {
            sleeps.add(d);
            clock.advance(d);
        });
    }

    private static String session(int id, int node, String end, String resultCode) {
        return "{\"id\":" + id + ",\"startDateTime\":\"2026-01-20T12:00:00+03:00\",\"endDateTime\":"
                + (end == null ? "null" : "\"" + end + "\"") + ",\"resultCode\":"
                + (resultCode == null ? "null" : "\"" + resultCode + "\"") + ",\"nodeId\":" + node
                + ",\"taskId\":3321,\"taskType\":\"Manual\"}";
    }

    private static String current(String dateTime, double tIn) {
        return "{\"dateTime\":\"" + dateTime + "\",\"values\":[{\"dataParameter\":\"T_in\",\"value\":" + tIn + "}]}";
    }

    /** A SAVE_CURRENT_DATA payload: CurrentConsumptionDataRead. */
    private static String saved(int point, double tIn) {
        return "{\"measurePointId\":" + point + ",\"consumption\":" + current("2026-01-20T12:00:20", tIn) + "}";
    }

    private static JsonArray arguments(JsonObject invocation) {
        assertEquals("Subscribe", invocation.get("target").getAsString());
        return invocation.getAsJsonArray("arguments");
    }

    private static double tIn(CurrentValue value) {
        return value.record().orElseThrow(() -> new AssertionError("no record: " + value))
                .value(DataParameter.T_IN).getAsDouble();
    }

    @Test
    void twoPointsComeByTheHubAndTheThirdWhoseEventNeverCameIsReadFromTheArchiveOnceTheSessionsEnded() throws Exception {
        String running = "[" + session(175091, 95, null, null) + "," + session(175092, 96, null, null) + "]";
        String ended = "[" + session(175091, 95, ENDED, "None") + "," + session(175092, 96, ENDED, "None") + "]";
        CountDownLatch sessionsEnd = new CountDownLatch(1);
        api.taskSessions = n -> sessionsEnd.getCount() == 0 ? ended : running;
        api.pointSessions.put(1003, "[" + session(175092, 96, ENDED, "None") + "]");
        // one record from before the poll, which the server sends although the period asked excludes it
        api.currents.put(1003, "[" + current("2026-01-20T11:58:00+03:00", 50.0) + ","
                + current("2026-01-20T12:00:55+03:00", 62.5) + "," + current("2026-01-20T12:00:40+03:00", 61.0) + "]");
        CountDownLatch received = new CountDownLatch(2);
        CurrentValues values;
        // the wait does not go on before the test has sent the events and ended the sessions
        try (LersClient lers = lers(d -> {
            assertTrue(sessionsEnd.await(10, TimeUnit.SECONDS), "the test ends the sessions");
            sleeps.add(d);
            clock.advance(d);
        })) {
            Future<CurrentValues> run = caller.submit(() -> new CurrentValuesRead(lers, List.of(1001, 1002, 1003),
                    Duration.ofMinutes(2), id -> received.countDown()).run());

            FakeHub.Socket socket = fake.nextSocket();
            assertEquals("{\"protocol\":\"json\",\"version\":1}", socket.nextRecord());
            assertEquals("[\"SAVE_CURRENT_DATA\",\"PollSession\",175091]", arguments(socket.nextInvocation()).toString(),
                    "the named session, as soon as the start answered");
            assertEquals("[\"SAVE_CURRENT_DATA\",\"PollSession\",175092]", arguments(socket.nextInvocation()).toString(),
                    "the task's other session, from its session list");
            socket.send(notification("SAVE_CURRENT_DATA", "PollSession", 175091, saved(1001, 71.5))
                    + notification("SAVE_CURRENT_DATA", "PollSession", 175091, saved(4242, 1.0))
                    + notification("SAVE_CURRENT_DATA", "PollSession", 175091, saved(1002, 72.5)));
            assertTrue(received.await(10, TimeUnit.SECONDS), "both events were taken");
            sessionsEnd.countDown();
            values = run.get(30, TimeUnit.SECONDS);
        }

        assertTrue(values.hubUsed());
        assertTrue(values.hubFailure().isEmpty());
        assertTrue(values.succeeded(), values.toString());
        assertEquals(List.of(1001, 1002, 1003), new ArrayList<>(values.points().keySet()), "a point not asked for is left out");
        CurrentValue first = values.points().get(1001);
        assertEquals(CurrentValue.Status.RECEIVED, first.status());
        assertEquals(71.5, tIn(first));
        assertEquals(DeviceDataType.CURRENT, first.record().orElseThrow().dataType());
        assertTrue(first.poll().isEmpty(), "its sessions were not read for it");
        assertEquals(72.5, tIn(values.points().get(1002)));
        CurrentValue third = values.points().get(1003);
        assertEquals(CurrentValue.Status.READ, third.status());
        assertEquals(62.5, tIn(third), "the newest record since the poll started");
        assertEquals(DeviceDataType.CURRENT, third.record().orElseThrow().dataType());
        assertEquals(PointPoll.Status.SUCCEEDED, third.poll().orElseThrow().status());
        assertEquals(175092, third.poll().orElseThrow().session().orElseThrow().getId());

        RecordedRequest start = api.requests.take();
        assertEquals("POST", start.getMethod());
        assertEquals("/api/v0.1/Poll/ManualPoll/Currents", start.getUrl().encodedPath());
        JsonObject body = JsonParser.parseString(start.getBody().utf8()).getAsJsonObject();
        assertEquals("[1001,1002,1003]", body.get("measurePoints").toString());
        assertEquals("Normal", body.get("startMode").getAsString());
        List<String> paths = api.paths();
        assertEquals(1, paths.stream().filter(p -> p.startsWith("/api/v0.1/Poll/PollSessions/MeasurePoint/")).count(), paths.toString());
        assertEquals(1, paths.stream().filter(p -> p.startsWith("/api/v1/Data/")).count(), "only the point whose event never came: " + paths);
        RecordedRequest read = api.consumptionOf(1003);
        // from the session's start (server time) less a minute, to as long after it as the client waited, plus a minute
        LocalDateTime end = LocalDateTime.of(2026, 1, 20, 12, 1, 0).plus(sleeps.stream().reduce(Duration.ZERO, Duration::plus))
                .truncatedTo(ChronoUnit.SECONDS);
        assertEquals("/api/v1/Data/MeasurePoints/1003/Consumption/2026-01-20T11:59:00/" + end, read.getUrl().encodedPath());
        assertEquals("Current", read.getUrl().queryParameter("dataTypes"));
    }

    @Test
    void withoutAHubThePollIsAwaitedAndEachPointReadFromTheArchiveAndAFailedSessionIsReported() throws Exception {
        fake.negotiateAnswer = n -> json(404, "");
        api.taskSessions = n -> n == 1
                ? "[" + session(175091, 95, null, null) + "," + session(175092, 96, null, null) + "]"
                : "[" + session(175091, 95, ENDED, "None") + "," + session(175092, 96, ENDED, "DEV_NOT_CONNECTED") + "]";
        api.pointSessions.put(1001, "[" + session(175091, 95, ENDED, "None") + "]");
        api.pointSessions.put(1002, "[" + session(175092, 96, ENDED, "DEV_NOT_CONNECTED") + "]");
        api.currents.put(1001, "[" + current("2026-01-20T12:00:30+03:00", 70.25) + "]");
        api.currents.put(1002, "[" + current("2026-01-20T12:00:30+03:00", 1.0) + "]");
        CurrentValues values;
        try (LersClient lers = lers()) {
            values = lers.currentValuesNow(List.of(1001, 1002), Duration.ofMinutes(2));
        }

        assertFalse(values.hubUsed());
        LersException why = values.hubFailure().orElseThrow();
        assertInstanceOf(LersHubException.class, why);
        assertTrue(why.getMessage().contains("404"), why.getMessage());
        assertEquals(1, fake.negotiations.size());
        assertTrue(fake.upgrades.isEmpty(), "no WebSocket without a hub");

        CurrentValue good = values.points().get(1001);
        assertEquals(CurrentValue.Status.READ, good.status());
        assertEquals(70.25, tIn(good));
        CurrentValue failed = values.points().get(1002);
        assertEquals(CurrentValue.Status.POLL_FAILED, failed.status());
        assertFalse(failed.isSuccess());
        assertTrue(failed.record().isEmpty());
        LersPointPollException error = assertInstanceOf(LersPointPollException.class, failed.error().orElseThrow());
        assertEquals(PollError.DEV_NOT_CONNECTED, error.pollError().orElseThrow());
        assertEquals(1002, error.measurePointId());
        assertTrue(error.getMessage().contains("175092") && error.getMessage().contains("DEV_NOT_CONNECTED"), error.getMessage());
        assertEquals(PollError.DEV_NOT_CONNECTED, failed.poll().orElseThrow().resultCode().orElseThrow());
        assertEquals(List.of(failed), values.failures());

        assertEquals(List.of("/api/v0.1/Poll/ManualPoll/Currents", "/api/v0.1/Poll/PollSessions/Task/3321",
                        "/api/v0.1/Poll/PollSessions/Task/3321",
                        "/api/v0.1/Poll/PollSessions/MeasurePoint/1001/2026-01-19T00:00:00/2026-01-22T00:00:00",
                        "/api/v0.1/Poll/PollSessions/MeasurePoint/1002/2026-01-19T00:00:00/2026-01-22T00:00:00",
                        "/api/v1/Data/MeasurePoints/1001/Consumption/2026-01-20T11:59:00/2026-01-20T12:01:01"),
                api.paths(), "the failed point's archive is not read");
        assertEquals(List.of(Duration.ofSeconds(1)), sleeps, "one wait between the two looks at the sessions");
    }

    @Test
    void whenTheTimeRunsOutPointsWithoutValuesAreTimedOutAndAMissedEventIsStillReadFromTheArchive() throws Exception {
        api.taskSessions = n -> "[" + session(175091, 95, null, null) + "," + session(175092, 96, ENDED, "None") + "]";
        api.currents.put(1001, "[" + current("2026-01-20T11:58:59+03:00", 50.0) + "]"); // from before the poll: not its value
        api.currents.put(1002, "[" + current("2026-01-20T12:00:30+03:00", 66.0) + "]");
        CurrentValues values;
        try (LersClient lers = lers()) {
            values = lers.currentValuesNow(List.of(1001, 1002), Duration.ofSeconds(30));
        }

        assertTrue(values.hubUsed(), "subscribed, but no event came");
        assertEquals(2, fake.nextSocket().drain().stream().filter(r -> r.contains("\"Subscribe\"")).count(), "both sessions");
        CurrentValue late = values.points().get(1001);
        assertEquals(CurrentValue.Status.TIMED_OUT, late.status());
        assertEquals(PointPoll.Status.TIMED_OUT, late.poll().orElseThrow().status());
        LersPointPollException error = assertInstanceOf(LersPointPollException.class, late.error().orElseThrow());
        assertTrue(error.getMessage().contains("PT30S"), error.getMessage());
        assertTrue(error.pollError().isEmpty());
        CurrentValue missed = values.points().get(1002);
        assertEquals(CurrentValue.Status.READ, missed.status(), "its session ended, its event was missed");
        assertEquals(66.0, tIn(missed));
        assertFalse(values.succeeded());
        assertEquals(Duration.ofSeconds(30), sleeps.stream().reduce(Duration.ZERO, Duration::plus), "no longer than asked");
        assertTrue(api.paths().stream().noneMatch(p -> p.contains("/MeasurePoint/")), "a poll not ended is not read point by point");
    }

    @Test
    void badInputFailsBeforeSendingAndARefusedStartFailsTheCall() {
        try (LersClient lers = lers()) {
            assertThrows(IllegalArgumentException.class, () -> lers.currentValuesNow(List.of(), Duration.ofMinutes(1)));
            assertThrows(IllegalArgumentException.class, () -> lers.currentValuesNow(null, Duration.ofMinutes(1)));
            assertThrows(IllegalArgumentException.class, () -> lers.currentValuesNow(List.of(1, 0), Duration.ofMinutes(1)));
            assertThrows(IllegalArgumentException.class, () -> lers.currentValuesNow(List.of(1, -2), Duration.ofMinutes(1)));
            assertThrows(NullPointerException.class, () -> lers.currentValuesNow(List.of(1), null));
            assertThrows(IllegalArgumentException.class, () -> lers.currentValuesNow(List.of(1), Duration.ofSeconds(-1)));
            assertThrows(IllegalArgumentException.class, () -> lers.currentValuesNow(List.of(1), Duration.ZERO));
            assertThrows(IllegalArgumentException.class, () -> lers.currentValuesNow(List.of(1), Duration.ofDays(2)));
        }
        assertEquals(0, server.getRequestCount());

        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                return r.getUrl().encodedPath().equals("/api/v0.1/Poll/ManualPoll/Currents")
                        ? json("{\"pollSessionId\":0,\"pollTaskId\":0,\"result\":\"NoFreePort\"}") : fake.dispatch(r);
            }
        });
        try (LersClient lers = lers()) {
            LersPollException refused = assertThrows(LersPollException.class,
                    () -> lers.currentValuesNow(List.of(1001), Duration.ofMinutes(1)));
            assertEquals("NoFreePort", refused.startResult().orElseThrow().getValue());
        }
    }
}
