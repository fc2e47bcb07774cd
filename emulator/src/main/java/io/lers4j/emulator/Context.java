package io.lers4j.emulator;

import io.lers4j.model.Equipment;
import io.lers4j.model.MeasurePoint;
import io.lers4j.model.Node;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

/** What routes share: the catalog, the written state, accounts and the clock. */
final class Context {

    final Catalog catalog;
    final State state;
    final Accounts accounts;
    final Clock clock;
    final Archive archive;

    Context(Catalog catalog, State state, Accounts accounts, Clock clock) {
        this.catalog = catalog;
        this.state = state;
        this.accounts = accounts;
        this.clock = clock;
        this.archive = new Archive(this);
    }

    /** The server's local time now. */
    LocalDateTime now() {
        return LocalDateTime.ofInstant(clock.instant(), Catalog.SERVER_OFFSET);
    }

    /** The start of the current hour: archives hold every hour before it and nothing after. */
    LocalDateTime currentHour() {
        return now().truncatedTo(ChronoUnit.HOURS);
    }

    Catalog.PointEntry point(int id) {
        Catalog.PointEntry p = catalog.pointById.get(id);
        if (p == null) {
            throw HttpError.notFound("Точка учёта с идентификатором " + id + " не найдена.");
        }
        return p;
    }

    Catalog.NodeEntry nodeEntry(int id) {
        Catalog.NodeEntry n = catalog.nodeById.get(id);
        if (n == null) {
            throw HttpError.notFound("Объект учёта с идентификатором " + id + " не найден.");
        }
        return n;
    }

    Catalog.TerritoryEntry territory(int id) {
        Catalog.TerritoryEntry t = catalog.territoryById.get(id);
        if (t == null) {
            throw HttpError.notFound("Территория с идентификатором " + id + " не найдена.");
        }
        return t;
    }

    /** The node as it is now (edits applied); shared, do not modify. */
    Node node(Catalog.NodeEntry entry) {
        return state.node(entry.id, entry.model);
    }

    /** A copy of the node for an answer, with the heating season of today. */
    Node nodeForAnswer(Catalog.NodeEntry entry, boolean withAttributes) {
        Node node = Models.copy(state.node(entry.id, entry.model));
        node.isHeatingSeason(entry.territory.climate.heatingSeason(now().toLocalDate().toEpochDay()));
        for (Catalog.PointEntry p : entry.points) {
            if (archive.hasActiveIncident(p)) {
                node.state(io.lers4j.model.NodeState.WARNING);
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
        Equipment original = catalog.equipment.get(id);
        return original == null ? null : state.equipment(id, original);
    }

    Equipment equipmentOrFail(int id) {
        Equipment e = equipment(id);
        if (e == null) {
            throw HttpError.notFound("Оборудование с идентификатором " + id + " не найдено.");
        }
        return e;
    }

    /** A copy of the measure point for an answer, with titles from the node as it is now. */
    MeasurePoint pointForAnswer(Catalog.PointEntry p, boolean withAttributes) {
        MeasurePoint m = Models.copy(p.model);
        Node node = state.node(p.node.id, p.node.model);
        m.parentTitle(node.getTitle()).fullTitle(node.getTitle() + " - " + p.title).address(node.getAddress());
        m.state(archive.hasActiveIncident(p) ? io.lers4j.model.MeasurePointState.WARNING
                : io.lers4j.model.MeasurePointState.NORMAL);
        if (withAttributes) {
            m.attributes(p.attributes);
        }
        return m;
    }
}
