package io.lers4j.emulator;

import io.lers4j.model.Equipment;
import io.lers4j.model.Node;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;

/**
 * The changes routes may make to the data set, each one method; everything else they read through
 * {@link DataView}. Records of the archive are stored by {@link Archive#store} (validated there).
 */
final class Writes {

    private final State state;

    Writes(Context engine) {
        this.state = engine.state;
    }

    void replaceNode(int id, Node node) {
        state.replaceNode(id, node);
    }

    void replaceEquipment(int id, Equipment equipment) {
        state.replaceEquipment(id, equipment);
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

    void addIncident(State.IncidentEntry entry) {
        state.addIncident(entry);
    }

    int newPollSession() {
        return state.newPollSession();
    }

    /** Keeps a prepared file and returns its download key. */
    String storeFile(String fileName, String contentType, byte[] content) {
        return state.storeFile(fileName, contentType, content);
    }
}
