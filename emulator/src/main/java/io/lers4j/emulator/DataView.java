package io.lers4j.emulator;

import io.lers4j.model.Customer;
import io.lers4j.model.DeviceChannelObject;
import io.lers4j.model.Equipment;
import io.lers4j.model.EquipmentModel;
import io.lers4j.model.MeasurePoint;
import io.lers4j.model.MeasurePointState;
import io.lers4j.model.Node;
import io.lers4j.model.NodeJobDTO;
import io.lers4j.model.NodeSignaling;
import io.lers4j.model.NodeState;
import io.lers4j.model.NodeSupplier;
import io.lers4j.model.PollPort;
import io.lers4j.model.PublicAccount;
import io.lers4j.model.Report;
import io.lers4j.model.ReportTemplate;
import io.lers4j.model.ServiceCompany;
import io.lers4j.model.Serviceman;
import io.lers4j.model.Supplier;
import io.lers4j.model.SystemType;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data set as routes read it: the catalog as generated and what clients changed since (edited
 * nodes and equipment, incidents, prepared files), every collection unmodifiable. Routes hold this
 * view and {@link Writes}, never the catalog or the written state themselves. Entries and models
 * are shared by every request and must not be changed: a route that needs a variant copies first
 * ({@link Models#copy}).
 *
 * <p>{@link #archive} computes archive records and merges what was stored; its {@code store} is
 * the one write path of records, with the archive's own validation.
 */
final class DataView {

    final long seed;
    final LocalDate dataStart;
    final LocalDateTime builtAt;
    final List<Catalog.TerritoryEntry> territories;
    final Map<Integer, Catalog.TerritoryEntry> territoryById;
    final List<Catalog.NodeEntry> nodes;
    final Map<Integer, Catalog.NodeEntry> nodeById;
    final List<Catalog.PointEntry> points;
    final Map<Integer, Catalog.PointEntry> pointById;
    /** Equipment as generated; {@link #equipment(int)} applies edits. */
    final Map<Integer, Equipment> equipment;
    final Map<Integer, Integer> equipmentNode;
    final Map<Integer, EquipmentModel> models;
    final Map<Integer, List<DeviceChannelObject>> channelsByDevice;
    final Map<Integer, List<Integer>> pointsByEquipment;
    final Map<Integer, Customer> customers;
    final List<Supplier> suppliers;
    final List<NodeSupplier> nodeSuppliers;
    final List<Serviceman> servicemen;
    final List<ServiceCompany> serviceCompanies;
    final List<NodeSignaling> signaling;
    final List<Catalog.GroupEntry> groups;
    final List<NodeJobDTO> jobs;
    final Map<Integer, Report> reports;
    final Map<Integer, ReportTemplate> reportTemplates;
    final PollPort pollPort;
    final PublicAccount administrator;
    final Archive archive;

    private final Context engine;

    DataView(Context engine) {
        this.engine = engine;
        Catalog c = engine.catalog;
        this.seed = c.seed;
        this.dataStart = c.dataStart;
        this.builtAt = c.builtAt;
        this.territories = Collections.unmodifiableList(c.territories);
        this.territoryById = Collections.unmodifiableMap(c.territoryById);
        this.nodes = Collections.unmodifiableList(c.nodes);
        this.nodeById = Collections.unmodifiableMap(c.nodeById);
        this.points = Collections.unmodifiableList(c.points);
        this.pointById = Collections.unmodifiableMap(c.pointById);
        this.equipment = Collections.unmodifiableMap(c.equipment);
        this.equipmentNode = Collections.unmodifiableMap(c.equipmentNode);
        this.models = Collections.unmodifiableMap(c.models);
        this.channelsByDevice = readOnly(c.channelsByDevice);
        this.pointsByEquipment = readOnly(c.pointsByEquipment);
        this.customers = Collections.unmodifiableMap(c.customers);
        this.suppliers = Collections.unmodifiableList(c.suppliers);
        this.nodeSuppliers = Collections.unmodifiableList(c.nodeSuppliers);
        this.servicemen = Collections.unmodifiableList(c.servicemen);
        this.serviceCompanies = Collections.unmodifiableList(c.serviceCompanies);
        this.signaling = Collections.unmodifiableList(c.signaling);
        this.groups = Collections.unmodifiableList(c.groups);
        this.jobs = Collections.unmodifiableList(c.jobs);
        this.reports = Collections.unmodifiableMap(c.reports);
        this.reportTemplates = Collections.unmodifiableMap(c.reportTemplates);
        this.pollPort = c.pollPort;
        this.administrator = c.administrator;
        this.archive = engine.archive;
    }

    private static <T> Map<Integer, List<T>> readOnly(Map<Integer, List<T>> lists) {
        Map<Integer, List<T>> out = new LinkedHashMap<>();
        lists.forEach((k, v) -> out.put(k, Collections.unmodifiableList(v)));
        return Collections.unmodifiableMap(out);
    }

    // ------------------------------------------------------------------ time

    Instant instant() {
        return engine.clock.instant();
    }

    /** The server's local time now. */
    LocalDateTime now() {
        return engine.now();
    }

    /** The start of the current hour: archives hold every hour before it and nothing after. */
    LocalDateTime currentHour() {
        return engine.currentHour();
    }

    /** Now in server local time to the second, as LERS stamps events. */
    LocalDateTime nowToTheSecond() {
        return now().truncatedTo(ChronoUnit.SECONDS);
    }

    // ------------------------------------------------------------------ lookups that refuse unknown ids (422)

    Catalog.PointEntry point(int id) {
        Catalog.PointEntry p = pointById.get(id);
        if (p == null) {
            throw HttpError.notFound("Точка учёта с идентификатором " + id + " не найдена.");
        }
        return p;
    }

    Catalog.NodeEntry nodeEntry(int id) {
        Catalog.NodeEntry n = nodeById.get(id);
        if (n == null) {
            throw HttpError.notFound("Объект учёта с идентификатором " + id + " не найден.");
        }
        return n;
    }

    Catalog.TerritoryEntry territory(int id) {
        Catalog.TerritoryEntry t = territoryById.get(id);
        if (t == null) {
            throw HttpError.notFound("Территория с идентификатором " + id + " не найдена.");
        }
        return t;
    }

    Equipment equipmentOrFail(int id) {
        Equipment e = equipment(id);
        if (e == null) {
            throw HttpError.notFound("Оборудование с идентификатором " + id + " не найдено.");
        }
        return e;
    }

    Report report(int id) {
        Report r = reports.get(id);
        if (r == null) {
            throw HttpError.notFound("Отчёт с идентификатором " + id + " не найден.");
        }
        return r;
    }

    // ------------------------------------------------------------------ entities as they are now

    /** The node as it is now (edits applied); shared, do not modify. */
    Node node(Catalog.NodeEntry entry) {
        return engine.state.node(entry.id, entry.model);
    }

    /** A copy of the node for an answer, with the heating season of today. */
    Node nodeForAnswer(Catalog.NodeEntry entry, boolean withAttributes) {
        Node node = Models.copy(node(entry));
        node.isHeatingSeason(entry.territory.climate.heatingSeason(now().toLocalDate().toEpochDay()));
        for (Catalog.PointEntry p : entry.points) {
            if (archive.hasActiveIncident(p)) {
                node.state(NodeState.WARNING);
                break;
            }
        }
        if (!withAttributes) {
            node.attributes(null);
        }
        return node;
    }

    /** The equipment as it is now (edits applied), or null; shared, do not modify. */
    Equipment equipment(int id) {
        Equipment original = equipment.get(id);
        return original == null ? null : engine.state.equipment(id, original);
    }

    /** A copy of the measure point for an answer, with titles from the node as it is now. */
    MeasurePoint pointForAnswer(Catalog.PointEntry p, boolean withAttributes) {
        MeasurePoint m = Models.copy(p.model);
        Node node = node(p.node);
        m.parentTitle(node.getTitle()).fullTitle(node.getTitle() + " - " + p.title).address(node.getAddress());
        m.state(archive.hasActiveIncident(p) ? MeasurePointState.WARNING : MeasurePointState.NORMAL);
        if (withAttributes) {
            m.attributes(p.attributes);
        }
        return m;
    }

    /** The parameter-sheet report for a system type. */
    Report reportFor(SystemType system) {
        return engine.catalog.reportFor(system);
    }

    // ------------------------------------------------------------------ what clients wrote

    State.IncidentEntry incident(int id) {
        return engine.state.incident(id);
    }

    List<State.IncidentEntry> incidentsOfPoint(int pointId) {
        return Collections.unmodifiableList(engine.state.incidentsOfPoint(pointId));
    }

    /** Every incident, oldest first. */
    List<State.IncidentEntry> incidents() {
        List<State.IncidentEntry> out = new ArrayList<>();
        for (int id : engine.state.incidentIds()) {
            out.add(engine.state.incident(id));
        }
        return Collections.unmodifiableList(out);
    }

    /** Whether a record is stored for the point at that time in that archive ("Hour", "Totals"...). */
    boolean hasStored(int pointId, String archive, LocalDateTime at) {
        State.PointRecords records = engine.state.recordsOf(pointId);
        if (records == null) {
            return false;
        }
        Map<LocalDateTime, State.StoredRecord> map = archive.equals("Totals") ? records.totals
                : records.consumption.get(archive);
        return map != null && map.containsKey(at);
    }

    /** A prepared file by its download key, or null when it is unknown or was dropped. */
    State.StoredFile file(String downloadKey) {
        return engine.state.file(downloadKey);
    }
}
