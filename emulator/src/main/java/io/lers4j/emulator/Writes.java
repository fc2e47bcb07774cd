package io.lers4j.emulator;

import io.lers4j.model.Equipment;
import io.lers4j.model.Node;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The changes routes may make to the data set, each one method; everything else they read through
 * {@link DataView}. Records of the archive are stored by {@link Archive#store} (validated there)
 * or, for what a poll read, by {@link #storePolled}.
 */
final class Writes {

    /** Told about every entity written, after the write: the hub announces ENTITY_CHANGED from here. */
    interface ChangeListener {
        /** {@code operation} is an EntityOperationType: {@code "New"}, {@code "Updated"}. */
        void changed(String entityType, int entityId, String operation, Object entity);
    }

    private final State state;
    private final Notifications notifications;
    private volatile ChangeListener changes = (type, id, operation, entity) -> { };

    Writes(Context engine, Notifications notifications) {
        this.state = engine.state;
        this.notifications = notifications;
    }

    void onChange(ChangeListener listener) {
        this.changes = listener;
    }

    void replaceNode(int id, Node node) {
        state.replaceNode(id, node);
        changes.changed("Node", id, "Updated", node);
    }

    void replaceEquipment(int id, Equipment equipment) {
        state.replaceEquipment(id, equipment);
        changes.changed("Equipment", id, "Updated", equipment);
    }

    /** Daily outdoor temperatures of a territory, replacing the computed ones of those days. */
    void storeWeather(int territoryId, Map<LocalDate, Float> values) {
        state.weatherOf(territoryId).putAll(values);
    }

    int newIncidentId() {
        return state.newIncidentId();
    }

    long newIncidentLogId() {
        return state.newIncidentLogId();
    }

    byte[] newRowVersion() {
        return state.newRowVersion();
    }

    /** Records an incident and, as LERS does, raises its notification for the accounts that see incidents. */
    void addIncident(State.IncidentEntry entry) {
        state.addIncident(entry);
        notifications.incidentRaised(entry.incident);
        Integer id = entry.incident.getId();
        if (id != null) {
            changes.changed("Incident", id, "New", entry.incident);
        }
    }

    /** Keeps a prepared file and returns its download key. */
    String storeFile(String fileName, String contentType, byte[] content) {
        return state.storeFile(fileName, contentType, content);
    }

    /**
     * Stores a record a poll read from the device ("Current", "Hour", "Day", "Month", "Totals"),
     * replacing what was stored at that time.
     */
    void storePolled(int pointId, String archive, LocalDateTime at, State.StoredRecord record) {
        State.PointRecords records = state.recordsFor(pointId);
        (archive.equals("Totals") ? records.totals : records.consumption(archive)).put(at, record);
    }

    /**
     * Removes and returns what is stored for the point in that archive within [from, to]: a poll
     * re-reading the device takes the server's records out of the way first.
     */
    NavigableMap<LocalDateTime, State.StoredRecord> takeStored(int pointId, String archive, LocalDateTime from,
                                                               LocalDateTime to) {
        NavigableMap<LocalDateTime, State.StoredRecord> taken = new TreeMap<>();
        State.PointRecords records = state.recordsOf(pointId);
        if (records == null) {
            return taken;
        }
        NavigableMap<LocalDateTime, State.StoredRecord> map = archive.equals("Totals") ? records.totals
                : records.consumption.get(archive);
        if (map != null) {
            NavigableMap<LocalDateTime, State.StoredRecord> range = map.subMap(from, true, to, true);
            taken.putAll(range);
            range.clear();
        }
        return taken;
    }
}
