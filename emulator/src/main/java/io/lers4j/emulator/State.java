package io.lers4j.emulator;

import io.lers4j.model.DataParameterValue;
import io.lers4j.model.Equipment;
import io.lers4j.model.Incident;
import io.lers4j.model.IncidentLog;
import io.lers4j.model.Node;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Everything clients wrote: stored records, weather, edited nodes and equipment, incidents, files. */
final class State {

    /** Prepared files kept for download; the oldest are dropped beyond this. */
    static final int MAX_FILES = 200;

    private final Map<Integer, PointRecords> records = new ConcurrentHashMap<>();
    private final Map<Integer, NavigableMap<LocalDate, Float>> weather = new ConcurrentHashMap<>();
    private final Map<Integer, Node> nodes = new ConcurrentHashMap<>();
    private final Map<Integer, Equipment> equipment = new ConcurrentHashMap<>();
    private final Map<Integer, IncidentEntry> incidents = new ConcurrentHashMap<>();
    private final Map<Integer, List<Integer>> incidentsByPoint = new ConcurrentHashMap<>();
    private final Map<String, StoredFile> files = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, StoredFile> eldest) {
            return size() > MAX_FILES;
        }
    });
    private final AtomicInteger nextIncidentId = new AtomicInteger(1001);
    private final AtomicLong nextIncidentLogId = new AtomicLong(9_000_000_001L);
    private final AtomicLong rowVersion = new AtomicLong(0x1F64D);
    private final SecureRandom random = new SecureRandom();

    /** A record a client stored: values by parameter name, in the order written. */
    static final class StoredRecord {
        final Map<String, DataParameterValue> values;
        final List<String> attributes;

        StoredRecord(Map<String, DataParameterValue> values, List<String> attributes) {
            this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
            this.attributes = List.copyOf(attributes);
        }
    }

    /** Stored consumption by archive ("Hour", "Day", "Month", "Current"...) and stored totals of one point. */
    static final class PointRecords {
        final Map<String, NavigableMap<LocalDateTime, StoredRecord>> consumption = new ConcurrentHashMap<>();
        final NavigableMap<LocalDateTime, StoredRecord> totals = new ConcurrentSkipListMap<>();

        NavigableMap<LocalDateTime, StoredRecord> consumption(String dataType) {
            return consumption.computeIfAbsent(dataType, k -> new ConcurrentSkipListMap<>());
        }
    }

    static final class IncidentEntry {
        final Incident incident;
        final List<IncidentLog> log = new CopyOnWriteArrayList<>();

        IncidentEntry(Incident incident) {
            this.incident = incident;
        }
    }

    static final class StoredFile {
        final String fileName;
        final String contentType;
        final byte[] content;

        StoredFile(String fileName, String contentType, byte[] content) {
            this.fileName = fileName;
            this.contentType = contentType;
            this.content = content;
        }
    }

    /** The stored records of a point, or null if nothing was stored. */
    PointRecords recordsOf(int pointId) {
        return records.get(pointId);
    }

    PointRecords recordsFor(int pointId) {
        return records.computeIfAbsent(pointId, k -> new PointRecords());
    }

    NavigableMap<LocalDate, Float> weatherOf(int territoryId) {
        return weather.computeIfAbsent(territoryId, k -> new ConcurrentSkipListMap<>());
    }

    Node node(int id, Node original) {
        return nodes.getOrDefault(id, original);
    }

    void replaceNode(int id, Node node) {
        nodes.put(id, node);
    }

    Equipment equipment(int id, Equipment original) {
        return equipment.getOrDefault(id, original);
    }

    void replaceEquipment(int id, Equipment value) {
        equipment.put(id, value);
    }

    int newIncidentId() {
        return nextIncidentId.getAndIncrement();
    }

    long newIncidentLogId() {
        return nextIncidentLogId.getAndIncrement();
    }

    /** A SQL Server style row version: 8 bytes, growing with every change. */
    byte[] newRowVersion() {
        return ByteBuffer.allocate(8).putLong(rowVersion.incrementAndGet()).array();
    }

    void addIncident(IncidentEntry entry) {
        Incident i = entry.incident;
        incidents.put(i.getId(), entry);
        if (i.getMeasurePointId() != null) {
            incidentsByPoint.computeIfAbsent(i.getMeasurePointId(), k -> new CopyOnWriteArrayList<>()).add(i.getId());
        }
    }

    IncidentEntry incident(int id) {
        return incidents.get(id);
    }

    List<IncidentEntry> incidentsOfPoint(int pointId) {
        List<IncidentEntry> out = new ArrayList<>();
        for (int id : incidentsByPoint.getOrDefault(pointId, List.of())) {
            out.add(incidents.get(id));
        }
        return out;
    }

    List<Integer> incidentIds() {
        List<Integer> ids = new ArrayList<>(incidents.keySet());
        Collections.sort(ids);
        return ids;
    }

    /** Keeps a prepared file and returns its download key. */
    String storeFile(String fileName, String contentType, byte[] content) {
        byte[] key = new byte[12];
        random.nextBytes(key);
        String downloadKey = Base64.getUrlEncoder().withoutPadding().encodeToString(key);
        files.put(downloadKey, new StoredFile(fileName, contentType, content));
        return downloadKey;
    }

    StoredFile file(String downloadKey) {
        return files.get(downloadKey);
    }
}
