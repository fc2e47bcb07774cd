package io.lers4j.emulator;

import io.lers4j.model.BaseSaveResponseParameters;
import io.lers4j.model.CreateIncidentRequestParameters;
import io.lers4j.model.DeviceDataType;
import io.lers4j.model.Incident;
import io.lers4j.model.IncidentGetResponseParameters;
import io.lers4j.model.IncidentImportance;
import io.lers4j.model.IncidentLog;
import io.lers4j.model.IncidentType;
import io.lers4j.model.Node;
import io.lers4j.model.SystemType;
import io.lers4j.types.LersDateTime;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Incidents (нештатные ситуации): create, read one with its log, list the active ones of a point. */
final class IncidentRoutes {

    /** .NET's DateTime.MinValue: how LERS writes "not yet" for the end of an open incident. */
    static final LersDateTime NOT_YET = LersDateTime.of(LocalDateTime.of(1, 1, 1, 0, 0));

    private final DataView data;
    private final Writes writes;

    IncidentRoutes(DataView data, Writes writes) {
        this.data = data;
        this.writes = writes;
    }

    void register(Routes r) {
        Router.Access perm = Router.Access.PERMISSION;
        r.on(Api.V1, "Incidents_CreateIncident", perm, "createIncident", this::create);
        r.on(Api.V1, "Incidents_GetById", perm, "viewIncident", this::get);
        r.on(Api.V1, "Incidents_GetActiveByMeasurePoint", perm, "viewIncident", this::active);
    }

    private static LersDateTime utc(OffsetDateTime t) {
        return LersDateTime.of(t.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS));
    }

    /** Records an incident with its first log entry; used for requests and for the initial data set. */
    Incident record(IncidentType type, IncidentImportance importance, OffsetDateTime start, OffsetDateTime end,
                    String description, String shortDescription, Catalog.NodeEntry node, Catalog.PointEntry point,
                    Integer equipmentId, String author) {
        Node n = data.node(node);
        String title = point != null ? n.getTitle() + " - " + point.title : n.getTitle();
        Incident incident = new Incident().id(writes.newIncidentId()).nodeId(node.id)
                .measurePointId(point == null ? null : point.id).equipmentId(equipmentId).incidentType(type)
                .startDate(utc(start)).endDate(end == null ? NOT_YET : utc(end)).diagDate(utc(start))
                .importance(importance).isClosed(end != null).description(description).shortDesc(shortDescription)
                .dataType(point == null ? DeviceDataType.NONE : DeviceDataType.HOUR).entityTitle(title)
                .address(n.getAddress());
        State.IncidentEntry entry = new State.IncidentEntry(incident);
        entry.log.add(new IncidentLog().id(writes.newIncidentLogId()).incidentId(incident.getId()).date(utc(start))
                .message("Нештатная ситуация зарегистрирована" + (author == null ? "" : " пользователем " + author)
                        + ": " + description).shortMessage("Зарегистрирована").incidentType(type));
        if (end != null) {
            entry.log.add(new IncidentLog().id(writes.newIncidentLogId()).incidentId(incident.getId()).date(utc(end))
                    .message("Нештатная ситуация завершена").shortMessage("Завершена").incidentType(type));
        }
        writes.addIncident(entry);
        return incident;
    }

    /** A few incidents a running installation has: open ones on some points, closed ones on others. */
    void seedInitial() {
        OffsetDateTime now = data.builtAt.atOffset(Catalog.SERVER_OFFSET).truncatedTo(ChronoUnit.HOURS);
        List<Catalog.PointEntry> points = data.points;
        for (int i = 0; i < points.size(); i++) {
            Catalog.PointEntry p = points.get(i);
            if (i % 9 == 4) {
                Object[] kind = activeKind(p.system);
                OffsetDateTime start = now.minusDays(1 + i % 5).minusHours(i % 7);
                record((IncidentType) kind[0], IncidentImportance.WARNING, start, null, (String) kind[1],
                        (String) kind[2], p.node, p, p.deviceId, null);
            } else if (i % 9 == 7) {
                OffsetDateTime start = now.minusDays(20 + i % 10).minusHours(3);
                record(IncidentType.INACCESSIBLE_DEVICE, IncidentImportance.CRITICAL, start, start.plusHours(6),
                        "Нет связи с прибором учёта более 6 часов", "Нет связи", p.node, p, p.deviceId, null);
            }
        }
    }

    private static Object[] activeKind(SystemType system) {
        if (system.equals(SystemType.HEAT)) {
            return new Object[]{IncidentType.TEMP_LESS_THAN_MIN, "Температура в подающем трубопроводе ниже допустимой",
                    "Низкая T подачи"};
        }
        if (system.equals(SystemType.HOT_WATER)) {
            return new Object[]{IncidentType.TEMP_LESS_THAN_MIN, "Температура горячей воды ниже нормы", "Низкая T ГВС"};
        }
        if (system.equals(SystemType.COLD_WATER)) {
            return new Object[]{IncidentType.PRESS_LESS_THAN_MIN, "Давление холодной воды ниже допустимого",
                    "Низкое давление"};
        }
        if (system.equals(SystemType.ELECTRICITY)) {
            return new Object[]{IncidentType.ELECTRIC_VOLTAGE_OUT_OF_RANGE, "Напряжение вне допустимого диапазона",
                    "Напряжение"};
        }
        return new Object[]{IncidentType.GAS_PRESS_OUT_OF_RANGE, "Давление газа вне допустимого диапазона",
                "Давление газа"};
    }

    private Reply create(Call call) {
        CreateIncidentRequestParameters body = call.body(CreateIncidentRequestParameters.class);
        Catalog.PointEntry point = body.getMeasurePointId() == null ? null : data.point(body.getMeasurePointId());
        Integer equipmentId = body.getEquipmentId();
        if (equipmentId != null) {
            data.equipmentOrFail(equipmentId);
        }
        Catalog.NodeEntry node;
        if (body.getNodeId() != null) {
            node = data.nodeEntry(body.getNodeId());
        } else if (point != null) {
            node = point.node;
        } else if (equipmentId != null) {
            node = data.nodeById.get(data.equipmentNode.get(equipmentId));
        } else {
            throw HttpError.badArgument("Не указан объект учёта, точка учёта или оборудование.");
        }
        if (point != null && point.node != node) {
            throw HttpError.badArgument("Точка учёта " + point.id + " не относится к объекту " + node.id + ".");
        }
        if (body.getDescription() == null || body.getDescription().isBlank()) {
            throw HttpError.badArgument("Не указано описание нештатной ситуации.");
        }
        OffsetDateTime now = data.instant().atOffset(Catalog.SERVER_OFFSET);
        OffsetDateTime start = body.getStartDate() == null ? now
                : body.getStartDate().atOffsetIfAbsent(Catalog.SERVER_OFFSET);
        Incident incident = record(body.getIncidentType() == null ? IncidentType.CUSTOM : body.getIncidentType(),
                body.getImportance() == null ? IncidentImportance.WARNING : body.getImportance(), start, null,
                body.getDescription(), body.getShortDescription() == null ? body.getDescription()
                        : body.getShortDescription(), node, point, equipmentId, call.session.account.model.getDisplayName());
        return Reply.json(201, new BaseSaveResponseParameters().id(incident.getId())
                .dateTime(AccountRoutes.serverTime(data.instant())).editVersion(writes.newRowVersion()));
    }

    Reply get(Call call) {
        int id = call.intParam("id");
        State.IncidentEntry e = data.incident(id);
        if (e == null) {
            throw HttpError.notFound("Нештатная ситуация с идентификатором " + id + " не найдена.");
        }
        return Reply.json(new IncidentGetResponseParameters().incident(e.incident).log(new ArrayList<>(e.log)));
    }

    Reply active(Call call) {
        Catalog.PointEntry p = data.point(call.intParam("measurePointId"));
        List<Incident> out = new ArrayList<>();
        for (State.IncidentEntry e : data.incidentsOfPoint(p.id)) {
            if (!Boolean.TRUE.equals(e.incident.getIsClosed())) {
                out.add(e.incident);
            }
        }
        return Reply.json(out);
    }
}
