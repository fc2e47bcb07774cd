package io.lers4j.emulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.reflect.TypeToken;
import io.lers4j.model.DataParameter;
import io.lers4j.model.DataParameterCategory;
import io.lers4j.model.GetEquipmentListResponseParameters;
import io.lers4j.model.Incident;
import io.lers4j.model.MeasurePointType;
import io.lers4j.model.Node;
import io.lers4j.model.NodeJobDTO;
import io.lers4j.model.NodeJobState;
import io.lers4j.model.PublicAccount;
import io.lers4j.model.Serviceman;
import io.lers4j.model.Supplier;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The v0.1 operations field clients call that read or change the same data set as v1: logins and
 * logouts (tokens are shared with v1), the current account with its rights as AccessRight names,
 * nodes, measure points, territories, equipment, incidents, node jobs and groups, organisations,
 * data parameter descriptors, and the archive reads and writes v0.1 shares with v1. Most reuse the
 * v1 handlers and reshape their answers into the v0.1 models.
 */
final class V01CoreRoutes {

    private static final Type ID_LIST = new TypeToken<List<Integer>>() { }.getType();

    private final DataView data;
    private final Accounts accounts;
    private final V01Answers v01;
    private final CoreRoutes core;
    private final AccountRoutes login;
    private final DataRoutes records;
    private final IncidentRoutes incidents;

    V01CoreRoutes(DataView data, Accounts accounts, V01Answers v01, CoreRoutes core, AccountRoutes login,
                  DataRoutes records, IncidentRoutes incidents) {
        this.data = data;
        this.accounts = accounts;
        this.v01 = v01;
        this.core = core;
        this.login = login;
        this.records = records;
        this.incidents = incidents;
    }

    void register(Routes r) {
        Router.Access any = Router.Access.AUTHENTICATED;
        Router.Access perm = Router.Access.PERMISSION;
        Api v = Api.V01;
        r.on(v, "Login_LoginPlain", Router.Access.ANONYMOUS, null, login::loginPlain);
        r.on(v, "Login_LoginWindows", any, null, login::loginWindows);
        r.on(v, "Login_GetCurrentLogin", any, null, this::currentLogin);
        r.on(v, "Logout_LogoutCurrentToken", any, null, this::logoutToken);
        r.on(v, "Logout_LogoutCurrent", any, null, this::logoutAccount);
        r.on(v, "Logout_LogoutUser", perm, "closeUserSession", this::logoutUser);
        r.on(v, "Descriptors_GetListForDataParameters", Router.Access.ANONYMOUS, null, this::descriptors);

        r.on(v, "Territories_GetList", any, null, v01.reusing("Territories_GetList", core::territories));
        r.on(v, "Territories_GetById", any, null, v01.reusing("Territories_GetById", core::territory));
        r.on(v, "Nodes_GetNodes", any, null, v01.reusing("Nodes_GetNodes", core::nodes));
        r.on(v, "Nodes_GetNodeById", any, null, this::node);
        r.on(v, "MeasurePoints_GetMeasurePoints", any, null,
                v01.reusing("MeasurePoints_GetMeasurePoints", core::points));
        r.on(v, "Put_GetMeasurePoints", any, null, v01.reusing("Put_GetMeasurePoints", this::pointsById));
        r.on(v, "MeasurePoints_GetById", any, null, v01.reusing("MeasurePoints_GetById", core::point));
        r.on(v, "MeasurePoints_GetMeasurePointsByNodeId", any, null,
                v01.reusing("MeasurePoints_GetMeasurePointsByNodeId", this::pointsOfNode));
        r.on(v, "Equipment_GetEquipmentList", any, null,
                v01.reusing("Equipment_GetEquipmentList", core::equipmentList));
        r.on(v, "Put_GetEquipmentList", any, null, v01.reusing("Put_GetEquipmentList",
                call -> Reply.json(core.equipmentListOf(call.<List<Integer>>body(ID_LIST)))));
        r.on(v, "Equipment_GetEquipmentListByNodeId", any, null, v01.reusing("Equipment_GetEquipmentListByNodeId",
                call -> Reply.json(core.equipmentListOf(data.nodeEntry(call.intParam("nodeId")).equipmentIds))));
        r.on(v, "Equipment_GetEquipment", any, null, v01.reusing("Equipment_GetEquipment", core::equipment));
        r.on(v, "EquipmentModels_GetList", any, null,
                call -> v01.answer("EquipmentModels_GetList", new ArrayList<>(data.models.values())));
        r.on(v, "EquipmentModels_GetById", any, null, call -> v01.answer("EquipmentModels_GetById",
                known(data.models.get(call.intParam("id")), "Модель оборудования", call.intParam("id"))));
        r.on(v, "NodeGroups_GetList", any, null, this::nodeGroups);
        r.on(v, "NodeGroups_GetById", any, null, this::nodeGroup);
        r.on(v, "NodeJobs_GetList", any, null, this::nodeJobs);
        r.on(v, "NodeJobs_GetById", any, null, this::nodeJob);
        r.on(v, "Customers_GetCustomers", any, null,
                call -> v01.answer("Customers_GetCustomers", new ArrayList<>(data.customers.values())));
        r.on(v, "Customers_GetCustomer", any, null, call -> v01.answer("Customers_GetCustomer",
                known(data.customers.get(call.intParam("id")), "Потребитель", call.intParam("id"))));
        r.on(v, "Suppliers_GetSuppliers", any, null, call -> v01.answer("Suppliers_GetSuppliers", data.suppliers));
        r.on(v, "Suppliers_GetSupplier", any, null, call -> v01.answer("Suppliers_GetSupplier", known(
                find(data.suppliers, s -> s.getId() == call.intParam("id")), "Поставщик", call.intParam("id"))));
        r.on(v, "ServiceCompanies_GetServiceCompanies", any, null,
                call -> v01.answer("ServiceCompanies_GetServiceCompanies", data.serviceCompanies));
        r.on(v, "ServiceCompanies_GetServiceCompany", any, null, call -> v01.answer("ServiceCompanies_GetServiceCompany",
                known(find(data.serviceCompanies, s -> s.getId() == call.intParam("id")), "Обслуживающая организация",
                        call.intParam("id"))));

        r.on(v, "Incidents_GetById", perm, "viewIncident", v01.reusing("Incidents_GetById", incidents::get));
        r.on(v, "Incidents_GetByMeasurePoint", perm, "viewIncident",
                v01.reusing("Incidents_GetByMeasurePoint", incidents::active));
        r.on(v, "Incidents_GetActive", perm, "viewIncident",
                call -> v01.answer("Incidents_GetActive", incidentsWhere(i -> !Boolean.TRUE.equals(i.getIsClosed()))));
        r.on(v, "Incidents_GetByNode", perm, "viewIncident", this::incidentsOfNode);
        r.on(v, "Incidents_GetActiveForNodeGroup", perm, "viewIncident", this::incidentsOfGroup);
        r.on(v, "Incidents_GetForPeriod", perm, "viewIncident", this::incidentsOfPeriod);

        r.on(v, "MeasurePointConsumption_GetConsumption", perm, "viewData",
                v01.reusing("MeasurePointConsumption_GetConsumption", records::consumption));
        r.on(v, "MeasurePointTotals_GetTotals", perm, "viewData",
                v01.reusing("MeasurePointTotals_GetTotals", records::totals));
        r.on(v, "MeasurePointDeviceErrors_GetErrors", perm, "viewDeviceEvents",
                v01.reusing("MeasurePointDeviceErrors_GetErrors", records::deviceErrors));
        r.on(v, "MeasurePointData_SaveData", perm, "saveData", call -> records.saveData(asV1(call)));
        r.on(v, "MeasurePointConsumption_SetCurrentArchive", perm, "saveData",
                call -> records.setCurrentArchive(asV1(call)));
        r.on(v, "MeasurePointTotals_SetTotals", perm, "saveData", call -> records.setTotals(asV1(call)));
    }

    private static <T> T find(List<T> list, Predicate<T> which) {
        for (T t : list) {
            if (which.test(t)) {
                return t;
            }
        }
        return null;
    }

    private static <T> T known(T value, String what, int id) {
        if (value == null) {
            throw HttpError.notFound(what + " с идентификатором " + id + " не найден.");
        }
        return value;
    }

    // ------------------------------------------------------------------ accounts

    /** v0.1 lists the rights as AccessRight names: {@code ViewData}, where v1 writes {@code viewData}. */
    private Reply currentLogin(Call call) {
        Accounts.AccountEntry a = call.session.account;
        JsonObject out = new JsonObject();
        out.add("account", Reply.GSON.toJsonTree(a.model));
        JsonArray rights = new JsonArray();
        for (String p : a.permissions) {
            rights.add(Character.toUpperCase(p.charAt(0)) + p.substring(1));
        }
        out.add("permissions", rights);
        out.add("accountGroups", Reply.GSON.toJsonTree(a.groups));
        return v01.answer("Login_GetCurrentLogin", out);
    }

    private Reply logoutToken(Call call) {
        accounts.revoke(call.header("Authorization"));
        return Reply.empty(200);
    }

    private Reply logoutAccount(Call call) {
        accounts.revokeAll(call.session.account);
        return Reply.empty(200);
    }

    private Reply logoutUser(Call call) {
        Accounts.AccountEntry a = accounts.findById(call.intParam("id"));
        if (a == null) {
            throw HttpError.notFound("Учётная запись с идентификатором " + call.param("id") + " не найдена.");
        }
        accounts.revokeAll(a);
        return Reply.empty(200);
    }

    /** Titles of the parameters the emulator's meters record; others are titled by their name. */
    private static final Map<String, String[]> TITLES = Map.ofEntries(
            Map.entry("T_in", new String[]{"Температура в подающем трубопроводе", "T1"}),
            Map.entry("T_out", new String[]{"Температура в обратном трубопроводе", "T2"}),
            Map.entry("T_cw", new String[]{"Температура холодной воды", "Tхв"}),
            Map.entry("M_in", new String[]{"Масса в подающем трубопроводе", "M1"}),
            Map.entry("M_out", new String[]{"Масса в обратном трубопроводе", "M2"}),
            Map.entry("V_in", new String[]{"Объём в подающем трубопроводе", "V1"}),
            Map.entry("V_out", new String[]{"Объём в обратном трубопроводе", "V2"}),
            Map.entry("Q_in", new String[]{"Тепловая энергия в подающем трубопроводе", "Q1"}),
            Map.entry("Q_out", new String[]{"Тепловая энергия в обратном трубопроводе", "Q2"}),
            Map.entry("Q_delta", new String[]{"Потреблённая тепловая энергия", "Q"}),
            Map.entry("P_in", new String[]{"Давление в подающем трубопроводе", "P1"}),
            Map.entry("P_out", new String[]{"Давление в обратном трубопроводе", "P2"}),
            Map.entry("P_cw", new String[]{"Давление холодной воды", "Pхв"}),
            Map.entry("NormalOperationDuration", new String[]{"Время нормальной работы", "Tнр"}),
            Map.entry("T", new String[]{"Температура газа", "T"}),
            Map.entry("P", new String[]{"Давление газа", "P"}),
            Map.entry("V", new String[]{"Рабочий объём газа", "Vр"}),
            Map.entry("V_std", new String[]{"Стандартный объём газа", "Vст"}),
            Map.entry("Ap", new String[]{"Активная энергия, приём", "A+"}),
            Map.entry("An", new String[]{"Активная энергия, отдача", "A-"}),
            Map.entry("Rp", new String[]{"Реактивная энергия, приём", "R+"}),
            Map.entry("Rn", new String[]{"Реактивная энергия, отдача", "R-"}),
            Map.entry("Ap1", new String[]{"Активная энергия, приём, тариф 1", "A+ T1"}),
            Map.entry("Ap2", new String[]{"Активная энергия, приём, тариф 2", "A+ T2"}),
            Map.entry("Ap3", new String[]{"Активная энергия, приём, тариф 3", "A+ T3"}));

    private static final Map<String, String> CATEGORY_TITLES = Map.of("Temperature", "Температура",
            "Pressure", "Давление", "Mass", "Масса", "Volume", "Объём", "Heat", "Тепловая энергия", "Time", "Время",
            "ActiveElectricalEnergy", "Активная электроэнергия", "ReactiveElectricalEnergy", "Реактивная электроэнергия",
            "None", "Без размерности");

    private static final Map<String, String> UNIT_TITLES = Map.of("CelsiusDegree", "°C", "TechnicalAt", "кгс/см²",
            "Ton", "т", "CubicMeter", "м³", "GigaCalorie", "Гкал", "Hour", "ч", "KilowattHour", "кВт·ч",
            "KilovarHour", "квар·ч", "None", "");

    /**
     * A descriptor of every data parameter the v0.1 document lists: titles, category and its system
     * unit, additivity (sums versus means), and the systems and resources whose points record it in
     * the data set; what the emulator does not model is left as .NET leaves an unset member.
     */
    private Reply descriptors(Call call) {
        Map<String, Set<String>> systems = new LinkedHashMap<>();
        Map<String, Set<String>> resources = new LinkedHashMap<>();
        for (Catalog.PointEntry p : data.points) {
            for (DataParameter parameter : p.meter.parameters) {
                systems.computeIfAbsent(parameter.getValue(), k -> new LinkedHashSet<>()).add(p.system.getValue());
                resources.computeIfAbsent(parameter.getValue(), k -> new LinkedHashSet<>())
                        .add(p.resource.getValue());
            }
        }
        JsonArray out = new JsonArray();
        JsonObject descriptor = V01Answers.ref("DataParameterDescriptorDTO");
        for (JsonElement value : v01.document.definition("DataParameter").getAsJsonArray("enum")) {
            String name = value.getAsString();
            if (name.equals("None")) {
                continue;
            }
            DataParameter parameter = DataParameter.fromValue(name);
            DataParameterCategory category = Catalog.categoryOf(parameter);
            String unit = Catalog.systemUnit(category).getValue();
            String[] titles = TITLES.getOrDefault(name, new String[]{name, name});
            JsonObject d = v01.projection.unset(descriptor).getAsJsonObject();
            d.addProperty("dataParameter", name);
            d.addProperty("name", name);
            d.addProperty("title", titles[0]);
            d.addProperty("shortTitle", titles[1]);
            d.addProperty("fullTitle", titles[0] + " (" + name + ")");
            d.addProperty("systemTypes", String.join(", ", systems.getOrDefault(name, Set.of("None"))));
            d.addProperty("resourceKinds", String.join(", ", resources.getOrDefault(name, Set.of("None"))));
            d.addProperty("category", category.getValue());
            JsonObject categoryDescriptor = new JsonObject();
            categoryDescriptor.addProperty("category", category.getValue());
            JsonArray units = new JsonArray();
            units.add(unit);
            categoryDescriptor.add("validUnits", units);
            categoryDescriptor.addProperty("systemUnit", unit);
            categoryDescriptor.addProperty("title", CATEGORY_TITLES.getOrDefault(category.getValue(), category.getValue()));
            d.add("categoryDescriptor", categoryDescriptor);
            d.addProperty("fieldName", name);
            d.addProperty("reportFieldName", name);
            d.addProperty("isAdditive", !Archive.averaged(parameter) && !category.equals(DataParameterCategory.NONE));
            d.addProperty("systemUnit", unit);
            d.addProperty("systemUnitTitle", UNIT_TITLES.getOrDefault(unit, unit));
            out.add(d);
        }
        return Reply.json(out);
    }

    // ------------------------------------------------------------------ nodes and points

    private List<Catalog.PointEntry> pointsOf(List<Integer> ids) {
        List<Catalog.PointEntry> out = new ArrayList<>();
        for (int id : ids) {
            out.add(data.point(id));
        }
        return out;
    }

    private Reply pointsById(Call call) {
        MeasurePointType type = call.enumQuery("type", MeasurePointType.values(), MeasurePointType::getValue);
        return core.pointList(call, pointsOf(call.<List<Integer>>body(ID_LIST)), type);
    }

    private Reply pointsOfNode(Call call) {
        MeasurePointType type = call.enumQuery("type", MeasurePointType.values(), MeasurePointType::getValue);
        return core.pointList(call, data.nodeEntry(call.intParam("nodeId")).points, type);
    }

    /** GetNodeResponse: the node and what the get* flags ask for; the rest is null, as not asked. */
    private Reply node(Call call) {
        Catalog.NodeEntry entry = data.nodeEntry(call.intParam("id"));
        boolean attributes = call.flag("getAttributes");
        Node node = data.nodeForAnswer(entry, attributes);
        JsonObject out = new JsonObject();
        out.add("node", Reply.GSON.toJsonTree(node));
        if (call.flag("getMeasurePoints")) {
            List<Object> points = new ArrayList<>();
            entry.points.forEach(p -> points.add(data.pointForAnswer(p, attributes)));
            out.add("measurePoints", Reply.GSON.toJsonTree(points));
        }
        if (call.flag("getCustomer") && node.getCustomerId() != null) {
            out.add("customer", Reply.GSON.toJsonTree(data.customers.get(node.getCustomerId())));
        }
        if (call.flag("getServiceman")) {
            Serviceman s = find(data.servicemen, m -> m.getId().equals(node.getServicemanId()));
            out.add("serviceman", s == null ? null : Reply.GSON.toJsonTree(Catalog.publicAccount(s)));
        }
        if (call.flag("getServiceCompany")) {
            out.add("serviceCompany", Reply.GSON.toJsonTree(
                    find(data.serviceCompanies, c -> c.getId().equals(node.getServiceCompanyId()))));
        }
        if (call.flag("getSuppliers")) {
            JsonObject suppliers = new JsonObject();
            JsonArray links = new JsonArray();
            data.nodeSuppliers.forEach(s -> {
                if (s.getNodeId() == entry.id) {
                    links.add(Reply.GSON.toJsonTree(s));
                    Supplier supplier = find(data.suppliers, x -> x.getId().equals(s.getSupplierId()));
                    suppliers.add(String.valueOf(s.getSupplierId()), Reply.GSON.toJsonTree(supplier));
                }
            });
            out.add("suppliers", suppliers);
            out.add("nodeSuppliers", links);
        }
        if (call.flag("getNodeGroups")) {
            out.add("nodeGroupResponseParameters", groups(entry.id));
        }
        if (call.flag("getEquipment")) {
            GetEquipmentListResponseParameters e = core.equipmentListOf(entry.equipmentIds);
            out.add("equipment", Reply.GSON.toJsonTree(e.getList()));
            out.add("equipmentModels", Reply.GSON.toJsonTree(e.getModelList()));
        }
        if (call.flag("getSignaling")) {
            JsonArray signals = new JsonArray();
            data.signaling.forEach(s -> {
                if (s.getNodeId() == entry.id) {
                    signals.add(Reply.GSON.toJsonTree(s));
                }
            });
            out.add("signaling", signals);
        }
        out.add("territory", Reply.GSON.toJsonTree(entry.territory.model));
        if (attributes) {
            out.add("nodeAttributes", Reply.GSON.toJsonTree(node.getAttributes()));
        }
        return v01.answer("Nodes_GetNodeById", out);
    }

    /** GetNodeGroupResponseParameters: the groups (of one node, when given) and who belongs to them. */
    private JsonObject groups(Integer nodeId) {
        JsonArray groups = new JsonArray();
        JsonArray membership = new JsonArray();
        for (Catalog.GroupEntry g : data.groups) {
            if (nodeId != null && !g.members.contains(nodeId)) {
                continue;
            }
            groups.add(Reply.GSON.toJsonTree(g.model));
            for (int member : g.members) {
                JsonObject m = new JsonObject();
                m.addProperty("nodeId", member);
                m.addProperty("nodeGroupId", g.model.getId());
                membership.add(m);
            }
        }
        JsonObject out = new JsonObject();
        out.add("nodeGroups", groups);
        out.add("membership", membership);
        return out;
    }

    private Reply nodeGroups(Call call) {
        Integer nodeId = call.intQuery("nodeId");
        if (nodeId != null) {
            data.nodeEntry(nodeId);
        }
        return v01.answer("NodeGroups_GetList", groups(nodeId));
    }

    private Reply nodeGroup(Call call) {
        int id = call.intParam("id");
        Catalog.GroupEntry group = find(data.groups, g -> g.model.getId() == id);
        if (group == null) {
            throw HttpError.notFound("Группа объектов с идентификатором " + id + " не найдена.");
        }
        JsonObject out = groups(null);
        JsonArray one = new JsonArray();
        one.add(Reply.GSON.toJsonTree(group.model));
        JsonArray members = new JsonArray();
        out.getAsJsonArray("membership").forEach(m -> {
            if (m.getAsJsonObject().get("nodeGroupId").getAsInt() == id) {
                members.add(m);
            }
        });
        out.add("nodeGroups", one);
        out.add("membership", members);
        return v01.answer("NodeGroups_GetById", out);
    }

    // ------------------------------------------------------------------ node jobs

    private Reply nodeJobs(Call call) {
        boolean incomplete = call.flag("incomplete");
        List<NodeJobDTO> jobs = new ArrayList<>();
        for (NodeJobDTO job : data.jobs) {
            if (!incomplete || !job.getState().equals(NodeJobState.COMPLETED)) {
                jobs.add(job);
            }
        }
        return v01.answer("NodeJobs_GetList", jobResponse(jobs));
    }

    private Reply nodeJob(Call call) {
        int id = call.intParam("id");
        NodeJobDTO job = known(find(data.jobs, j -> j.getId() == id), "Работа на объекте", id);
        return v01.answer("NodeJobs_GetById", jobResponse(List.of(job)));
    }

    /**
     * GetNodeJobResponseParameters: the jobs in v0.1's flat NodeJob shape (ids where v1 nests
     * objects), the accounts, resolutions and types they refer to, and their nodes keyed by id.
     */
    private JsonObject jobResponse(List<NodeJobDTO> jobs) {
        JsonArray list = new JsonArray();
        Map<Integer, PublicAccount> accountsById = new LinkedHashMap<>();
        Map<Integer, Object> resolutions = new LinkedHashMap<>();
        Map<Integer, Object> types = new LinkedHashMap<>();
        JsonObject nodes = new JsonObject();
        for (NodeJobDTO all : data.jobs) {
            if (all.getResolution() != null) {
                resolutions.putIfAbsent(all.getResolution().getId(), all.getResolution());
            }
            if (all.getType() != null) {
                types.putIfAbsent(all.getType().getId(), all.getType());
            }
        }
        for (NodeJobDTO j : jobs) {
            JsonObject job = new JsonObject();
            job.addProperty("id", j.getId());
            job.addProperty("nodeId", j.getNodeId());
            job.add("measurePointId", null);
            job.addProperty("creatorAccountId", j.getCreatorAccount() == null ? null : j.getCreatorAccount().getId());
            job.addProperty("performerAccountId",
                    j.getPerformerAccount() == null ? null : j.getPerformerAccount().getId());
            job.addProperty("workOrderNumber", j.getWorkOrderNumber());
            job.add("startDate", Reply.GSON.toJsonTree(j.getStartDate()));
            job.add("scheduledEndDate", Reply.GSON.toJsonTree(j.getScheduledEndDate()));
            job.add("factEndDate", Reply.GSON.toJsonTree(j.getFactEndDate()));
            job.addProperty("description", j.getDescription());
            job.addProperty("title", j.getTitle());
            job.addProperty("creatorName", j.getCreatorName());
            job.addProperty("performerName", j.getPerformerName());
            job.addProperty("state", j.getState().getValue());
            job.addProperty("resolutionId", j.getResolution() == null ? null : j.getResolution().getId());
            job.addProperty("type", j.getType() == null ? null : j.getType().getId());
            job.add("incidentId", null);
            list.add(job);
            for (PublicAccount a : new PublicAccount[]{j.getCreatorAccount(), j.getPerformerAccount()}) {
                if (a != null) {
                    accountsById.putIfAbsent(a.getId(), a);
                }
            }
            Catalog.NodeEntry node = data.nodeById.get(j.getNodeId());
            if (node != null) {
                nodes.add(String.valueOf(node.id), Reply.GSON.toJsonTree(data.nodeForAnswer(node, false)));
            }
        }
        JsonObject out = new JsonObject();
        out.add("nodeJobList", list);
        out.add("accountList", Reply.GSON.toJsonTree(new ArrayList<>(accountsById.values())));
        out.add("resolutionList", Reply.GSON.toJsonTree(new ArrayList<>(resolutions.values())));
        out.add("nodeJobTypeList", Reply.GSON.toJsonTree(new ArrayList<>(types.values())));
        out.add("incidentList", new JsonArray());
        out.add("nodes", nodes);
        return out;
    }

    // ------------------------------------------------------------------ incidents

    private List<Incident> incidentsWhere(Predicate<Incident> which) {
        List<Incident> out = new ArrayList<>();
        for (State.IncidentEntry e : data.incidents()) {
            if (which.test(e.incident)) {
                out.add(e.incident);
            }
        }
        return out;
    }

    private static boolean open(Incident i) {
        return !Boolean.TRUE.equals(i.getIsClosed());
    }

    private Reply incidentsOfNode(Call call) {
        int nodeId = data.nodeEntry(call.intParam("nodeId")).id;
        return v01.answer("Incidents_GetByNode", incidentsWhere(i -> open(i) && i.getNodeId() == nodeId));
    }

    private Reply incidentsOfGroup(Call call) {
        int id = call.intParam("id");
        Catalog.GroupEntry group = find(data.groups, g -> g.model.getId() == id);
        if (group == null) {
            throw HttpError.notFound("Группа объектов с идентификатором " + id + " не найдена.");
        }
        return v01.answer("Incidents_GetActiveForNodeGroup",
                incidentsWhere(i -> open(i) && group.members.contains(i.getNodeId())));
    }

    /** Incidents that were open at some time of the period (server local time). */
    private Reply incidentsOfPeriod(Call call) {
        LocalDateTime from = call.dateParam("start");
        LocalDateTime to = call.dateParam("end");
        if (from.isAfter(to)) {
            throw HttpError.badArgument("Дата начала периода больше даты окончания.");
        }
        return v01.answer("Incidents_GetForPeriod", incidentsWhere(i -> {
            LocalDateTime start = local(i.getStartDate().atOffsetIfAbsent(Catalog.SERVER_OFFSET));
            LocalDateTime end = open(i) ? null : local(i.getEndDate().atOffsetIfAbsent(Catalog.SERVER_OFFSET));
            return !start.isAfter(to) && (end == null || !end.isBefore(from));
        }));
    }

    private static LocalDateTime local(OffsetDateTime t) {
        return t.withOffsetSameInstant(Catalog.SERVER_OFFSET).toLocalDateTime();
    }

    // ------------------------------------------------------------------ archive writes shared with v1

    /**
     * A v0.1 body for the v1 write handlers: records carry {@code dataParameters} where v1 has
     * {@code values}, and one flags value of attributes ({@code "ExternalData"}) where v1 has a list.
     */
    private static Call asV1(Call call) {
        JsonElement tree = call.bodyTree();
        return call.withBody(Reply.GSON.toJson(renameRecords(tree)).getBytes(StandardCharsets.UTF_8));
    }

    private static JsonElement renameRecords(JsonElement e) {
        if (e.isJsonArray()) {
            JsonArray out = new JsonArray();
            e.getAsJsonArray().forEach(x -> out.add(renameRecords(x)));
            return out;
        }
        if (!e.isJsonObject()) {
            return e;
        }
        JsonObject out = new JsonObject();
        for (Map.Entry<String, JsonElement> p : e.getAsJsonObject().entrySet()) {
            JsonElement value = renameRecords(p.getValue());
            if (p.getKey().equals("dataParameters") && value.isJsonArray()) {
                out.add("values", value);
            } else if (p.getKey().equals("attributes") && value.isJsonPrimitive()) {
                JsonArray flags = new JsonArray();
                for (String flag : value.getAsString().split(",")) {
                    if (!flag.isBlank()) {
                        flags.add(flag.trim());
                    }
                }
                out.add("attributes", flags);
            } else {
                out.add(p.getKey(), value);
            }
        }
        return out;
    }
}
