package io.lers4j.emulator;

import io.lers4j.model.ConsumptionRecordAttributes;
import io.lers4j.model.DataParameter;
import io.lers4j.model.DataParameterValue;
import io.lers4j.model.MeasurePointDataConsumptionRecord;
import io.lers4j.model.MeasurePointDataTotalsRecord;
import io.lers4j.model.TotalsRecordAttributes;
import io.lers4j.types.LersDateTime;
import io.lers4j.v01.model.CommunicationLink;
import io.lers4j.v01.model.Importance;
import io.lers4j.v01.model.PollError;
import io.lers4j.v01.model.PollSession;
import io.lers4j.v01.model.PollSessionLogMessage;
import io.lers4j.v01.model.PollTaskType;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Manual polls as LERS runs them: a start makes one poll task and one poll session per node of the
 * requested points. A session runs for the configured duration, measured by the emulator's clock
 * from its start stamp, and then ends: {@code resultCode} {@code "None"} (success in LERS) or the
 * PollError armed by {@link Faults#pollFails}. Nothing runs in the background: sessions whose time
 * is up are ended by {@link #settle()}, which the front calls before every request, so every answer
 * sees them ended and what they read stored.
 */
final class PollSessions {

    private static final System.Logger LOG = System.getLogger(PollSessions.class.getName());
    /** The first ids, in the range production's ids are seen in (evidence: session 175091, task 3321). */
    static final int FIRST_SESSION_ID = 175_001;
    static final int FIRST_TASK_ID = 3_301;

    /** The archives a poll reads and the emulator stores. */
    static final Set<String> STORED_ARCHIVES = Set.of("Current", "Hour", "Day", "Month", "Totals");

    /** What a start answered: LERS's ManualPollResponseParameters. */
    static final class Start {
        final int sessionId;
        final int taskId;
        final String result;

        Start(int sessionId, int taskId, String result) {
            this.sessionId = sessionId;
            this.taskId = taskId;
            this.result = result;
        }
    }

    /** One poll session: one node's points of one task. */
    static final class Session {
        final int id;
        final int taskId;
        final String taskTitle;
        final Catalog.NodeEntry node;
        final List<Catalog.PointEntry> points;
        /** The archives read ("Current", "Hour"...), in the order asked. */
        final Set<String> archives;
        /** The archive period; null for a poll of currents only. */
        final LocalDateTime from;
        final LocalDateTime to;
        final boolean absentOnly;
        final Instant started;
        final Instant due;
        /** The PollError the session will end with, decided at its start; null for success. */
        final String failure;
        /** Records the session reads: the base of its byte counts. */
        final long records;
        private volatile String resultCode;
        /** Null while running; set last when the session ends, after resultCode. */
        private volatile Instant ended;

        Session(int id, int taskId, String taskTitle, Catalog.NodeEntry node, List<Catalog.PointEntry> points,
                Set<String> archives, LocalDateTime from, LocalDateTime to, boolean absentOnly, Instant started,
                Instant due, String failure, long records) {
            this.id = id;
            this.taskId = taskId;
            this.taskTitle = taskTitle;
            this.node = node;
            this.points = List.copyOf(points);
            this.archives = Collections.unmodifiableSet(new LinkedHashSet<>(archives));
            this.from = from;
            this.to = to;
            this.absentOnly = absentOnly;
            this.started = started;
            this.due = due;
            this.failure = failure;
            this.records = records;
        }

        boolean running() {
            return ended == null;
        }

        /** {@code "None"} after a success, the PollError after a failure; null while running. */
        String resultCode() {
            return ended == null ? null : resultCode;
        }

        boolean polled(int pointId) {
            for (Catalog.PointEntry p : points) {
                if (p.id == pointId) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Told about every session as it ends; the real-time hub announces SAVE_CURRENT_DATA from here. */
    interface Listener {
        void ended(Session session);
    }

    private final DataView data;
    private final Writes writes;
    private final Faults faults;
    private final Duration duration;
    private final NavigableMap<Integer, Session> sessions = new ConcurrentSkipListMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private int nextSession = FIRST_SESSION_ID;
    private int nextTask = FIRST_TASK_ID;
    /** The earliest end of a running session, or null: lets settle() return at once when nothing is due. */
    private volatile Instant nextDue;

    PollSessions(DataView data, Writes writes, Faults faults, Duration duration) {
        this.data = data;
        this.writes = writes;
        this.faults = faults;
        this.duration = duration;
    }

    void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** A poll of the points' current values. */
    Start startCurrents(List<Catalog.PointEntry> points) {
        return start(points, Set.of("Current"), null, null, false, "Ручной опрос текущих значений");
    }

    /**
     * A poll of the points' archives for a period; {@code "Current"} among the archives reads
     * currents too. Refuses (422) a period longer than the archive answers.
     */
    Start startArchive(List<Catalog.PointEntry> points, Set<String> archives, LocalDateTime from, LocalDateTime to,
                       boolean absentOnly) {
        if (from.isAfter(to)) {
            throw HttpError.badArgument("Дата начала периода больше даты окончания.");
        }
        long hours = ChronoUnit.HOURS.between(from, to) + 1;
        if (hours * points.size() > Archive.MAX_RECORDS) {
            throw HttpError.badArgument("Запрошен слишком большой период опроса: " + hours * points.size()
                    + " записей.");
        }
        return start(points, archives, from, to, absentOnly, "Ручной опрос архивов");
    }

    private Start start(List<Catalog.PointEntry> points, Set<String> archives, LocalDateTime from, LocalDateTime to,
                        boolean absentOnly, String title) {
        Start answer;
        synchronized (this) {
            Faults.PollStart fault = faults.nextPollStart();
            if (fault != null && fault.refusal != null) {
                return new Start(0, 0, fault.refusal);
            }
            int taskId = nextTask++;
            if (fault != null) {
                return new Start(0, taskId, "Success");
            }
            Map<Catalog.NodeEntry, List<Catalog.PointEntry>> byNode = new LinkedHashMap<>();
            for (Catalog.PointEntry p : points) {
                List<Catalog.PointEntry> ofNode = byNode.computeIfAbsent(p.node, k -> new ArrayList<>());
                if (!ofNode.contains(p)) {
                    ofNode.add(p);
                }
            }
            Instant started = data.instant().truncatedTo(ChronoUnit.SECONDS);
            Instant due = started.plus(duration);
            int first = 0;
            for (Map.Entry<Catalog.NodeEntry, List<Catalog.PointEntry>> e : byNode.entrySet()) {
                String failure = null;
                for (Catalog.PointEntry p : e.getValue()) {
                    failure = failure != null ? failure : faults.pollFailure(p.id);
                }
                Session s = new Session(nextSession++, taskId, title + ": " + data.node(e.getKey()).getTitle(),
                        e.getKey(), e.getValue(), archives, from, to, absentOnly, started, due, failure,
                        recordsRead(e.getValue().size(), archives, from, to));
                sessions.put(s.id, s);
                first = first == 0 ? s.id : first;
            }
            if (nextDue == null || due.isBefore(nextDue)) {
                nextDue = due;
            }
            answer = new Start(first, taskId, "Success");
        }
        settle(); // a zero duration ends at once
        return answer;
    }

    private static long recordsRead(int points, Set<String> archives, LocalDateTime from, LocalDateTime to) {
        long records = 0;
        for (String a : archives) {
            if (a.equals("Current") || from == null) {
                records += 1;
            } else if (a.equals("Hour") || a.equals("Totals")) {
                records += ChronoUnit.HOURS.between(from, to) + 1;
            } else if (a.equals("Day")) {
                records += ChronoUnit.DAYS.between(from.toLocalDate(), to.toLocalDate()) + 1;
            } else if (a.equals("Month")) {
                records += ChronoUnit.MONTHS.between(from.toLocalDate().withDayOfMonth(1),
                        to.toLocalDate().withDayOfMonth(1)) + 1;
            }
        }
        return records * points;
    }

    /** Ends every running session whose time is up. Cheap when none is: one volatile read. */
    void settle() {
        Instant due = nextDue;
        if (due == null || data.instant().isBefore(due)) {
            return;
        }
        synchronized (this) {
            Instant now = data.instant();
            Instant earliest = null;
            for (Session s : sessions.values()) {
                if (!s.running()) {
                    continue;
                }
                if (!now.isBefore(s.due)) {
                    end(s);
                } else if (earliest == null || s.due.isBefore(earliest)) {
                    earliest = s.due;
                }
            }
            nextDue = earliest;
        }
    }

    /**
     * Ends a session at its due time: the one place a poll's outcome lands. What it read is stored
     * (so v1 and v0.1 reads see it), its result code set, then the listeners are told.
     */
    private synchronized void end(Session s) {
        if (!s.running()) {
            return;
        }
        String result = s.failure;
        if (result == null) {
            try {
                store(s);
                result = PollError.NONE.getValue();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "poll session " + s.id + " could not store its data", e);
                result = PollError.SAVEDATA_ERROR.getValue();
            }
        }
        s.resultCode = result;
        s.ended = s.due;
        for (Listener l : listeners) {
            l.ended(s);
        }
    }

    /**
     * Stores what the session read, as of its end: currents at that second; archives up to then,
     * the device's records (the computed archive) replacing what the server had at their times.
     */
    private void store(Session s) {
        LocalDateTime at = LocalDateTime.ofInstant(s.due, Catalog.SERVER_OFFSET);
        for (Catalog.PointEntry p : s.points) {
            if (s.archives.contains("Current")) {
                storeCurrents(p, at);
            }
            if (s.from == null || s.absentOnly) {
                continue; // absentDataOnly: the server already has every record the device keeps
            }
            LocalDateTime to = s.to.isAfter(at) ? at : s.to;
            for (String archive : s.archives) {
                if (!archive.equals("Current") && STORED_ARCHIVES.contains(archive)) {
                    reread(p, archive, s.from, to);
                }
            }
        }
    }

    /** The device's records of one archive over the period, stored; client records at other times kept. */
    private void reread(Catalog.PointEntry p, String archive, LocalDateTime from, LocalDateTime to) {
        NavigableMap<LocalDateTime, State.StoredRecord> before = writes.takeStored(p.id, archive, from, to);
        Map<LocalDateTime, State.StoredRecord> device = new LinkedHashMap<>();
        if (archive.equals("Totals")) {
            for (MeasurePointDataTotalsRecord r : data.archive.totals(p, from, to, false, false)) {
                device.put(r.getDateTime().toLocalDateTime(),
                        record(r.getValues(), r.getAttributes(), TotalsRecordAttributes.NONE));
            }
        } else {
            List<MeasurePointDataConsumptionRecord> records = archive.equals("Hour")
                    ? data.archive.hours(p, from, to, false, false)
                    : archive.equals("Day") ? data.archive.days(p, from, to, false, false)
                    : data.archive.months(p, from, to, false, false);
            for (MeasurePointDataConsumptionRecord r : records) {
                device.put(r.getDateTime().toLocalDateTime(),
                        record(r.getValues(), r.getAttributes(), ConsumptionRecordAttributes.NONE));
            }
        }
        before.forEach((t, r) -> {
            if (!device.containsKey(t)) {
                writes.storePolled(p.id, archive, t, r);
            }
        });
        device.forEach((t, r) -> writes.storePolled(p.id, archive, t, r));
    }

    /** The instantaneous values a poll reads at a moment: the rates and temperatures of that hour. */
    private void storeCurrents(Catalog.PointEntry p, LocalDateTime at) {
        if (at.isBefore(data.archive.dataStart(p))) {
            return;
        }
        PointData.DayView day = p.data.day(at.toLocalDate().toEpochDay());
        DataParameter[] parameters = p.meter.parameters;
        Map<String, DataParameterValue> values = new LinkedHashMap<>();
        for (int i = 0; i < parameters.length; i++) {
            values.put(parameters[i].getValue(), new DataParameterValue().dataParameter(parameters[i])
                    .value(day.hourValue(i, at.getHour())).isBad(false).isCalc(false).isInterpolated(false)
                    .isReset(false));
        }
        writes.storePolled(p.id, "Current", at, new State.StoredRecord(values, List.of()));
    }

    private static State.StoredRecord record(List<DataParameterValue> values, List<?> attributes, Object none) {
        Map<String, DataParameterValue> byName = new LinkedHashMap<>();
        for (DataParameterValue v : values) {
            byName.put(v.getDataParameter().getValue(), v);
        }
        List<String> names = new ArrayList<>();
        for (Object a : attributes == null ? List.of() : attributes) {
            if (a != null && !a.equals(none)) {
                names.add(a.toString());
            }
        }
        return new State.StoredRecord(byName, names);
    }

    // ------------------------------------------------------------------ reads

    Session session(int id) {
        return sessions.get(id);
    }

    /** Every session, oldest first. */
    List<Session> all() {
        return new ArrayList<>(sessions.values());
    }

    /** Sessions of the task, oldest first; none for an unknown task. */
    List<Session> ofTask(int taskId) {
        List<Session> out = new ArrayList<>();
        for (Session s : sessions.values()) {
            if (s.taskId == taskId) {
                out.add(s);
            }
        }
        return out;
    }

    /** Sessions started within [from, to], server local time. */
    List<Session> startedWithin(LocalDateTime from, LocalDateTime to) {
        List<Session> out = new ArrayList<>();
        for (Session s : sessions.values()) {
            LocalDateTime start = LocalDateTime.ofInstant(s.started, Catalog.SERVER_OFFSET);
            if (!start.isBefore(from) && !start.isAfter(to)) {
                out.add(s);
            }
        }
        return out;
    }

    List<Session> running() {
        List<Session> out = new ArrayList<>();
        for (Session s : sessions.values()) {
            if (s.running()) {
                out.add(s);
            }
        }
        return out;
    }

    /** The session as v0.1 answers it, as of now: a running one has no end and no result code yet. */
    PollSession model(Session s) {
        Instant until = s.running() ? data.instant() : s.due;
        long elapsed = Math.max(0, Math.min(Duration.between(s.started, until).toMillis(), duration.toMillis()));
        double share = duration.isZero() ? 1 : (double) elapsed / duration.toMillis();
        boolean failed = s.failure != null;
        Integer modem = s.node.modemId == 0 ? null : s.node.modemId;
        String code = s.resultCode();
        return new PollSession().id(s.id).commLinkType(CommunicationLink.GPRS).startDateTime(stamp(s.started))
                .endDateTime(s.running() ? null : stamp(s.due)).phoneNumber(null)
                .resultCode(code == null ? null : PollError.fromValue(code)).pollPortId(data.pollPort.getId())
                .pollPortTitle(data.pollPort.getTitle()).nodeId(s.node.id).dialTime(0f).taskId(s.taskId)
                .taskType(PollTaskType.MANUAL).taskTitle(s.taskTitle).callDuration((int) (elapsed / 1000))
                .bytesSent(Math.round(share * 48 * (s.points.size() + s.records / 16 + 1)))
                .bytesReceived(Math.round(share * (failed ? 0 : 180L * s.points.size() + 96 * s.records)))
                .userSessionId(null).commEquipmentId(modem);
    }

    /** The session's log as far as it got: connection, one line a point, the end. */
    List<PollSessionLogMessage> log(Session s) {
        List<PollSessionLogMessage> out = new ArrayList<>();
        out.add(message(s, s.started, Importance.INFO, "Начат сеанс опроса. Порт опроса: " + data.pollPort.getTitle()));
        String modem = s.node.modemId == 0 ? "" : " " + data.equipment(s.node.modemId).getSerialNumber();
        if (s.failure != null) {
            if (!s.running()) {
                out.add(message(s, s.due, Importance.ERROR, "Сеанс опроса завершён с ошибкой " + s.failure));
            }
            return out;
        }
        out.add(message(s, s.started, Importance.INFO, "Установлено соединение с GPRS-модемом" + modem));
        for (Catalog.PointEntry p : s.points) {
            out.add(message(s, s.started, Importance.INFO, "Опрос точки учёта «" + p.title + "»: "
                    + String.join(", ", s.archives)));
        }
        if (!s.running()) {
            out.add(message(s, s.due, Importance.INFO, "Сеанс опроса завершён успешно"));
        }
        return out;
    }

    private static PollSessionLogMessage message(Session s, Instant at, Importance importance, String text) {
        return new PollSessionLogMessage().pollSessionId(s.id).dateTime(stamp(at)).importance(importance).message(text);
    }

    /** An instant as LERS stamps poll events: server local time with its offset. */
    static LersDateTime stamp(Instant t) {
        return LersDateTime.of(LocalDateTime.ofInstant(t, Catalog.SERVER_OFFSET), Catalog.SERVER_OFFSET);
    }
}
