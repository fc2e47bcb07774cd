package io.lers4j;

import io.lers4j.emulator.DataSet;
import io.lers4j.emulator.LersEmulator;
import io.lers4j.model.DeviceDataType;
import io.lers4j.model.IncidentImportance;
import io.lers4j.model.IncidentType;
import io.lers4j.v01.model.AccountNotification;
import io.lers4j.v01.model.PollError;
import io.lers4j.v01.model.Report;
import io.lers4j.v01.model.ReportExportFormat;
import io.lers4j.v01.model.ReportType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The v0.1 flows against the emulator: what they start and read is what the server holds. */
class V01FlowsEmulatorTest {

    @TempDir
    Path dir;

    private static LersEmulator server;

    @BeforeAll
    static void start() {
        server = LersEmulator.builder().measurePoints(14).nodes(4).pollDuration(Duration.ofMillis(300)).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static LersClient lers() {
        return LersClient.builder().baseUrl(server.baseUrl())
                .credentials(LersEmulator.DEFAULT_LOGIN, LersEmulator.DEFAULT_PASSWORD).build();
    }

    @Test
    void aPollOfCurrentsEndsWithEachPointsResultAndStoresWhatItRead() {
        List<DataSet.NodeInfo> nodes = server.dataSet().nodes();
        int good = nodes.get(0).measurePointIds().get(0);
        int failing = nodes.get(1).measurePointIds().get(0);
        server.faults().pollFails(failing, "DEV_NOT_CONNECTED");
        try (LersClient lers = lers()) {
            LocalDateTime before = LocalDateTime.now(server.dataSet().serverOffset()).minusMinutes(1);
            ManualPoll poll = lers.pollNow().currents(List.of(good, failing));
            PollOutcome outcome = poll.await(Duration.ofSeconds(30), Duration.ofMillis(100));
            assertTrue(outcome.isComplete(), outcome.toString());
            assertEquals(2, outcome.sessions().size(), "one session per node");
            assertEquals(PointPoll.Status.SUCCEEDED, outcome.points().get(good).status());
            assertEquals(PointPoll.Status.FAILED, outcome.points().get(failing).status());
            assertEquals(PollError.DEV_NOT_CONNECTED, outcome.points().get(failing).resultCode().orElseThrow());
            assertFalse(outcome.succeeded());

            List<MeterRecord> currents = lers.consumption(good, DeviceDataType.CURRENT, before, before.plusMinutes(10)).toList();
            assertEquals(1, currents.size(), "the poll stored the point's current values");
            assertFalse(currents.get(0).values().isEmpty());
        } finally {
            server.faults().reset();
        }
    }

    @Test
    void currentValuesNowWithTheHubDownAreTheRecordsThePollStoredAndAFailingPointIsReported() {
        List<DataSet.NodeInfo> nodes = server.dataSet().nodes();
        // a failing point fails its node's whole session: it gets a node of its own
        int failing = nodes.get(nodes.size() - 1).measurePointIds().get(0);
        List<Integer> ids = new ArrayList<>();
        for (DataSet.NodeInfo node : nodes.subList(0, nodes.size() - 1)) {
            node.measurePointIds().stream().limit(5 - ids.size()).forEach(ids::add);
        }
        assertEquals(5, ids.size(), "five points on the other nodes");
        ids.add(failing);
        server.faults().pollFails(failing, "DEV_NOT_CONNECTED");
        server.faults().hubNegotiateRefused(404, 100); // a server without the hub
        try (LersClient lers = lers()) {
            LocalDateTime asked = LocalDateTime.now(server.dataSet().serverOffset()).withNano(0);
            CurrentValues values = lers.currentValuesNow(ids, Duration.ofSeconds(30));

            assertFalse(values.hubUsed(), "the hub could not be reached");
            assertTrue(values.hubFailure().orElseThrow().getMessage().contains("404"), values.hubFailure().toString());
            assertEquals(ids, new ArrayList<>(values.points().keySet()));
            for (int id : ids.subList(0, 5)) {
                CurrentValue value = values.points().get(id);
                assertEquals(CurrentValue.Status.READ, value.status(), value.toString());
                MeterRecord record = value.record().orElseThrow();
                List<MeterRecord> stored = lers.consumption(id, DeviceDataType.CURRENT, asked.minusMinutes(1),
                        asked.plusMinutes(10)).toList();
                MeterRecord newest = stored.get(stored.size() - 1);
                assertFalse(newest.dateTime().toLocalDateTime().isBefore(asked), "the record of this poll: " + stored);
                assertEquals(newest.dateTime(), record.dateTime());
                assertEquals(newest.values(), record.values());
                assertFalse(record.values().isEmpty());
                assertEquals(DeviceDataType.CURRENT, record.dataType());
            }
            CurrentValue failed = values.points().get(failing);
            assertEquals(CurrentValue.Status.POLL_FAILED, failed.status());
            assertEquals(PollError.DEV_NOT_CONNECTED,
                    ((LersPointPollException) failed.error().orElseThrow()).pollError().orElseThrow());
            assertEquals(List.of(failed), values.failures());
        } finally {
            server.faults().reset();
        }
    }

    @Test
    void aPollTheServerRefusesIsReported() {
        server.faults().pollStartRefused("NoFreePort", 1);
        try (LersClient lers = lers()) {
            LersPollException e = assertThrows(LersPollException.class,
                    () -> lers.pollNow().currents(List.of(server.dataSet().measurePoints().get(0).id())));
            assertEquals("NoFreePort", e.startResult().orElseThrow().getValue());
        } finally {
            server.faults().reset();
        }
    }

    @Test
    void anArchivePollRunsForItsPeriod() {
        int point = server.dataSet().measurePoints().get(0).id();
        LocalDateTime to = server.lastCompletedHour();
        try (LersClient lers = lers()) {
            PollOutcome outcome = lers.pollNow().archive(List.of(point), DeviceDataType.HOUR, to.minusDays(1), to)
                    .await(Duration.ofSeconds(30), Duration.ofMillis(100));
            assertTrue(outcome.succeeded(), outcome.toString());
            assertTrue(lers.consumption(point, DeviceDataType.HOUR, to.minusDays(1), to).toList().size() >= 23);
        }
    }

    @Test
    void aSystemStateReportIsExportedAndDownloadedInEitherForm() throws Exception {
        try (LersClient lers = lers()) {
            List<Report> forms = lers.reportFiles().list(ReportType.SYSTEM_STATE);
            assertFalse(forms.isEmpty());
            LocalDateTime to = server.lastCompletedHour();
            ExportedReport pdf = lers.reportFiles().export(forms.get(0).getId(), ReportExportFormat.PDF, to.minusDays(30), to);
            List<Long> progress = new ArrayList<>();
            Path file = lers.reportFiles().download(pdf, dir, (read, total) -> progress.add(read));
            assertTrue(new String(Files.readAllBytes(file), 0, 4, java.nio.charset.StandardCharsets.US_ASCII).equals("%PDF"));
            assertEquals(Files.size(file), progress.get(progress.size() - 1));

            ExportedReport xlsx = lers.reportFiles().export(forms.get(0).getId(), ReportExportFormat.XLSX, to.minusDays(30), to);
            ByteArrayOutputStream byKey = new ByteArrayOutputStream();
            lers.reportFiles().download(new ExportedReport(xlsx.downloadKey(), null), byKey, DownloadProgress.NONE);
            assertEquals('P', byKey.toByteArray()[0]);
            assertEquals('K', byKey.toByteArray()[1]);
        }
    }

    @Test
    void anIncidentRaisesANotificationThatIsMarkedRead() {
        DataSet.MeasurePointInfo point = server.dataSet().measurePoints().get(0);
        try (LersClient lers = lers()) {
            int incident = lers.createIncident(point.nodeId(), point.id(), IncidentType.CUSTOM, IncidentImportance.WARNING,
                    "Нет связи с прибором (v0.1 test)");
            LocalDateTime now = LocalDateTime.now(server.dataSet().serverOffset());
            List<AccountNotification> list = lers.notificationCentre().forPeriod(now.minusDays(1), now.plusDays(1));
            AccountNotification raised = list.stream()
                    .filter(n -> n.getNotification() != null && Integer.valueOf(incident).equals(n.getNotification().getIncidentId()))
                    .findFirst().orElseThrow(() -> new AssertionError("no notification of incident " + incident + " in " + list));
            assertFalse(raised.getIsRead());
            int unread = lers.notificationCentre().unreadCount();
            lers.notificationCentre().markRead(raised.getNotificationId());
            assertEquals(unread - 1, lers.notificationCentre().unreadCount());
        }
    }

    @Test
    void nodeJobsAndPollPorts() {
        try (LersClient lers = lers()) {
            lers.incompleteNodeJobs().forEach(job -> assertFalse("Completed".equals(job.getState().getValue()), job.toString()));
            assertTrue(lers.pollPortStatus().getTotal() >= 1);
            // the same data set as v1
            assertEquals(lers.nodes().getNodes().execute().getNodes().size(),
                    lers.v01().nodes().getNodes().execute().getNodes().size());
            assertEquals(server.dataSet().measurePoints().get(0).title(),
                    lers.v01().measurePoints().getById(server.dataSet().measurePoints().get(0).id()).execute()
                            .getMeasurePoint().getTitle());
        }
    }
}
