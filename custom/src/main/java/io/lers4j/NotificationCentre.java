package io.lers4j;

import io.lers4j.types.LersDateTime;
import io.lers4j.v01.model.AccountNotification;
import io.lers4j.v01.model.GetNotificationsResponseParameters;
import io.lers4j.v01.model.UnreadNotificationCount;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The account's notifications through the v0.1 API: incidents, node jobs, system messages. */
public final class NotificationCentre {

    private final LersClient lers;

    NotificationCentre(LersClient lers) {
        this.lers = lers;
    }

    /** The notifications of {@code [from, to]}, server-local time, read or not; never null. */
    public List<AccountNotification> forPeriod(LocalDateTime from, LocalDateTime to) {
        LersClient.checkPeriod(from, to);
        GetNotificationsResponseParameters answer = lers.v01().notifications()
                .getNotificationsForPeriod(LersDateTime.of(from), LersDateTime.of(to)).execute();
        List<AccountNotification> out = new ArrayList<>();
        if (answer != null && answer.getNotifications() != null) {
            answer.getNotifications().stream().filter(Objects::nonNull).forEach(out::add);
        }
        return out;
    }

    /** Marks one notification (its {@code notificationId}) read. */
    public void markRead(int notificationId) {
        mark(notificationId, true);
    }

    /** Marks one notification unread again. */
    public void markUnread(int notificationId) {
        mark(notificationId, false);
    }

    private void mark(int notificationId, boolean read) {
        LersClient.requirePositiveId(notificationId, "notificationId");
        lers.v01().notifications().markNotification().id(notificationId).read(read).execute();
    }

    /** How many notifications are unread, 0 when the server says nothing. */
    public int unreadCount() {
        UnreadNotificationCount count = lers.v01().notifications().getUnreadCount().execute();
        return count == null || count.getTotal() == null ? 0 : count.getTotal();
    }
}
