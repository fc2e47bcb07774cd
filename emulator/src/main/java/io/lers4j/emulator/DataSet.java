package io.lers4j.emulator;

import io.lers4j.model.DataParameter;
import io.lers4j.model.MeasurePointType;
import io.lers4j.model.NodeType;
import io.lers4j.model.ResourceKind;
import io.lers4j.model.SystemType;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A read-only view of the emulated installation as generated: which ids exist and what they are,
 * so tests can pick a heat point or a house without asking the server. Edits made through the API
 * (PATCH) are not reflected here.
 */
public final class DataSet {

    /** A territory (region) and its UTC offset in hours. */
    public record TerritoryInfo(int id, String name, int timeZoneOffset) {
    }

    /** A node (building) with its measure points and equipment. */
    public record NodeInfo(int id, String title, NodeType type, int territoryId, List<Integer> measurePointIds,
                           List<Integer> equipmentIds) {
    }

    /** A measure point: its system, resource, kind (building or flat) and the parameters its records carry. */
    public record MeasurePointInfo(int id, int nodeId, String title, SystemType systemType, ResourceKind resourceKind,
                                   MeasurePointType type, int deviceId, List<DataParameter> parameters) {
    }

    /** A piece of equipment: meter, heat calculator, corrector, modem or sensor. */
    public record EquipmentInfo(int id, int nodeId, String model, String serialNumber) {
    }

    private final long seed;
    private final LocalDate dataStart;
    private final List<TerritoryInfo> territories;
    private final List<NodeInfo> nodes;
    private final Map<Integer, NodeInfo> nodeById = new LinkedHashMap<>();
    private final List<MeasurePointInfo> points;
    private final Map<Integer, MeasurePointInfo> pointById = new LinkedHashMap<>();
    private final List<EquipmentInfo> equipment;
    private final List<Integer> nodeGroupIds;
    private final Map<SystemType, Integer> reports = new LinkedHashMap<>();
    private final List<Integer> initialIncidentIds;

    DataSet(Catalog c, List<Integer> incidentIds) {
        this.seed = c.seed;
        this.dataStart = c.dataStart;
        List<TerritoryInfo> t = new ArrayList<>();
        c.territories.forEach(e -> t.add(new TerritoryInfo(e.id(), e.city, e.model.getTimeZoneOffset())));
        this.territories = List.copyOf(t);
        List<NodeInfo> n = new ArrayList<>();
        List<MeasurePointInfo> p = new ArrayList<>();
        for (Catalog.NodeEntry node : c.nodes) {
            List<Integer> pointIds = new ArrayList<>();
            node.points.forEach(x -> pointIds.add(x.id));
            NodeInfo info = new NodeInfo(node.id, node.model.getTitle(), node.kind.type, node.territory.id(),
                    List.copyOf(pointIds), List.copyOf(node.equipmentIds));
            n.add(info);
            nodeById.put(info.id(), info);
        }
        for (Catalog.PointEntry point : c.points) {
            MeasurePointInfo info = new MeasurePointInfo(point.id, point.node.id, point.title, point.system,
                    point.resource, point.type, point.deviceId, List.of(point.meter.parameters));
            p.add(info);
            pointById.put(info.id(), info);
        }
        this.nodes = List.copyOf(n);
        this.points = List.copyOf(p);
        List<EquipmentInfo> e = new ArrayList<>();
        c.equipment.forEach((id, eq) -> e.add(new EquipmentInfo(id, c.equipmentNode.get(id),
                c.models.get(eq.getEquipmentModelId()).getTitle(), eq.getSerialNumber())));
        this.equipment = List.copyOf(e);
        List<Integer> groups = new ArrayList<>();
        c.groups.forEach(g -> groups.add(g.model.getId()));
        this.nodeGroupIds = List.copyOf(groups);
        for (SystemType s : List.of(SystemType.HEAT, SystemType.HOT_WATER, SystemType.COLD_WATER,
                SystemType.ELECTRICITY, SystemType.GAS)) {
            reports.put(s, c.reportFor(s).getId());
        }
        this.initialIncidentIds = List.copyOf(incidentIds);
    }

    public long seed() {
        return seed;
    }

    /** The first day with data: January 1st three years before the year the emulator started. */
    public LocalDate dataStart() {
        return dataStart;
    }

    /** The server's time zone; archive time stamps and path dates are local times in it. */
    public ZoneOffset serverOffset() {
        return Catalog.SERVER_OFFSET;
    }

    public List<TerritoryInfo> territories() {
        return territories;
    }

    public List<NodeInfo> nodes() {
        return nodes;
    }

    public NodeInfo node(int id) {
        NodeInfo n = nodeById.get(id);
        if (n == null) {
            throw new NoSuchElementException("no node " + id);
        }
        return n;
    }

    public List<MeasurePointInfo> measurePoints() {
        return points;
    }

    /** The measure points of one system, building-level and flats alike. */
    public List<MeasurePointInfo> measurePoints(SystemType systemType) {
        List<MeasurePointInfo> out = new ArrayList<>();
        for (MeasurePointInfo p : points) {
            if (p.systemType().equals(systemType)) {
                out.add(p);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * The first building-level (Regular) point of a system. The default data set has one of each
     * system, and so has any set with two or more points a node on a dozen nodes or more.
     *
     * @throws NoSuchElementException if this data set has no such point
     */
    public MeasurePointInfo firstMeasurePoint(SystemType systemType) {
        for (MeasurePointInfo p : points) {
            if (p.systemType().equals(systemType) && p.type().equals(MeasurePointType.REGULAR)) {
                return p;
            }
        }
        throw new NoSuchElementException("no " + systemType + " measure point in this data set");
    }

    public MeasurePointInfo measurePoint(int id) {
        MeasurePointInfo p = pointById.get(id);
        if (p == null) {
            throw new NoSuchElementException("no measure point " + id);
        }
        return p;
    }

    public List<EquipmentInfo> equipment() {
        return equipment;
    }

    public List<Integer> nodeGroupIds() {
        return nodeGroupIds;
    }

    /** The parameter-sheet report id for a system, for POST Reporting/Generate/ParameterSheet. */
    public int reportId(SystemType systemType) {
        Integer id = reports.get(systemType);
        if (id == null) {
            throw new NoSuchElementException("no report for " + systemType);
        }
        return id;
    }

    /** Incidents present when the emulator started (some open, some closed). */
    public List<Integer> initialIncidentIds() {
        return initialIncidentIds;
    }
}
