package io.lers4j;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.lers4j.model.DeviceDataType;
import io.lers4j.v01.model.AccountNotification;
import io.lers4j.v01.model.NodeJob;
import io.lers4j.v01.model.PollError;
import io.lers4j.v01.model.PollPortStatus;
import io.lers4j.v01.model.Report;
import io.lers4j.v01.model.ReportExportFormat;
import io.lers4j.v01.model.ReportType;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The v0.1 API and the flows over it, on the wire: what is sent, what the caller gets. */
class V01FlowsTest extends TestSupport {

    @TempDir
    Path dir;

    /** A client whose sleeps move its clock, so waits end without waiting. */
    private LersClient lers() {
        return LersClient.builder().baseUrl(baseUrl()).token("tok-1").clock(clock)
                .sleeper(d -> {
                    sleeps.add(d);
                    clock.advance(d);
                }).build();
    }

    private static JsonObject body(RecordedRequest r) {
        return JsonParser.parseString(r.getBody().utf8()).getAsJsonObject();
    }

    private static String session(int id, int task, Integer node, String end, String resultCode) {
        return "{\"id\":" + id + ",\"commLinkType\":\"Gprs\",\"startDateTime\":\"2026-01-20T12:00:00+03:00\",\"endDateTime\":"
                + (end == null ? "null" : "\"" + end + "\"") + ",\"resultCode\":" + (resultCode == null ? "null" : "\"" + resultCode + "\"")
                + ",\"pollPortId\":2,\"nodeId\":" + node + ",\"taskId\":" + task + ",\"taskType\":\"Manual\",\"bytesSent\":1024}";
    }

    @Test
    void generatedV01CallsShareTheClientsTokenAndTypedErrors() throws Exception {
        server.enqueue(json("{\"nodes\":[{\"id\":95,\"title\":\"Котельная\",\"address\":\"ул. Ленина, 1\"}]}"));
        server.enqueue(json(403, ""));
        try (LersClient lers = lers()) {
            assertEquals("Котельная", lers.v01().nodes().getNodes().execute().getNodes().get(0).getTitle());
            LersAccessDeniedException denied = assertThrows(LersAccessDeniedException.class,
                    () -> lers.v01().accounts().getList().execute());
            assertTrue(denied.getMessage().contains("GET /api/v0.1/Admin/Accounts"), denied.getMessage());
        }
        RecordedRequest nodes = take();
        assertEquals("/api/v0.1/Core/Nodes", nodes.getUrl().encodedPath());
        assertEquals("Bearer tok-1", nodes.getHeaders().get("Authorization"));
        assertEquals("Bearer tok-1", take().getHeaders().get("Authorization"));
    }

    @Test
    void anonymousV01OperationsGoWithoutCredentials() throws Exception {
        server.enqueue(json("[]"));
        try (LersClient lers = lers()) {
            lers.v01().descriptors().getListForDataParameters().execute();
        }
        RecordedRequest r = take();
        assertEquals("/api/v0.1/Descriptors/DataParameters", r.getUrl().encodedPath());
        assertNull(r.getHeaders().get("Authorization"), "the document declares it anonymous");
    }

    @Test
    void aNonPositiveIdInAV01PathFailsBeforeSending() {
        try (LersClient lers = lers()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> lers.v01().pollSessions().getPollSessionsByTask(0).execute());
            assertTrue(e.getMessage().contains("taskId"), e.getMessage());
        }
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void currentsPollIsAwaitedUntilEverySessionOfItsTaskEnded() throws Exception {
        server.enqueue(json("{\"pollSessionId\":175091,\"pollTaskId\":3321,\"result\":\"Success\"}"));
        // first look: one session of the task still running
        server.enqueue(json("[" + session(175091, 3321, 95, "2026-01-20T12:01:00+03:00", "None") + ","
                + session(175092, 3321, 96, null, null) + "]"));
        // second look: both ended, one with an error
        server.enqueue(json("[" + session(175091, 3321, 95, "2026-01-20T12:01:00+03:00", "None") + ","
                + session(175092, 3321, 96, "2026-01-20T12:02:00+03:00", "DEV_NOT_CONNECTED") + "]"));
        // each point's sessions: 1001 by the first, 1002 by the second, 1003 by none of this task
        server.enqueue(json("[" + session(175091, 3321, 95, "2026-01-20T12:01:00+03:00", "None") + "]"));
        server.enqueue(json("[" + session(175092, 3321, 96, "2026-01-20T12:02:00+03:00", "DEV_NOT_CONNECTED") + "]"));
        server.enqueue(json("[" + session(170000, 3000, 97, "2026-01-19T12:02:00+03:00", "None") + "]"));
        PollOutcome outcome;
        try (LersClient lers = lers()) {
            ManualPoll poll = lers.pollNow().currents(List.of(1001, 1002, 1003, 1002));
            assertEquals(175091, poll.pollSessionId());
            assertEquals(3321, poll.pollTaskId().getAsInt());
            outcome = poll.await(Duration.ofMinutes(2));
        }
        RecordedRequest start = take();
        assertEquals("POST", start.getMethod());
        assertEquals("/api/v0.1/Poll/ManualPoll/Currents", start.getUrl().encodedPath());
        JsonObject sent = body(start);
        assertEquals("[1001,1002,1003]", sent.get("measurePoints").toString(), "each point once");
        assertEquals("Normal", sent.get("startMode").getAsString());
        assertEquals("/api/v0.1/Poll/PollSessions/Task/3321", take().getUrl().encodedPath());
        assertEquals("/api/v0.1/Poll/PollSessions/Task/3321", take().getUrl().encodedPath());
        RecordedRequest byPoint = take();
        assertEquals("/api/v0.1/Poll/PollSessions/MeasurePoint/1001/2026-01-19T00:00:00/2026-01-22T00:00:00",
                byPoint.getUrl().encodedPath(), "a window that holds the sessions in any time zone");
        assertEquals(List.of(Duration.ofSeconds(1)), sleeps);

        assertTrue(outcome.isComplete());
        assertFalse(outcome.succeeded());
        assertEquals(2, outcome.sessions().size());
        Map<Integer, PointPoll> points = outcome.points();
        assertEquals(List.of(1001, 1002, 1003), new ArrayList<>(points.keySet()));
        assertEquals(PointPoll.Status.SUCCEEDED, points.get(1001).status());
        assertEquals(175091, points.get(1001).session().orElseThrow().getId());
        assertEquals(PointPoll.Status.FAILED, points.get(1002).status());
        assertEquals(PollError.DEV_NOT_CONNECTED, points.get(1002).resultCode().orElseThrow());
        assertEquals(PointPoll.Status.NOT_POLLED, points.get(1003).status());
        assertEquals(2, outcome.failures().size());
    }

    @Test
    void archivePollSendsThePeriodInThePathAndTheFieldClientsBody() throws Exception {
        server.enqueue(json("{\"pollSessionId\":12,\"pollTaskId\":0,\"result\":\"Success\"}"));
        try (LersClient lers = lers()) {
            ManualPoll poll = lers.pollNow().archive(List.of(743), DeviceDataType.HOUR,
                    LocalDateTime.of(2026, 1, 19, 0, 0), LocalDateTime.of(2026, 1, 20, 0, 0));
            assertTrue(poll.pollTaskId().isEmpty());
        }
        RecordedRequest r = take();
        assertEquals("/api/v0.1/Poll/ManualPoll/Archive/2026-01-19T00:00:00/2026-01-20T00:00:00", r.getUrl().encodedPath());
        JsonObject sent = body(r);
        assertEquals("Hour", sent.get("requestedDataMask").getAsString());
        assertFalse(sent.get("absentDataOnly").getAsBoolean());
        assertEquals("[743]", sent.get("measurePoints").toString());
        assertEquals("Normal", sent.get("startMode").getAsString());
    }

    @Test
    void aPollTheServerDidNotStartFailsAndIsNotSentAgain() throws Exception {
        server.enqueue(json("{\"pollSessionId\":0,\"pollTaskId\":0,\"result\":\"NoFreePort\"}"));
        server.enqueue(json("{\"pollSessionId\":0,\"pollTaskId\":0,\"result\":\"Success\"}"));
        try (LersClient lers = lers()) {
            LersPollException refused = assertThrows(LersPollException.class, () -> lers.pollNow().currents(List.of(1)));
            assertEquals("NoFreePort", refused.startResult().orElseThrow().getValue());
            assertEquals(PollNow.CURRENTS, refused.operation());
            LersPollException noSession = assertThrows(LersPollException.class, () -> lers.pollNow().currents(List.of(1)));
            assertTrue(noSession.startResult().isEmpty());
            assertTrue(noSession.getMessage().contains("pollSessionId 0"), noSession.getMessage());
        }
        assertEquals(2, server.getRequestCount(), "each POST once");
    }

    @Test
    void aPollThatOutlastsTheWaitReportsItsPointsTimedOut() throws Exception {
        server.enqueue(json("{\"pollSessionId\":5,\"pollTaskId\":0,\"result\":\"Success\"}"));
        for (int i = 0; i < 20; i++) {
            server.enqueue(json("[" + session(5, 0, 95, null, null) + "]"));
        }
        PollOutcome outcome;
        try (LersClient lers = lers()) {
            outcome = lers.pollNow().currents(List.of(1001)).await(Duration.ofSeconds(30));
        }
        assertFalse(outcome.isComplete());
        assertEquals(PointPoll.Status.TIMED_OUT, outcome.points().get(1001).status());
        assertEquals(Duration.ofSeconds(30), sleeps.stream().reduce(Duration.ZERO, Duration::plus), "no longer than asked");
        assertTrue(sleeps.stream().allMatch(d -> d.compareTo(ManualPoll.MAX_INTERVAL) <= 0), sleeps.toString());
        assertEquals(Duration.ofMillis(1500), sleeps.get(1), "intervals grow");
        take();
        assertEquals("/api/v0.1/Poll/PollSessions/2026-01-19T00:00:00/2026-01-22T00:00:00", take().getUrl().encodedPath(),
                "without a task, the period's sessions");
    }

    @Test
    void aServerWithoutTheTaskRouteIsAskedForThePeriod() throws Exception {
        server.enqueue(json("{\"pollSessionId\":7,\"pollTaskId\":70,\"result\":\"Success\"}"));
        server.enqueue(json(404, ""));
        server.enqueue(json("[" + session(6, 60, 95, null, null) + "," + session(7, 70, 95, "2026-01-20T12:01:00+03:00", null) + "]"));
        server.enqueue(json("[" + session(7, 70, 95, "2026-01-20T12:01:00+03:00", null) + "]"));
        PollOutcome outcome;
        try (LersClient lers = lers()) {
            outcome = lers.pollNow().currents(List.of(1001)).await(Duration.ofMinutes(1));
        }
        assertTrue(outcome.succeeded(), "a session without resultCode ended well: " + outcome);
        assertEquals(1, outcome.sessions().size(), "another task's session is not this poll's");
    }

    @Test
    void pollInputIsCheckedBeforeSending() {
        try (LersClient lers = lers()) {
            assertThrows(IllegalArgumentException.class, () -> lers.pollNow().currents(List.of()));
            assertThrows(IllegalArgumentException.class, () -> lers.pollNow().currents(List.of(1, -2)));
            assertThrows(IllegalArgumentException.class, () -> lers.pollNow().archive(List.of(1), DeviceDataType.DAY,
                    LocalDateTime.of(2026, 2, 1, 0, 0), LocalDateTime.of(2026, 1, 1, 0, 0)));
        }
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void aReportIsListedExportedAndDownloadedToADirectory() throws Exception {
        byte[] pdf = ("%PDF-1.4\n" + "x".repeat(200_000)).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        server.enqueue(json("[{\"id\":8,\"title\":\"Состояние системы\",\"reportType\":\"SystemState\"}]"));
        server.enqueue(json("{\"fileName\":\"Состояние системы.pdf\",\"downloadKey\":\"k-7f3a\"}"));
        server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/pdf").body(new okio.Buffer().write(pdf)).build());
        List<long[]> progress = new ArrayList<>();
        Path written;
        ExportedReport file;
        try (LersClient lers = lers()) {
            List<Report> forms = lers.reportFiles().list(ReportType.SYSTEM_STATE);
            assertEquals(8, forms.get(0).getId());
            file = lers.reportFiles().export(8, ReportExportFormat.PDF, LocalDateTime.of(2026, 1, 1, 0, 0), LocalDateTime.of(2026, 1, 20, 0, 0));
            written = lers.reportFiles().download(file, dir, (read, total) -> progress.add(new long[]{read, total}));
        }
        assertFalse(file.toString().contains("k-7f3a"), file.toString());
        RecordedRequest list = take();
        assertEquals("/api/v0.1/Reporting/Reports", list.getUrl().encodedPath());
        assertEquals("SystemState", list.getUrl().queryParameter("reportType"));
        RecordedRequest export = take();
        assertEquals("POST", export.getMethod());
        assertEquals("/api/v0.1/Reporting/Generate/Exported/8", export.getUrl().encodedPath());
        assertEquals("false", export.getUrl().queryParameter("merged"));
        JsonObject sent = body(export);
        assertEquals("2026-01-01T00:00:00", sent.getAsJsonObject("generateOptions").get("startDate").getAsString());
        assertEquals("2026-01-20T00:00:00", sent.getAsJsonObject("generateOptions").get("endDate").getAsString());
        assertEquals("Pdf", sent.getAsJsonObject("exportOptions").get("exportFormat").getAsString());
        RecordedRequest download = take();
        assertEquals("/api/v0.1/Downloads/k-7f3a/" + okhttp3.HttpUrl.parse("http://x/Состояние системы.pdf").encodedPathSegments().get(0),
                download.getUrl().encodedPath());
        assertNull(download.getHeaders().get("Authorization"), "downloads are anonymous");

        assertEquals(dir.resolve("Состояние системы.pdf"), written);
        assertArrayEquals(pdf, Files.readAllBytes(written));
        long[] last = progress.get(progress.size() - 1);
        assertEquals(pdf.length, last[0]);
        assertEquals(pdf.length, last[1]);
        assertTrue(progress.size() >= 3, "reported on the way, not only at the end");
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }

    @Test
    void aDownloadWithoutItsNamedRouteFallsBackToTheKeyAlone() throws Exception {
        server.enqueue(json(404, ""));
        server.enqueue(new MockResponse.Builder().body("a;b\n1;2\n").build());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (LersClient lers = lers()) {
            assertEquals(8, lers.reportFiles().download(new ExportedReport("k-1", "r.csv"), out, DownloadProgress.NONE));
        }
        assertEquals("/api/v0.1/Downloads/k-1/r.csv", take().getUrl().encodedPath());
        assertEquals("/api/v0.1/Downloads/k-1", take().getUrl().encodedPath());
        assertEquals("a;b\n1;2\n", out.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void aBrokenDownloadIsFetchedAgainIntoAFileButNotIntoAStream() throws Exception {
        String content = "y".repeat(300_000);
        server.enqueue(new MockResponse.Builder().body(content).onResponseBody(new SocketEffect.CloseSocket(true, true, true)).build());
        server.enqueue(new MockResponse.Builder().body(content).build());
        Path target = dir.resolve("out.xlsx");
        try (LersClient lers = lers()) {
            lers.reportFiles().download(new ExportedReport("k-2", "out.xlsx"), target, DownloadProgress.NONE);
        }
        assertEquals(content, Files.readString(target), "the second answer, whole, and nothing of the first");
        assertEquals(2, server.getRequestCount());

        server.enqueue(new MockResponse.Builder().body(content).onResponseBody(new SocketEffect.CloseSocket(true, true, true)).build());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (LersClient lers = lers()) {
            LersException e = assertThrows(LersException.class,
                    () -> lers.reportFiles().download(new ExportedReport("secret-key-9", "out.xlsx"), out, DownloadProgress.NONE));
            assertFalse(e.getMessage().contains("secret-key-9"), e.getMessage());
            assertFalse(e.operation().contains("secret-key-9"), e.operation());
            assertEquals("GET /api/v0.1/Downloads/*/out.xlsx", e.operation());
        }
        assertEquals(3, server.getRequestCount(), "what was written to the caller's stream is not written twice");
    }

    @Test
    void aReportServerFileNameCannotLeaveTheDirectory() {
        assertEquals("passwd", ReportFiles.safeName(new ExportedReport("k", "../../etc/passwd")));
        assertEquals("a_b.pdf", ReportFiles.safeName(new ExportedReport("k", "a:b.pdf")));
        assertEquals("report", ReportFiles.safeName(new ExportedReport("k", "..")));
        assertEquals("report", ReportFiles.safeName(new ExportedReport("k", null)));
    }

    @Test
    void notificationsOfAPeriodAreReadAndMarked() throws Exception {
        server.enqueue(json("{\"notifications\":[{\"notificationId\":41,\"accountId\":1,\"isRead\":false,"
                + "\"notification\":{\"id\":41,\"type\":\"Incident\",\"dateTime\":\"2026-01-19T08:00:00+03:00\","
                + "\"message\":\"Нет связи\",\"importance\":\"Warn\",\"incidentId\":900}},null],\"incidents\":[]}"));
        server.enqueue(json(200, ""));
        server.enqueue(json("{\"total\":3}"));
        try (LersClient lers = lers()) {
            List<AccountNotification> list = lers.notificationCentre()
                    .forPeriod(LocalDateTime.of(2025, 12, 21, 0, 0), LocalDateTime.of(2026, 1, 20, 0, 0));
            assertEquals(1, list.size(), "a null item is dropped, not passed on");
            assertEquals("Incident", list.get(0).getNotification().getType().getValue());
            lers.notificationCentre().markRead(41);
            assertEquals(3, lers.notificationCentre().unreadCount());
            assertThrows(IllegalArgumentException.class, () -> lers.notificationCentre().markRead(0));
        }
        assertEquals("/api/v0.1/Notifications/2025-12-21T00:00:00/2026-01-20T00:00:00", take().getUrl().encodedPath());
        RecordedRequest mark = take();
        assertEquals("PUT", mark.getMethod());
        assertEquals("/api/v0.1/Notifications/Mark", mark.getUrl().encodedPath());
        assertEquals("41", mark.getUrl().queryParameter("id"));
        assertEquals("true", mark.getUrl().queryParameter("read"));
        assertEquals("/api/v0.1/Notifications/Unread/Count", take().getUrl().encodedPath());
    }

    @Test
    void incompleteNodeJobsAndPollPortStatus() throws Exception {
        server.enqueue(json("{\"nodeJobList\":[{\"id\":3,\"nodeId\":95,\"title\":\"Поверка\",\"state\":\"Overdue\"}],"
                + "\"nodes\":{\"95\":{\"id\":95,\"title\":\"Котельная\"}}}"));
        server.enqueue(json("{\"total\":4,\"free\":3,\"active\":1,\"blocked\":0,\"pollServices\":1}"));
        try (LersClient lers = lers()) {
            List<NodeJob> jobs = lers.incompleteNodeJobs();
            assertEquals("Overdue", jobs.get(0).getState().getValue());
            PollPortStatus status = lers.pollPortStatus();
            assertEquals(1, status.getActive());
        }
        RecordedRequest jobs = take();
        assertEquals("/api/v0.1/Core/NodeJobs", jobs.getUrl().encodedPath());
        assertEquals("true", jobs.getUrl().queryParameter("incomplete"));
        assertEquals("/api/v0.1/Poll/PollPorts/Status", take().getUrl().encodedPath());
    }
}
