package io.lers4j.emulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.lers4j.v01.model.NotificationType;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The notification centre (v0.1): the caller's notifications, each incident's one, with read
 * marks and deletions of that account.
 */
final class V01NotificationRoutes {

    private final DataView data;
    private final Notifications notifications;
    private final V01Answers v01;

    V01NotificationRoutes(DataView data, Notifications notifications, V01Answers v01) {
        this.data = data;
        this.notifications = notifications;
        this.v01 = v01;
    }

    void register(Routes r) {
        Router.Access any = Router.Access.AUTHENTICATED;
        Api v = Api.V01;
        r.on(v, "Notifications_GetNotifications", any, null,
                call -> answer(call, "Notifications_GetNotifications", null, null));
        r.on(v, "Notifications_GetNotificationsForPeriod", any, null, call -> {
            LocalDateTime[] period = call.period();
            return answer(call, "Notifications_GetNotificationsForPeriod", period[0], period[1]);
        });
        r.on(v, "Notifications_GetUnreadCount", any, null, call -> unread(call, null, null));
        r.on(v, "Notifications_GetUnreadCountForPeriod", any, null, call -> {
            LocalDateTime[] period = call.period();
            return unread(call, period[0], period[1]);
        });
        r.on(v, "Notifications_MarkNotification", any, null, this::mark);
        r.on(v, "Notifications_DeleteById", any, null, this::deleteById);
        r.on(v, "Notifications_Delete", any, null, call -> {
            Accounts.AccountEntry account = call.session.account;
            notifications.delete(account, notifications.ofTypes(account, types(call)));
            return Reply.empty(200);
        });
    }

    /** GetNotificationsResponseParameters: the notifications, newest first, and the incidents they are about. */
    private Reply answer(Call call, String operationId, LocalDateTime from, LocalDateTime to) {
        Accounts.AccountEntry account = call.session.account;
        JsonArray list = new JsonArray();
        Map<Integer, JsonElement> incidents = new LinkedHashMap<>();
        for (Notifications.Entry e : notifications.of(account, from, to)) {
            list.add(Reply.GSON.toJsonTree(notifications.forAccount(account, e)));
            Integer incidentId = e.notification.getIncidentId();
            State.IncidentEntry incident = incidentId == null ? null : data.incident(incidentId);
            if (incident != null) {
                incidents.putIfAbsent(incidentId, Reply.GSON.toJsonTree(incident.incident));
            }
        }
        JsonObject out = new JsonObject();
        out.add("notifications", list);
        JsonArray incidentList = new JsonArray();
        incidents.values().forEach(incidentList::add);
        out.add("incidents", incidentList);
        return v01.answer(operationId, out);
    }

    /** UnreadNotificationCount: the unread total and the unread count of every notification type. */
    private Reply unread(Call call, LocalDateTime from, LocalDateTime to) {
        Accounts.AccountEntry account = call.session.account;
        Map<String, Integer> byType = new LinkedHashMap<>();
        for (NotificationType t : NotificationType.values()) {
            byType.put(t.getValue(), 0);
        }
        int total = 0;
        for (Notifications.Entry e : notifications.of(account, from, to)) {
            if (!notifications.isRead(account, e)) {
                byType.merge(e.notification.getType().getValue(), 1, Integer::sum);
                total++;
            }
        }
        JsonObject counts = new JsonObject();
        byType.forEach(counts::addProperty);
        JsonObject out = new JsonObject();
        out.addProperty("total", total);
        out.add("unreadNotification", counts);
        return Reply.json(out);
    }

    /** NotificationType names of the repeated {@code type} query parameter; an unknown name is a binding error. */
    private static List<String> types(Call call) {
        List<String> out = new ArrayList<>();
        for (String t : call.queryValues("type")) {
            out.add(Call.enumValue("type", t, NotificationType.values(), NotificationType::getValue).getValue());
        }
        return out;
    }

    /**
     * Marks one notification ({@code id}), those of some types ({@code type}), or all the caller's,
     * read or unread; {@code read} binds as a bool does in ASP.NET, so leaving it out marks unread.
     */
    private Reply mark(Call call) {
        Accounts.AccountEntry account = call.session.account;
        boolean read = call.flag("read");
        Integer id = call.intQuery("id");
        if (id != null) {
            Notifications.Entry e = notifications.find(account, id);
            if (e == null) {
                throw HttpError.notFound("Уведомление с идентификатором " + id + " не найдено.");
            }
            notifications.mark(account, List.of(e), read);
        } else {
            notifications.mark(account, notifications.ofTypes(account, types(call)), read);
        }
        return Reply.empty(200);
    }

    private Reply deleteById(Call call) {
        Accounts.AccountEntry account = call.session.account;
        int id = call.intParam("id");
        Notifications.Entry e = notifications.find(account, id);
        if (e == null) {
            throw HttpError.notFound("Уведомление с идентификатором " + id + " не найдено.");
        }
        notifications.delete(account, List.of(e));
        return Reply.empty(200);
    }
}
