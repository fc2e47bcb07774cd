package io.lers4j.emulator;

import com.google.gson.JsonElement;
import io.lers4j.v01.model.BillingModel;
import io.lers4j.v01.model.CommunicationLink;
import io.lers4j.v01.model.DeviceDataType;
import io.lers4j.v01.model.InternetProtocol;
import io.lers4j.v01.model.ManualPollResponseParameters;
import io.lers4j.v01.model.ModemModel;
import io.lers4j.v01.model.PollArchiveRequestParameters;
import io.lers4j.v01.model.PollCurrentRequestParameters;
import io.lers4j.v01.model.PollManualStartMode;
import io.lers4j.v01.model.PollManualStartResult;
import io.lers4j.v01.model.PollPort;
import io.lers4j.v01.model.PollPortStatus;
import io.lers4j.v01.model.PollPortView;
import io.lers4j.v01.model.PollSession;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Manual polls, their sessions and the poll ports (v0.1): starts make sessions in
 * {@link PollSessions}; reads show them as they are now.
 */
final class V01PollRoutes {

    /** What a poll reads when the request names no archive: the automatic poll's set. */
    private static final Set<String> DEFAULT_ARCHIVES = Set.of("Hour", "Day", "Month", "Totals");

    private final DataView data;
    private final PollSessions polls;

    V01PollRoutes(DataView data, PollSessions polls) {
        this.data = data;
        this.polls = polls;
    }

    void register(Routes r) {
        Router.Access perm = Router.Access.PERMISSION;
        Router.Access any = Router.Access.AUTHENTICATED;
        Api v = Api.V01;
        r.on(v, "ManualPoll_PollArchive", perm, "manualPoll", this::pollArchive);
        r.on(v, "ManualPoll_PollCurrents", perm, "manualPoll", this::pollCurrents);
        r.on(v, "PollSessions_GetPollSessions", perm, "viewPollSession", this::sessionsOfPeriod);
        r.on(v, "PollSessions_GetPollSessionsByTask", perm, "viewPollSession",
                call -> Reply.json(models(polls.ofTask(call.intParam("taskId")))));
        r.on(v, "PollSessions_GetPollSessionsByMeasurePoint", perm, "viewPollSession", this::sessionsOfPoint);
        r.on(v, "PollSessions_GetPollSessionsByEquipment", perm, "viewPollSession", this::sessionsOfEquipment);
        r.on(v, "PollSessions_GetPollSessionsByPort", perm, "viewPollSession", this::sessionsOfPort);
        r.on(v, "PollSessions_HandleGetLog", perm, "viewPollSession", this::log);
        r.on(v, "PollPorts_GetStatus", any, null, this::status);
        r.on(v, "PollPorts_GetList", any, null, this::ports);
        r.on(v, "PollPorts_GetById", any, null, call -> Reply.json(view(port(call.intParam("id")))));
    }

    // ------------------------------------------------------------------ starts

    private List<Catalog.PointEntry> points(List<Integer> ids) {
        if (ids == null) {
            throw HttpError.badBody("MeasurePoints", "The MeasurePoints field is required.");
        }
        if (ids.isEmpty()) {
            throw HttpError.badArgument("Не указаны точки учёта для опроса.");
        }
        List<Catalog.PointEntry> out = new ArrayList<>();
        for (Integer id : ids) {
            if (id == null) {
                throw HttpError.badBody("$.measurePoints", "The JSON value could not be converted to System.Int32.");
            }
            out.add(data.point(id));
        }
        return out;
    }

    private static void checkStartMode(PollManualStartMode mode) {
        if (mode != null && !mode.isKnown()) {
            throw HttpError.invalidValue("startMode", mode.getValue());
        }
    }

    /**
     * The archives asked for: the document's {@code requestedDataMask} flags ({@code "Hour, Day"}) or
     * the {@code requestedDataTypes} list a 2024 client sends (a newer server's field, read the same).
     */
    private static Set<String> archives(DeviceDataType mask, JsonElement types) {
        Set<String> out = new LinkedHashSet<>();
        if (mask != null) {
            for (DeviceDataType t : mask.flags()) {
                if (!t.isKnown()) {
                    throw HttpError.invalidValue("requestedDataMask", mask.getValue());
                }
                out.add(t.getValue());
            }
        }
        if (types != null && types.isJsonArray()) {
            for (JsonElement t : types.getAsJsonArray()) {
                String name = t.isJsonPrimitive() ? t.getAsString() : String.valueOf(t);
                if (!DeviceDataType.fromValue(name).isKnown()) {
                    throw HttpError.invalidValue("requestedDataTypes", name);
                }
                out.add(name);
            }
        }
        out.remove("None");
        return out.isEmpty() ? DEFAULT_ARCHIVES : out;
    }

    private static Reply started(PollSessions.Start start) {
        return Reply.json(new ManualPollResponseParameters().pollSessionId(start.sessionId).pollTaskId(start.taskId)
                .result(PollManualStartResult.fromValue(start.result)));
    }

    private Reply pollArchive(Call call) {
        LocalDateTime from = call.dateParam("start");
        LocalDateTime to = call.dateParam("end");
        PollArchiveRequestParameters body = call.body(PollArchiveRequestParameters.class);
        checkStartMode(body.getStartMode());
        Set<String> archives = archives(body.getRequestedDataMask(),
                call.bodyTree().getAsJsonObject().get("requestedDataTypes"));
        List<Catalog.PointEntry> points = points(body.getMeasurePoints());
        return started(polls.startArchive(points, archives, from, to, Boolean.TRUE.equals(body.getAbsentDataOnly())));
    }

    private Reply pollCurrents(Call call) {
        PollCurrentRequestParameters body = call.body(PollCurrentRequestParameters.class);
        checkStartMode(body.getStartMode());
        return started(polls.startCurrents(points(body.getMeasurePoints())));
    }

    // ------------------------------------------------------------------ sessions

    private List<PollSession> models(List<PollSessions.Session> sessions) {
        List<PollSession> out = new ArrayList<>();
        sessions.forEach(s -> out.add(polls.model(s)));
        return out;
    }

    private Reply sessionsOfPeriod(Call call) {
        LocalDateTime[] period = call.period();
        return Reply.json(models(polls.startedWithin(period[0], period[1])));
    }

    /** The sessions that polled the point (its node's session of each task that included it). */
    private Reply sessionsOfPoint(Call call) {
        int id = data.point(call.intParam("id")).id;
        LocalDateTime[] period = call.period();
        List<PollSessions.Session> out = new ArrayList<>();
        for (PollSessions.Session s : polls.startedWithin(period[0], period[1])) {
            if (s.polled(id)) {
                out.add(s);
            }
        }
        return Reply.json(models(out));
    }

    /** The sessions through the equipment: the node's modem, or a device, counter or sensor of a polled point. */
    private Reply sessionsOfEquipment(Call call) {
        int id = call.intParam("id");
        data.equipmentOrFail(id);
        LocalDateTime[] period = call.period();
        List<PollSessions.Session> out = new ArrayList<>();
        for (PollSessions.Session s : polls.startedWithin(period[0], period[1])) {
            boolean through = s.node.modemId == id;
            for (Catalog.PointEntry p : s.points) {
                through |= p.deviceId == id || Integer.valueOf(id).equals(p.counterId) || p.sensorIds.contains(id);
            }
            if (through) {
                out.add(s);
            }
        }
        return Reply.json(models(out));
    }

    /** The sessions running on the port now. */
    private Reply sessionsOfPort(Call call) {
        port(call.intParam("portId"));
        return Reply.json(models(polls.running()));
    }

    private Reply log(Call call) {
        int id = call.intParam("id");
        PollSessions.Session s = polls.session(id);
        if (s == null) {
            throw HttpError.notFound("Сеанс опроса с идентификатором " + id + " не найден.");
        }
        return Reply.json(polls.log(s));
    }

    // ------------------------------------------------------------------ ports

    /** The data set's one poll port, the GPRS server every device's connection uses, in v0.1's shape. */
    private PollPort port(int id) {
        io.lers4j.model.PollPort p = data.pollPort;
        if (p.getId() != id) {
            throw HttpError.notFound("Порт опроса с идентификатором " + id + " не найден.");
        }
        return new PollPort().id(p.getId()).pollServiceId(p.getPollServiceId()).title(p.getTitle()).portNumber(0)
                .commLinkType(CommunicationLink.fromValue(p.getCommLinkType().getValue()))
                .modemModel(ModemModel.GENERIC_GPRS).enabled(p.getEnabled()).dialPrefix("")
                .gprsListenIpAddress(p.getGprsListenIpAddress()).gprsListenPort(p.getGprsListenPort())
                .gprsProtocol(InternetProtocol.TCP).maxConnectionsCount(p.getMaxConnectionsCount())
                .softwareCarrierControl(p.getSoftwareCarrierControl()).comment(p.getComment()).groupId(null)
                .billingModel(BillingModel.PER_SECOND).tariffPlanIncludedMinutes(p.getTariffPlanIncludedMinutes())
                .blockTimeout(null).blockReason("").tariffPlanRestSeconds(0).tariffPlanRestoreDay(1)
                .blockWhenMinutesExpired(p.getBlockWhenMinutesExpired());
    }

    private PollPortView view(PollPort port) {
        List<PollSession> running = models(polls.running());
        return new PollPortView().id(port.getId()).port(port).pollPortSessions(running)
                .pollSessionCount(running.size()).groupTitle("").clientSessionId(null);
    }

    private Reply ports(Call call) {
        CommunicationLink link = call.enumQuery("linkType", CommunicationLink.values(), CommunicationLink::getValue);
        PollPort port = port(data.pollPort.getId());
        return Reply.json(link == null || link.equals(port.getCommLinkType()) ? List.of(view(port)) : List.of());
    }

    /** Ports in use are the ones with a running session; none is blocked in the emulator. */
    private Reply status(Call call) {
        int active = polls.running().isEmpty() ? 0 : 1;
        return Reply.json(new PollPortStatus().total(1).free(1 - active).active(active).blocked(0).pollServices(1));
    }
}
