package io.lers4j.emulator;

import io.lers4j.model.Incident;
import io.lers4j.model.IncidentImportance;
import io.lers4j.types.LersDateTime;
import io.lers4j.v01.model.AccountNotification;
import io.lers4j.v01.model.Importance;
import io.lers4j.v01.model.Notification;
import io.lers4j.v01.model.NotificationType;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The notification centre: every incident raises one notification, shown to each account that may
 * see incidents ({@code viewIncident}); whether it is read, and whether the account deleted it, is
 * kept per account.
 */
final class Notifications {

    /** One notification and the server local time it carries. */
    static final class Entry {
        final Notification notification;
        final LocalDateTime at;

        Entry(Notification notification, LocalDateTime at) {
            this.notification = notification;
            this.at = at;
        }

        int id() {
            return notification.getId();
        }
    }

    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final Map<Integer, Set<Integer>> readBy = new ConcurrentHashMap<>();
    private final Map<Integer, Set<Integer>> deletedBy = new ConcurrentHashMap<>();

    /** Raises the notification of an incident, stamped with the incident's start in server time. */
    void incidentRaised(Incident incident) {
        LocalDateTime at = incident.getStartDate().atOffsetIfAbsent(Catalog.SERVER_OFFSET)
                .withOffsetSameInstant(Catalog.SERVER_OFFSET).toLocalDateTime();
        Notification n = new Notification().id(nextId.getAndIncrement()).type(NotificationType.INCIDENT)
                .dateTime(LersDateTime.of(at, Catalog.SERVER_OFFSET))
                .message(incident.getEntityTitle() + ": " + incident.getDescription())
                .importance(importanceOf(incident.getImportance())).expiredDate(null)
                .equipmentId(incident.getEquipmentId()).incidentId(incident.getId()).nodeJobId(null)
                .measurePointId(incident.getMeasurePointId()).url(null);
        entries.add(new Entry(n, at));
    }

    private static Importance importanceOf(IncidentImportance importance) {
        if (IncidentImportance.CRITICAL.equals(importance)) {
            return Importance.ERROR;
        }
        return IncidentImportance.WARNING.equals(importance) ? Importance.WARN : Importance.INFO;
    }

    private static boolean receives(Accounts.AccountEntry account) {
        return account.may("viewIncident");
    }

    private Set<Integer> set(Map<Integer, Set<Integer>> sets, Accounts.AccountEntry account) {
        return sets.computeIfAbsent(account.id, k -> ConcurrentHashMap.newKeySet());
    }

    /** The account's notifications (not deleted) dated within [from, to] (null bounds are open), newest first. */
    List<Entry> of(Accounts.AccountEntry account, LocalDateTime from, LocalDateTime to) {
        List<Entry> out = new ArrayList<>();
        if (!receives(account)) {
            return out;
        }
        Set<Integer> deleted = set(deletedBy, account);
        for (Entry e : entries) {
            if (!deleted.contains(e.id()) && (from == null || !e.at.isBefore(from)) && (to == null || !e.at.isAfter(to))) {
                out.add(e);
            }
        }
        out.sort(Comparator.comparing((Entry e) -> e.at).thenComparing(Entry::id).reversed());
        return out;
    }

    /** The account's view of a notification: its read mark. */
    AccountNotification forAccount(Accounts.AccountEntry account, Entry e) {
        return new AccountNotification().notificationId(e.id()).notification(e.notification).accountId(account.id)
                .isRead(set(readBy, account).contains(e.id()));
    }

    boolean isRead(Accounts.AccountEntry account, Entry e) {
        return set(readBy, account).contains(e.id());
    }

    /** The notification of the account with this id, or null. */
    Entry find(Accounts.AccountEntry account, int id) {
        for (Entry e : of(account, null, null)) {
            if (e.id() == id) {
                return e;
            }
        }
        return null;
    }

    /** Marks these notifications read or unread for this account only. */
    void mark(Accounts.AccountEntry account, Collection<Entry> which, boolean read) {
        Set<Integer> marks = set(readBy, account);
        for (Entry e : which) {
            if (read) {
                marks.add(e.id());
            } else {
                marks.remove(e.id());
            }
        }
    }

    /** Deletes notifications for this account only; others still see them. */
    void delete(Accounts.AccountEntry account, Collection<Entry> which) {
        Set<Integer> deleted = set(deletedBy, account);
        for (Entry e : which) {
            deleted.add(e.id());
        }
    }

    /** The account's notifications whose type is one of these (every type when empty). */
    List<Entry> ofTypes(Accounts.AccountEntry account, Collection<String> types) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : of(account, null, null)) {
            if (types.isEmpty() || types.stream().anyMatch(t -> t.equalsIgnoreCase(e.notification.getType().getValue()))) {
                out.add(e);
            }
        }
        return out;
    }
}
