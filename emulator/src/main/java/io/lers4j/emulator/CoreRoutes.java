package io.lers4j.emulator;

import io.lers4j.model.BackupPollSettings;
import io.lers4j.model.Customer;
import io.lers4j.model.DataParameter;
import io.lers4j.model.DeviceDataType;
import io.lers4j.model.DiagParam;
import io.lers4j.model.Equipment;
import io.lers4j.model.EquipmentModel;
import io.lers4j.model.FrequencyType;
import io.lers4j.model.GetEquipmentListResponseParameters;
import io.lers4j.model.GetEquipmentResponseParameters;
import io.lers4j.model.GetMeasurePointListResponseParameters;
import io.lers4j.model.GetMeasurePointResponseParameters;
import io.lers4j.model.GetNodeListResponseParameters;
import io.lers4j.model.HeatLoss;
import io.lers4j.model.IncidentType;
import io.lers4j.model.MeasurePoint;
import io.lers4j.model.MeasurePointLastConsumptionParameters;
import io.lers4j.model.MeasurePointReport;
import io.lers4j.model.MeasurePointType;
import io.lers4j.model.MeasuredParameterUnitCollection;
import io.lers4j.model.Node;
import io.lers4j.model.NodeEquipment;
import io.lers4j.model.NodeGroupWithMembers;
import io.lers4j.model.NodeJobDTO;
import io.lers4j.model.NodeJobState;
import io.lers4j.model.NodeSignaling;
import io.lers4j.model.NodeSupplier;
import io.lers4j.model.NodeType;
import io.lers4j.model.PollTask;
import io.lers4j.model.PollTaskMeasurePoint;
import io.lers4j.model.PollTaskPriority;
import io.lers4j.model.PollTaskState;
import io.lers4j.model.PollTaskType;
import io.lers4j.model.Report;
import io.lers4j.model.Schedule;
import io.lers4j.model.Sensor;
import io.lers4j.model.ServiceCompany;
import io.lers4j.model.Serviceman;
import io.lers4j.model.Supplier;
import io.lers4j.model.SystemType;
import io.lers4j.model.Territory;
import io.lers4j.model.Unit;
import io.lers4j.types.LersDateTime;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Core: territories, nodes, measure points, equipment, node groups and jobs (v1; v0.1 reads reuse the handlers). */
final class CoreRoutes {

    private final DataView data;
    private final Writes writes;

    CoreRoutes(DataView data, Writes writes) {
        this.data = data;
        this.writes = writes;
    }

    void register(Routes r) {
        Router.Access any = Router.Access.AUTHENTICATED;
        Router.Access perm = Router.Access.PERMISSION;
        r.on(Api.V1, "Territories_GetList", any, null, this::territories);
        r.on(Api.V1, "Territories_GetById", any, null, this::territory);
        r.on(Api.V1, "Nodes_GetNodes", any, null, this::nodes);
        r.on(Api.V1, "Nodes_UpdateNode", perm, "editNode", this::patchNode);
        r.on(Api.V1, "Nodes_GetNodeMeasurePoints", any, null, this::nodePoints);
        r.on(Api.V1, "Nodes_GetNodeCommunalMeasurePoints", any, null, this::communalPoints);
        r.on(Api.V1, "MeasurePoints_GetMeasurePoints", any, null, this::points);
        r.on(Api.V1, "MeasurePoints_GetById", any, null, this::point);
        r.on(Api.V1, "Equipment_GetEquipmentList", any, null, this::equipmentList);
        r.on(Api.V1, "Equipment_GetEquipment", any, null, this::equipment);
        r.on(Api.V1, "Equipment_UpdateEquipment", perm, "editEquipment", this::patchEquipment);
        r.on(Api.V1, "NodeGroups_GetNodeGroups", any, null, this::nodeGroups);
        r.on(Api.V1, "NodeJobs_GetList", any, null, this::nodeJobs);
    }

    // ------------------------------------------------------------------ territories

    Reply territories(Call call) {
        List<Territory> out = new ArrayList<>();
        data.territories.forEach(t -> out.add(t.model));
        return Reply.json(out);
    }

    Reply territory(Call call) {
        return Reply.json(data.territory(call.intParam("id")).model);
    }

    // ------------------------------------------------------------------ nodes

    Reply nodes(Call call) {
        Integer groupId = call.intQuery("nodeGroupId");
        NodeType type = call.enumQuery("nodeType", NodeType.values(), NodeType::getValue);
        Set<Integer> members = null;
        if (groupId != null) {
            Catalog.GroupEntry group = data.groups.stream().filter(g -> g.model.getId().equals(groupId))
                    .findFirst().orElseThrow(() -> HttpError.notFound("Группа объектов с идентификатором " + groupId
                            + " не найдена."));
            members = new HashSet<>(group.members);
        }
        boolean attributes = call.flag("getAttributes");
        List<Catalog.NodeEntry> selected = new ArrayList<>();
        List<Node> nodes = new ArrayList<>();
        for (Catalog.NodeEntry n : data.nodes) {
            if ((members == null || members.contains(n.id)) && (type == null || n.kind.type.equals(type))) {
                selected.add(n);
                nodes.add(data.nodeForAnswer(n, attributes));
            }
        }
        GetNodeListResponseParameters out = new GetNodeListResponseParameters().nodes(nodes);
        if (call.flag("getMeasurePoints")) {
            List<MeasurePoint> points = new ArrayList<>();
            selected.forEach(n -> n.points.forEach(p -> points.add(data.pointForAnswer(p, attributes))));
            out.measurePoints(points);
        }
        if (call.flag("getServicemen")) {
            Set<Integer> ids = new HashSet<>();
            nodes.forEach(n -> ids.add(n.getServicemanId()));
            List<Serviceman> list = new ArrayList<>();
            data.servicemen.forEach(s -> {
                if (ids.contains(s.getId())) {
                    list.add(s);
                }
            });
            out.servicemen(list);
        }
        if (call.flag("getServiceCompanies")) {
            Set<Integer> ids = new HashSet<>();
            nodes.forEach(n -> ids.add(n.getServiceCompanyId()));
            List<ServiceCompany> list = new ArrayList<>();
            data.serviceCompanies.forEach(s -> {
                if (ids.contains(s.getId())) {
                    list.add(s);
                }
            });
            out.serviceCompanies(list);
        }
        Set<Integer> nodeIds = new HashSet<>();
        selected.forEach(n -> nodeIds.add(n.id));
        if (call.flag("getSignaling")) {
            List<NodeSignaling> list = new ArrayList<>();
            data.signaling.forEach(s -> {
                if (nodeIds.contains(s.getNodeId())) {
                    list.add(s);
                }
            });
            out.signaling(list);
        }
        if (call.flag("getCustomers")) {
            Map<Integer, Customer> customers = new LinkedHashMap<>();
            nodes.forEach(n -> {
                if (n.getCustomerId() != null && data.customers.containsKey(n.getCustomerId())) {
                    customers.put(n.getCustomerId(), data.customers.get(n.getCustomerId()));
                }
            });
            out.customers(new ArrayList<>(customers.values()));
        }
        if (call.flag("getSuppliers")) {
            List<NodeSupplier> links = new ArrayList<>();
            Set<Integer> supplierIds = new LinkedHashSet<>();
            data.nodeSuppliers.forEach(s -> {
                if (nodeIds.contains(s.getNodeId())) {
                    links.add(s);
                    supplierIds.add(s.getSupplierId());
                }
            });
            List<Supplier> suppliers = new ArrayList<>();
            data.suppliers.forEach(s -> {
                if (supplierIds.contains(s.getId())) {
                    suppliers.add(s);
                }
            });
            out.nodeSuppliers(links).suppliers(suppliers);
        }
        Set<Integer> territoryIds = new HashSet<>();
        nodes.forEach(n -> territoryIds.add(n.getTerritoryId()));
        List<Territory> territories = new ArrayList<>();
        data.territories.forEach(t -> {
            if (territoryIds.contains(t.id())) {
                territories.add(t.model);
            }
        });
        out.territories(territories);
        return Reply.json(out);
    }

    private Reply patchNode(Call call) {
        Catalog.NodeEntry entry = data.nodeEntry(call.intParam("id"));
        synchronized (entry) {
            Node patched = JsonPatch.apply(data.node(entry), Node.class, call.bodyTree(), Set.of("id"), "Node");
            if (patched.getTerritoryId() == null || !data.territoryById.containsKey(patched.getTerritoryId())) {
                throw HttpError.notFound("Территория с идентификатором " + patched.getTerritoryId() + " не найдена.");
            }
            writes.replaceNode(entry.id, patched);
        }
        return Reply.empty(200);
    }

    // ------------------------------------------------------------------ measure points

    Reply nodePoints(Call call) {
        Catalog.NodeEntry node = data.nodeEntry(call.intParam("nodeId"));
        return pointList(call, node.points, MeasurePointType.REGULAR);
    }

    private Reply communalPoints(Call call) {
        Catalog.NodeEntry node = data.nodeEntry(call.intParam("houseId"));
        return pointList(call, node.points, MeasurePointType.COMMUNAL);
    }

    Reply points(Call call) {
        MeasurePointType type = call.enumQuery("type", MeasurePointType.values(), MeasurePointType::getValue);
        return pointList(call, data.points, type);
    }

    Reply pointList(Call call, List<Catalog.PointEntry> source, MeasurePointType type) {
        boolean attributes = call.flag("getAttributes");
        List<Catalog.PointEntry> selected = new ArrayList<>();
        List<MeasurePoint> points = new ArrayList<>();
        for (Catalog.PointEntry p : source) {
            if (type == null || p.type.equals(type)) {
                selected.add(p);
                points.add(data.pointForAnswer(p, attributes));
            }
        }
        GetMeasurePointListResponseParameters out = new GetMeasurePointListResponseParameters().measurePoints(points);
        if (call.flag("getEquipment")) {
            Map<Integer, Equipment> equipment = new LinkedHashMap<>();
            Map<Integer, EquipmentModel> models = new LinkedHashMap<>();
            for (Catalog.PointEntry p : selected) {
                for (Integer id : new Integer[]{p.deviceId, p.counterId}) {
                    Equipment e = id == null ? null : data.equipment(id);
                    if (e != null) {
                        equipment.put(id, e);
                        models.put(e.getEquipmentModelId(), data.models.get(e.getEquipmentModelId()));
                    }
                }
            }
            out.equipment(new ArrayList<>(equipment.values())).equipmentModels(new ArrayList<>(models.values()));
        }
        if (call.flag("getCustomers")) {
            Map<Integer, Customer> customers = new LinkedHashMap<>();
            for (Catalog.PointEntry p : selected) {
                Integer id = p.model.getCustomerId();
                if (id != null && data.customers.containsKey(id)) {
                    customers.put(id, data.customers.get(id));
                }
            }
            out.customers(new ArrayList<>(customers.values()));
        }
        if (call.flag("getLastConsumption")) {
            List<MeasurePointLastConsumptionParameters> last = new ArrayList<>();
            for (Catalog.PointEntry p : selected) {
                Map.Entry<java.time.LocalDateTime, DeviceDataType> key = data.archive.lastKey(p);
                if (key != null) {
                    last.add(new MeasurePointLastConsumptionParameters().measurePointId(p.id)
                            .dateTime(LersDateTime.of(key.getKey())).dataType(key.getValue()));
                }
            }
            out.lastConsumption(last);
        }
        return Reply.json(out);
    }

    Reply point(Call call) {
        Catalog.PointEntry p = data.point(call.intParam("id"));
        boolean water = p.resource.equals(io.lers4j.model.ResourceKind.WATER);
        MeasurePoint mp = data.pointForAnswer(p, call.flag("getAttributes"));
        mp.measuredParameterUnitCollection(new MeasuredParameterUnitCollection().none(Unit.NONE)
                .temperature(Unit.CELSIUS_DEGREE).pressure(Unit.TECHNICAL_AT).mass(Unit.TON).volume(Unit.CUBIC_METER)
                .heat(Unit.GIGA_CALORIE).time(Unit.HOUR).activeElectricalEnergy(Unit.KILOWATT_HOUR)
                .reactiveElectricalEnergy(Unit.KILOVAR_HOUR));
        Equipment device = data.equipment(p.deviceId);
        boolean reduced = call.flag("getDeviceReduced");
        if ((call.flag("getDevice") || reduced) && device != null) {
            mp.device(reduced ? reduce(device) : device)
                    .deviceEquipmentModel(data.models.get(device.getEquipmentModelId()));
        }
        GetMeasurePointResponseParameters out = new GetMeasurePointResponseParameters().measurePoint(mp)
                .node(data.nodeForAnswer(p.node, false))
                .isHeatingSeason(p.node.territory.climate.heatingSeason(data.now().toLocalDate().toEpochDay()));
        if (water && p.type.equals(MeasurePointType.REGULAR)) {
            out.defaultSupplyPressure(6).defaultReturnPressure(4);
        }
        if (call.flag("getDevice")) {
            out.nodeEquipment(equipmentListOf(p.node.equipmentIds));
        }
        if (call.flag("getAttributes")) {
            out.attributes(p.attributes);
        }
        if (call.flag("getCustomer") && p.model.getCustomerId() != null) {
            out.customer(data.customers.get(p.model.getCustomerId()));
        }
        if (call.flag("getDiagParams")) {
            out.diagWinterParams(diagParams(p, true)).diagSummerParams(diagParams(p, false))
                    .userDiagParams(new ArrayList<>()).dataCopySettings(new ArrayList<>()).expressions(new ArrayList<>());
        }
        if (call.flag("getAutoPollTask")) {
            out.pollTaskList(List.of(autoPollTask(p))).pollPorts(List.of(data.pollPort))
                    .backupPoll(new BackupPollSettings().enabled(false).startTime(0).runOnAutoPollAttemptsEnded(false));
        }
        if (call.flag("getDeviceBinding")) {
            List<io.lers4j.model.DeviceChannelObject> channels = new ArrayList<>();
            data.channelsByDevice.getOrDefault(p.deviceId, List.of()).forEach(c -> {
                if (c.getMeasurePointId() == p.id) {
                    channels.add(c);
                }
            });
            out.channels(channels).cells(new ArrayList<>()).addressMap(new ArrayList<>()).modbusBindings(new ArrayList<>());
        }
        if (call.flag("getHeatLoss")) {
            out.heatLoss(p.system.equals(SystemType.HEAT) ? List.of(heatLoss(p)) : new ArrayList<>());
        }
        if (call.flag("getSensor")) {
            List<Sensor> sensors = new ArrayList<>();
            for (int id : p.sensorIds) {
                Equipment e = data.equipment(id);
                EquipmentModel model = data.models.get(e.getEquipmentModelId());
                DataParameter parameter = Boolean.TRUE.equals(model.getIsTemperatureSensor()) ? DataParameter.T_IN
                        : sensors.isEmpty() ? DataParameter.V_IN : DataParameter.V_OUT;
                sensors.add(new Sensor().equipmentId(id).equipment(e).measurePointId(p.id).parameter(parameter));
            }
            out.sensorList(sensors);
        }
        if (call.flag("getReports")) {
            Report report = data.reportFor(p.system);
            io.lers4j.model.ReportTemplate template = data.reportTemplates.get(report.getReportTemplateId());
            out.reports(List.of(new MeasurePointReport().measurePointId(p.id).measurePointTitle(p.title)
                            .reportId(report.getId()).reportTitle(report.getTitle()).reportTemplateId(template.getId())
                            .reportTemplateTitle(template.getTitle())))
                    .availableReportTemplates(List.of(template)).reportsWithAvailableReportTemplates(List.of(report));
        }
        if (call.flag("getCounter") && p.counterId != null) {
            Equipment counter = data.equipment(p.counterId);
            out.counter(counter).counterModel(data.models.get(counter.getEquipmentModelId()));
        }
        return Reply.json(out);
    }

    private static List<DiagParam> diagParams(Catalog.PointEntry p, boolean winter) {
        List<DiagParam> out = new ArrayList<>();
        DeviceDataType types = DeviceDataType.fromValue("Hour, Day");
        if (p.system.equals(SystemType.HEAT)) {
            out.add(new DiagParam().incidentType(IncidentType.TEMP_LESS_THAN_MIN).isEnabled(winter).value1(winter ? 55f : 0f)
                    .value2(0f).recordCount(3).diagDataTypes(types));
            out.add(new DiagParam().incidentType(IncidentType.MEASURE_POINT_MASS_IMBALANCE).isEnabled(true).value1(4f)
                    .value2(0f).recordCount(2).diagDataTypes(types));
        } else if (p.system.equals(SystemType.HOT_WATER)) {
            out.add(new DiagParam().incidentType(IncidentType.TEMP_LESS_THAN_MIN).isEnabled(true).value1(60f).value2(0f)
                    .recordCount(3).diagDataTypes(types));
        } else if (p.system.equals(SystemType.COLD_WATER)) {
            out.add(new DiagParam().incidentType(IncidentType.PRESS_LESS_THAN_MIN).isEnabled(true).value1(2.5f).value2(0f)
                    .recordCount(2).diagDataTypes(types));
        } else if (p.system.equals(SystemType.GAS)) {
            out.add(new DiagParam().incidentType(IncidentType.GAS_PRESS_OUT_OF_RANGE).isEnabled(true).value1(1.0f)
                    .value2(1.6f).recordCount(1).diagDataTypes(types));
        }
        out.add(new DiagParam().incidentType(IncidentType.INACCESSIBLE_DEVICE).isEnabled(true).value1(24f).value2(0f)
                .recordCount(1).diagDataTypes(DeviceDataType.HOUR));
        return out;
    }

    private PollTask autoPollTask(Catalog.PointEntry p) {
        int taskId = 100 + p.node.id;
        return new PollTask().id(taskId).state(PollTaskState.READY).attempt(0).title("Автоопрос: " + p.node.model.getTitle())
                .type(PollTaskType.AUTO).maxAttempts(3).nextAttemptDelay(10).isRemoteConsoleMode(false)
                .loadAbsentDataOnly(true).priority(PollTaskPriority.NORMAL).creatorAccountId(1)
                .schedule(new Schedule().enabled(true).freqType(FrequencyType.EVERY_DAY).freqInterval(1).startTime(60)
                        .retryInterval(30).endTime(1380))
                .measurePoints(List.of(new PollTaskMeasurePoint().taskId(taskId).measurePointId(p.id)
                        .performTimeCorrection(true).requestedDataMask(DeviceDataType.fromValue("Hour, Day, Month, Totals"))
                        .isDefault(true).startIfDefaultFailed(false).isContinuous(false)));
    }

    private HeatLoss heatLoss(Catalog.PointEntry p) {
        double load = ((Meters.Heat) p.meter).designLoad();
        float[] share = {0.16f, 0.14f, 0.12f, 0.08f, 0.03f, 0.02f, 0.02f, 0.02f, 0.04f, 0.09f, 0.12f, 0.16f};
        float year = (float) (load * 24 * 365 * 0.012);
        return new HeatLoss().measurePointId(p.id).year(data.now().getYear()).jan(year * share[0]).feb(year * share[1])
                .mar(year * share[2]).apr(year * share[3]).may(year * share[4]).jun(year * share[5]).jul(year * share[6])
                .aug(year * share[7]).sep(year * share[8]).oct(year * share[9]).nov(year * share[10]).dec(year * share[11])
                .percent(1.2f).hour((float) (load * 0.012));
    }

    // ------------------------------------------------------------------ equipment

    GetEquipmentListResponseParameters equipmentListOf(Iterable<Integer> ids) {
        List<Equipment> list = new ArrayList<>();
        Map<Integer, EquipmentModel> models = new LinkedHashMap<>();
        Map<Integer, Node> nodes = new LinkedHashMap<>();
        List<NodeEquipment> links = new ArrayList<>();
        for (int id : ids) {
            Equipment e = data.equipment(id);
            if (e == null) {
                continue;
            }
            list.add(e);
            models.putIfAbsent(e.getEquipmentModelId(), data.models.get(e.getEquipmentModelId()));
            int nodeId = data.equipmentNode.get(id);
            nodes.computeIfAbsent(nodeId, k -> data.nodeForAnswer(data.nodeById.get(k), false));
            links.add(new NodeEquipment().nodeId(nodeId).equipmentId(id));
        }
        return new GetEquipmentListResponseParameters()._list(list).modelList(new ArrayList<>(models.values()))
                .nodes(new ArrayList<>(nodes.values())).nodeEquipment(links);
    }

    Reply equipmentList(Call call) {
        List<Integer> ids = call.intQueryValues("id");
        return Reply.json(equipmentListOf(ids.isEmpty() ? data.equipment.keySet() : ids));
    }

    private static Equipment reduce(Equipment e) {
        return new Equipment().id(e.getId()).equipmentModelId(e.getEquipmentModelId()).serialNumber(e.getSerialNumber())
                .networkAddress(e.getNetworkAddress()).comment(e.getComment());
    }

    Reply equipment(Call call) {
        int id = call.intParam("id");
        Equipment e = data.equipmentOrFail(id);
        boolean reduced = call.flag("getReduced");
        GetEquipmentResponseParameters out = new GetEquipmentResponseParameters().equipment(reduced ? reduce(e) : e)
                .model(data.models.get(e.getEquipmentModelId()))
                .nodes(List.of(data.nodeForAnswer(data.nodeById.get(data.equipmentNode.get(id)), false)));
        if (call.flag("getBindings")) {
            List<MeasurePoint> points = new ArrayList<>();
            for (int pointId : data.pointsByEquipment.getOrDefault(id, List.of())) {
                points.add(data.pointForAnswer(data.pointById.get(pointId), false));
            }
            out.channelBind(data.channelsByDevice.getOrDefault(id, List.of())).cellBind(new ArrayList<>())
                    .addressBind(new ArrayList<>()).modbusBindings(new ArrayList<>()).measurePoints(points);
        }
        return Reply.json(out);
    }

    private Reply patchEquipment(Call call) {
        int id = call.intParam("id");
        data.equipmentOrFail(id);
        synchronized (data.equipment.get(id)) { // the catalog's object is never replaced: a stable lock
            Equipment patched = JsonPatch.apply(data.equipment(id), Equipment.class, call.bodyTree(),
                    Set.of("id", "equipmentModelId"), "Equipment");
            writes.replaceEquipment(id, patched);
        }
        return Reply.empty(200);
    }

    // ------------------------------------------------------------------ groups and jobs

    private Reply nodeGroups(Call call) {
        Integer nodeId = call.intQuery("nodeId");
        if (nodeId != null) {
            data.nodeEntry(nodeId);
        }
        List<NodeGroupWithMembers> out = new ArrayList<>();
        for (Catalog.GroupEntry g : data.groups) {
            if (nodeId == null || g.members.contains(nodeId)) {
                out.add(new NodeGroupWithMembers().nodeGroup(g.model).members(g.members));
            }
        }
        return Reply.json(out);
    }

    private Reply nodeJobs(Call call) {
        boolean incomplete = call.flag("incomplete");
        List<NodeJobDTO> out = new ArrayList<>();
        for (NodeJobDTO job : data.jobs) {
            if (!incomplete || !job.getState().equals(NodeJobState.COMPLETED)) {
                out.add(job);
            }
        }
        return Reply.json(out);
    }
}
