package io.lers4j.emulator;

import io.lers4j.api.MeasurePointConsumptionApi;
import io.lers4j.api.MeasurePointDataApi;
import io.lers4j.api.MeasurePointLastDataApi;
import io.lers4j.api.MeasurePointsPollApi;
import io.lers4j.invoker.ApiClient;
import io.lers4j.invoker.ApiException;
import io.lers4j.model.DataParameterValue;
import io.lers4j.model.MeasurePointDataConsumptionRecord;
import io.lers4j.model.MeasurePointLastConsumption;
import io.lers4j.model.SaveConsumptionParameters;
import io.lers4j.model.SaveDataRequestParams;
import io.lers4j.types.LersDateTime;
import io.lers4j.v01.api.V01Services;
import io.lers4j.v01.model.DeviceDataType;
import io.lers4j.v01.model.ManualPollResponseParameters;
import io.lers4j.v01.model.PollArchiveRequestParameters;
import io.lers4j.v01.model.PollCurrentRequestParameters;
import io.lers4j.v01.model.PollError;
import io.lers4j.v01.model.PollManualStartMode;
import io.lers4j.v01.model.PollManualStartResult;
import io.lers4j.v01.model.PollPortStatus;
import io.lers4j.v01.model.PollSession;
import io.lers4j.v01.model.PollSessionLogMessage;
import io.lers4j.v01.model.PollTaskType;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Manual polls (v0.1 and v1): tasks, one session per node, their end on the clock, what they store, faults. */
class ManualPollTest {

    private static final Duration POLL = Duration.ofSeconds(2);

    private static TestSupport.MutableClock clock;
    private static LersEmulator lers;
    private static ApiClient client;
    private static V01Services v01;
    private static final List<Integer> ended = new CopyOnWriteArrayList<>();
    /** Two points of one node and a point of another. */
    private static int a1;
    private static int a2;
    private static int b1;

    @BeforeAll
    static void start() {
        clock = new TestSupport.MutableClock(TestSupport.NOW);
        lers = LersEmulator.builder().clock(clock).pollDuration(POLL).start();
        lers.pollSessions().addListener(s -> ended.add(s.id));
        client = TestSupport.demo(lers);
        v01 = new V01Services(client);
        DataSet.NodeInfo first = lers.dataSet().nodes().get(0);
        a1 = first.measurePointIds().get(0);
        a2 = first.measurePointIds().get(1);
        b1 = lers.dataSet().nodes().get(1).measurePointIds().get(0);
    }

    @AfterEach
    void endRunningPolls() {
        lers.faults().reset();
        clock.advance(POLL);
    }

    @AfterAll
    static void stop() {
        lers.close();
    }

    private static LocalDateTime now() {
        return LocalDateTime.ofInstant(clock.instant(), LersEmulator.SERVER_OFFSET);
    }

    private static List<PollSession> ofTask(int taskId) {
        return v01.pollSessions().getPollSessionsByTask(taskId).execute();
    }

    /** LersBot's body: currents through the archive route, forced. */
    private static ManualPollResponseParameters pollCurrentsAsLersBot(Integer... points) {
        LersDateTime at = LersDateTime.of(now());
        return v01.manualPoll().pollArchive(at, at).body(new PollArchiveRequestParameters().absentDataOnly(false)
                .requestedDataMask(DeviceDataType.CURRENT).measurePoints(List.of(points))
                .startMode(PollManualStartMode.FORCE)).execute();
    }

    @Test
    void aStartMakesOneTaskAndOneSessionPerNodeThatRunsForTheDurationThenEndsWithNone() {
        LocalDateTime started = now();
        ManualPollResponseParameters start = pollCurrentsAsLersBot(a1, a2, b1);
        assertEquals(PollManualStartResult.SUCCESS, start.getResult());
        List<PollSession> sessions = ofTask(start.getPollTaskId());
        assertEquals(2, sessions.size(), "one session per node");
        assertEquals(start.getPollSessionId(), sessions.get(0).getId());
        assertEquals(sessions.get(0).getId() + 1, sessions.get(1).getId());
        assertEquals(List.of(lers.dataSet().measurePoint(a1).nodeId(), lers.dataSet().measurePoint(b1).nodeId()),
                List.of(sessions.get(0).getNodeId(), sessions.get(1).getNodeId()));
        for (PollSession s : sessions) {
            assertEquals(start.getPollTaskId(), s.getTaskId());
            assertEquals(PollTaskType.MANUAL, s.getTaskType());
            assertEquals(started, s.getStartDateTime().toLocalDateTime());
            assertEquals(LersEmulator.SERVER_OFFSET, s.getStartDateTime().offset().orElseThrow());
            assertNull(s.getEndDateTime(), "running");
            assertNull(s.getResultCode(), "running");
            assertEquals("GPRS-сервер", s.getPollPortTitle());
        }
        PollPortStatus busy = v01.pollPorts().getStatus().execute();
        assertEquals(1, busy.getActive());
        assertEquals(0, busy.getFree());
        assertEquals(sessions.size(), v01.pollSessions().getPollSessionsByPort(1).execute().size());

        clock.advance(POLL.minusMillis(1));
        assertNull(ofTask(start.getPollTaskId()).get(0).getResultCode(), "still running a millisecond before its end");
        clock.advance(Duration.ofMillis(1));
        for (PollSession s : ofTask(start.getPollTaskId())) {
            assertEquals(started.plus(POLL), s.getEndDateTime().toLocalDateTime());
            assertEquals(PollError.NONE, s.getResultCode());
            assertEquals((int) POLL.toSeconds(), s.getCallDuration());
            assertTrue(s.getBytesReceived() > 0);
            assertTrue(ended.contains(s.getId()), "the listener heard the session end");
        }
        PollPortStatus idle = v01.pollPorts().getStatus().execute();
        assertEquals(0, idle.getActive());
        assertEquals(1, idle.getFree());
        assertTrue(v01.pollSessions().getPollSessionsByPort(1).execute().isEmpty());
    }

    @Test
    void whatAPollOfCurrentsReadsIsInTheArchiveWhenItsSessionEnds() {
        LocalDateTime end = now().plus(POLL);
        pollCurrentsAsLersBot(a1);
        LersDateTime at = LersDateTime.of(end);
        assertTrue(new MeasurePointConsumptionApi(client).getConsumption(a1, at, at)
                .dataTypes(List.of(io.lers4j.model.DeviceDataType.CURRENT)).execute().getCurrentConsumption().isEmpty());
        clock.advance(POLL);
        MeasurePointLastConsumption last = new MeasurePointLastDataApi(client).getMeasurePointLastConsumption(a1).execute();
        assertEquals(io.lers4j.model.DeviceDataType.CURRENT, last.getDataType());
        assertEquals(end, last.getDateTime().toLocalDateTime());
        List<MeasurePointDataConsumptionRecord> currents = new MeasurePointConsumptionApi(client).getConsumption(a1, at, at)
                .dataTypes(List.of(io.lers4j.model.DeviceDataType.CURRENT)).execute().getCurrentConsumption();
        assertEquals(1, currents.size());
        assertEquals(lers.dataSet().measurePoint(a1).parameters().size(), currents.get(0).getValues().size());
    }

    @Test
    void aV1PollOfCurrentsIsASessionLikeV01s() {
        int session = new MeasurePointsPollApi(client).pollCurrentsV1(b1).execute().getPollSessionId();
        PollSession s = v01.pollSessions().getPollSessionsByMeasurePoint(b1, LersDateTime.of(now().minusMinutes(1)),
                LersDateTime.of(now())).execute().stream().filter(x -> x.getId() == session).findFirst().orElseThrow();
        assertNull(s.getResultCode());
        clock.advance(POLL);
        assertEquals(PollError.NONE, v01.pollSessions().getPollSessionsByTask(s.getTaskId()).execute().get(0).getResultCode());
    }

    @Test
    void theGoClientsBodyOf2024IsReadAsTheServerReadsIt() throws Exception {
        String body = "{\"requestedDataTypes\":[\"Hour\"],\"absentDataOnly\":true,\"additional\":{\"detectDevice\":false,"
                + "\"connectionTimeOut\":600,\"debugEnabled\":false,\"gprsAutoDisconnect\":false,"
                + "\"performTimeCorrection\":false,\"ignoreTimeDifference\":false,\"responseDelay\":0,\"controlLoad\":\"None\"},"
                + "\"measurePoints\":[" + a1 + "],\"userConnectionId\":\"\",\"startType\":\"Normal\"}";
        String token = TestSupport.token(lers, "demo", "demo");
        int session;
        try (Response r = TestSupport.send(new Request.Builder()
                .url(lers.baseUrl() + "/api/v0.1/Poll/ManualPoll/Archive/2026-03-14T00:00:00Z/2026-03-14T02:00:00Z")
                .header("Authorization", "Bearer " + token)
                .post(RequestBody.create(body, MediaType.get("application/json"))).build())) {
            assertEquals(200, r.code());
            ManualPollResponseParameters answer = io.lers4j.invoker.JSON.getGson().fromJson(r.body().string(),
                    ManualPollResponseParameters.class);
            assertEquals(PollManualStartResult.SUCCESS, answer.getResult());
            session = answer.getPollSessionId();
        }
        List<PollSessionLogMessage> log = v01.pollSessions().handleGetLog(session).execute();
        assertTrue(log.stream().anyMatch(m -> m.getMessage().endsWith(": Hour")), "the session reads the hour archive");
    }

    @Test
    void aFailingPointEndsItsNodesSessionWithThePollErrorAndReadsNothing() {
        lers.faults().pollFails(b1, "DEV_NOT_CONNECTED");
        LocalDateTime end = now().plus(POLL);
        ManualPollResponseParameters start = v01.manualPoll().pollCurrents()
                .body(new PollCurrentRequestParameters().measurePoints(List.of(a1, b1))).execute();
        clock.advance(POLL);
        List<PollSession> sessions = ofTask(start.getPollTaskId());
        assertEquals(PollError.NONE, sessions.get(0).getResultCode());
        assertEquals(PollError.DEV_NOT_CONNECTED, sessions.get(1).getResultCode());
        assertEquals(end, sessions.get(1).getEndDateTime().toLocalDateTime());
        LersDateTime at = LersDateTime.of(end);
        MeasurePointConsumptionApi read = new MeasurePointConsumptionApi(client);
        assertEquals(1, read.getConsumption(a1, at, at).dataTypes(List.of(io.lers4j.model.DeviceDataType.CURRENT))
                .execute().getCurrentConsumption().size());
        assertTrue(read.getConsumption(b1, at, at).dataTypes(List.of(io.lers4j.model.DeviceDataType.CURRENT))
                .execute().getCurrentConsumption().isEmpty());
        assertTrue(v01.pollSessions().handleGetLog(sessions.get(1).getId()).execute().stream()
                .anyMatch(m -> m.getMessage().contains("DEV_NOT_CONNECTED")));
    }

    @Test
    void refusedStartsAndStartsWithoutASessionAreWhatFieldClientsRetry() {
        lers.faults().pollStartRefused("NoFreePort", 1).pollStartWithoutSession(1);
        ManualPollResponseParameters refused = pollCurrentsAsLersBot(a1);
        assertEquals(PollManualStartResult.NO_FREE_PORT, refused.getResult());
        assertEquals(0, refused.getPollSessionId());
        assertEquals(0, refused.getPollTaskId());
        ManualPollResponseParameters queued = pollCurrentsAsLersBot(a1);
        assertEquals(PollManualStartResult.SUCCESS, queued.getResult());
        assertEquals(0, queued.getPollSessionId());
        assertTrue(ofTask(queued.getPollTaskId()).isEmpty(), "no session started");
        ManualPollResponseParameters retried = pollCurrentsAsLersBot(a1);
        assertEquals(PollManualStartResult.SUCCESS, retried.getResult());
        assertNotEquals(0, retried.getPollSessionId());
        assertThrows(IllegalArgumentException.class, () -> lers.faults().pollStartRefused("Success", 1));
        assertThrows(IllegalArgumentException.class, () -> lers.faults().pollFails(a1, "None"));
    }

    @Test
    void unknownPointsAreRefusedMissingOnesAreABindingErrorAndViewersMayNotPoll() {
        ApiException unknown = assertThrows(ApiException.class, () -> pollCurrentsAsLersBot(424242));
        assertEquals(422, unknown.getCode());
        assertTrue(unknown.getResponseBody().contains("\"errorCode\":2"), unknown.getResponseBody());
        ApiException missing = assertThrows(ApiException.class,
                () -> v01.manualPoll().pollCurrents().body(new PollCurrentRequestParameters()).execute());
        assertEquals(400, missing.getCode());
        V01Services viewer = new V01Services(TestSupport.as(lers, "viewer", "viewer"));
        ApiException forbidden = assertThrows(ApiException.class, () -> viewer.manualPoll().pollCurrents()
                .body(new PollCurrentRequestParameters().measurePoints(List.of(a1))).execute());
        assertEquals(403, forbidden.getCode());
        assertFalse(viewer.pollSessions().getPollSessions(LersDateTime.of(now().minusDays(1)), LersDateTime.of(now()))
                .execute().isEmpty(), "viewers see the sessions");
    }

    private static List<Integer> sessionIds(String start, String end) throws Exception {
        String token = TestSupport.token(lers, "demo", "demo");
        try (Response r = TestSupport.send(new Request.Builder()
                .url(lers.baseUrl() + "/api/v0.1/Poll/PollSessions/" + start + "/" + end)
                .header("Authorization", "Bearer " + token).build())) {
            assertEquals(200, r.code());
            List<Integer> ids = new ArrayList<>();
            com.google.gson.JsonParser.parseString(r.body().string()).getAsJsonArray()
                    .forEach(s -> ids.add(s.getAsJsonObject().get("id").getAsInt()));
            return ids;
        }
    }

    @Test
    void sessionsOfAPeriodAreTheOnesStartedInItWithTheDatesFieldClientsSend() throws Exception {
        ManualPollResponseParameters start = pollCurrentsAsLersBot(a1, b1);
        String today = now().toLocalDate().toString();
        String tomorrow = now().toLocalDate().plusDays(1).toString();
        String hour = now().withMinute(0).withSecond(0).withNano(0).toString();
        assertTrue(sessionIds(today, tomorrow).contains(start.getPollSessionId()));
        assertTrue(sessionIds(hour + ":00", now().withMinute(59).withSecond(0).withNano(0) + ":00")
                .contains(start.getPollSessionId()));
        assertFalse(sessionIds(now().toLocalDate().minusDays(1).toString(), today + "T00:00:00")
                .contains(start.getPollSessionId()));
        LersDateTime from = LersDateTime.of(now().minusMinutes(1));
        LersDateTime to = LersDateTime.of(now());
        List<PollSession> ofPoint = v01.pollSessions().getPollSessionsByMeasurePoint(b1, from, to).execute();
        assertTrue(ofPoint.stream().allMatch(s -> s.getNodeId() == lers.dataSet().measurePoint(b1).nodeId()));
        assertTrue(ofPoint.stream().anyMatch(s -> s.getId() == start.getPollSessionId() + 1));
        int modem = lers.dataSet().equipment().stream()
                .filter(e -> e.nodeId() == lers.dataSet().measurePoint(a1).nodeId())
                .filter(e -> e.model().startsWith("iRZ") || e.model().startsWith("АДС")).findFirst().orElseThrow().id();
        List<PollSession> ofModem = v01.pollSessions().getPollSessionsByEquipment(modem, from, to).execute();
        assertTrue(ofModem.stream().anyMatch(s -> s.getId().equals(start.getPollSessionId())));
        assertTrue(ofModem.stream().allMatch(s -> s.getCommEquipmentId() == modem));
    }

    @Test
    void anArchivePollRereadsTheDevicesRecordsOverWhatAClientStoredUnlessOnlyAbsentDataIsAsked() {
        LersDateTime hour = LersDateTime.of(LocalDateTime.of(2026, 3, 14, 5, 0));
        MeasurePointConsumptionApi read = new MeasurePointConsumptionApi(client);
        double computed = tIn(read.getConsumption(a2, hour, hour).dataTypes(List.of(io.lers4j.model.DeviceDataType.HOUR))
                .execute().getHourConsumption().get(0));
        new MeasurePointDataApi(client).saveData(a2).overwriteExisting(true).body(new SaveDataRequestParams()
                .consumption(new SaveConsumptionParameters().dataType(io.lers4j.model.DeviceDataType.HOUR)
                        .consumption(List.of(new MeasurePointDataConsumptionRecord().dateTime(hour).values(List.of(
                                new DataParameterValue().dataParameter(io.lers4j.model.DataParameter.T_IN).value(99.0)))))))
                .execute();
        poll(hour, true);
        MeasurePointDataConsumptionRecord kept = read.getConsumption(a2, hour, hour)
                .dataTypes(List.of(io.lers4j.model.DeviceDataType.HOUR)).execute().getHourConsumption().get(0);
        assertEquals(99.0, tIn(kept), "absentDataOnly keeps the records the server has");
        poll(hour, false);
        MeasurePointDataConsumptionRecord reread = read.getConsumption(a2, hour, hour)
                .dataTypes(List.of(io.lers4j.model.DeviceDataType.HOUR)).execute().getHourConsumption().get(0);
        assertEquals(computed, tIn(reread), "the device's value again");
        assertTrue(reread.getAttributes().isEmpty(), "no longer ExternalData");
    }

    private void poll(LersDateTime hour, boolean absentOnly) {
        ManualPollResponseParameters start = v01.manualPoll().pollArchive(hour, hour).body(new PollArchiveRequestParameters()
                .requestedDataMask(DeviceDataType.HOUR).absentDataOnly(absentOnly).measurePoints(List.of(a2))).execute();
        assertNotNull(start.getPollSessionId());
        clock.advance(POLL);
        assertEquals(PollError.NONE, ofTask(start.getPollTaskId()).get(0).getResultCode());
    }

    private static double tIn(MeasurePointDataConsumptionRecord r) {
        for (DataParameterValue v : r.getValues()) {
            if (v.getDataParameter().equals(io.lers4j.model.DataParameter.T_IN)) {
                return v.getValue();
            }
        }
        throw new AssertionError("no T_in in " + r);
    }
}
