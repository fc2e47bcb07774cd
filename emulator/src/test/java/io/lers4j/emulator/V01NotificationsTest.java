package io.lers4j.emulator;

import io.lers4j.api.IncidentsApi;
import io.lers4j.invoker.ApiException;
import io.lers4j.model.CreateIncidentRequestParameters;
import io.lers4j.model.IncidentImportance;
import io.lers4j.model.IncidentType;
import io.lers4j.model.SystemType;
import io.lers4j.types.LersDateTime;
import io.lers4j.v01.api.V01Services;
import io.lers4j.v01.model.AccountNotification;
import io.lers4j.v01.model.GetNotificationsResponseParameters;
import io.lers4j.v01.model.Importance;
import io.lers4j.v01.model.NotificationType;
import io.lers4j.v01.model.UnreadNotificationCount;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Incidents raise notifications (v0.1), read and deleted per account. */
class V01NotificationsTest {

    private static final LocalDateTime NOW = LocalDateTime.ofInstant(TestSupport.NOW, LersEmulator.SERVER_OFFSET);

    private static LersEmulator lers;
    private static V01Services demo;
    private static V01Services viewer;
    private static IncidentsApi incidents;

    @BeforeAll
    static void start() {
        lers = LersEmulator.builder().clock(Clock.fixed(TestSupport.NOW, ZoneOffset.UTC)).start();
        demo = new V01Services(TestSupport.demo(lers));
        viewer = new V01Services(TestSupport.as(lers, "viewer", "viewer"));
        incidents = new IncidentsApi(TestSupport.demo(lers));
    }

    @AfterAll
    static void stop() {
        lers.close();
    }

    /** LersBot's period: the last 30 days. */
    private static GetNotificationsResponseParameters lastMonth(V01Services as) {
        return as.notifications().getNotificationsForPeriod(LersDateTime.of(NOW.minusDays(30)), LersDateTime.of(NOW))
                .execute();
    }

    private static AccountNotification of(GetNotificationsResponseParameters answer, int incidentId) {
        return answer.getNotifications().stream()
                .filter(n -> n.getNotification().getIncidentId() != null && n.getNotification().getIncidentId() == incidentId)
                .findFirst().orElseThrow(() -> new AssertionError("no notification of incident " + incidentId));
    }

    private static int unread(V01Services as) {
        return as.notifications().getUnreadCount().execute().getTotal();
    }

    @Test
    void everyIncidentOfTheDataSetHasItsNotification() {
        GetNotificationsResponseParameters answer = demo.notifications().getNotifications().execute();
        for (int incident : lers.dataSet().initialIncidentIds()) {
            AccountNotification n = of(answer, incident);
            assertEquals(NotificationType.INCIDENT, n.getNotification().getType());
            assertTrue(answer.getIncidents().stream().anyMatch(i -> i.getId() == incident));
        }
    }

    @Test
    void anIncidentCreatedThroughV1IsNotifiedAndReadMarksAreKeptPerAccount() {
        int point = lers.dataSet().firstMeasurePoint(SystemType.GAS).id();
        int before = unread(demo);
        int viewerBefore = unread(viewer);
        int incident = incidents.createIncident().body(new CreateIncidentRequestParameters().incidentType(IncidentType.CUSTOM)
                .importance(IncidentImportance.CRITICAL).description("Утечка газа").measurePointId(point)).execute().getId();

        AccountNotification n = of(lastMonth(demo), incident);
        assertFalse(n.getIsRead());
        assertEquals(n.getNotification().getId(), n.getNotificationId());
        assertEquals(NOW.withNano(0), n.getNotification().getDateTime().toLocalDateTime());
        assertEquals(Importance.ERROR, n.getNotification().getImportance());
        assertEquals(point, n.getNotification().getMeasurePointId());
        assertTrue(n.getNotification().getMessage().endsWith("Утечка газа"), n.getNotification().getMessage());
        assertTrue(lastMonth(demo).getIncidents().stream().anyMatch(i -> i.getId() == incident));
        assertEquals(before + 1, unread(demo));
        UnreadNotificationCount count = demo.notifications().getUnreadCount().execute();
        assertEquals(count.getTotal(), count.getUnreadNotification().getIncident(), "every unread one is an incident's");

        demo.notifications().markNotification().id(n.getNotificationId()).read(true).execute();
        assertTrue(of(lastMonth(demo), incident).getIsRead());
        assertEquals(before, unread(demo), "marking read drops the unread count");
        assertEquals(viewerBefore + 1, unread(viewer), "the viewer's marks are its own");

        demo.notifications().markNotification().id(n.getNotificationId()).read(false).execute();
        assertEquals(before + 1, unread(demo));
        demo.notifications().markNotification().type(List.of(NotificationType.INCIDENT)).read(true).execute();
        assertEquals(0, unread(demo), "every incident notification read");

        demo.notifications().deleteById(n.getNotificationId()).execute();
        assertTrue(lastMonth(demo).getNotifications().stream()
                .noneMatch(x -> x.getNotificationId().equals(n.getNotificationId())));
        of(lastMonth(viewer), incident);
        ApiException gone = assertThrows(ApiException.class,
                () -> demo.notifications().deleteById(n.getNotificationId()).execute());
        assertEquals(422, gone.getCode());
    }

    @Test
    void aPeriodBeforeAnIncidentHasNoneOfItsNotifications() {
        int incident = lers.dataSet().initialIncidentIds().get(0);
        GetNotificationsResponseParameters old = demo.notifications().getNotificationsForPeriod(
                LersDateTime.of(NOW.minusYears(2)), LersDateTime.of(NOW.minusYears(1))).execute();
        assertTrue(old.getNotifications().stream().noneMatch(n -> n.getNotification().getIncidentId() == incident));
        assertEquals(0, demo.notifications().getUnreadCountForPeriod(LersDateTime.of(NOW.minusYears(2)),
                LersDateTime.of(NOW.minusYears(1))).execute().getTotal());
    }
}
