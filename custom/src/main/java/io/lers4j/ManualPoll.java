package io.lers4j;

import io.lers4j.types.LersDateTime;
import io.lers4j.v01.model.PollError;
import io.lers4j.v01.model.PollSession;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A manual poll the server has started ({@link PollNow}): its session and task, and a way to wait
 * for its end. LERS answers the start with one session id; the poll's task may run more sessions
 * (one per node or connection), so the wait follows all sessions of the task.
 */
public final class ManualPoll {

    /** The longest pause between two looks at the sessions. */
    static final Duration MAX_INTERVAL = Duration.ofSeconds(10);

    private final LersClient lers;
    private final int pollSessionId;
    private final int pollTaskId;
    private final List<Integer> measurePointIds;
    private final Instant startedAt;

    ManualPoll(LersClient lers, int pollSessionId, int pollTaskId, List<Integer> measurePointIds, Instant startedAt) {
        this.lers = lers;
        this.pollSessionId = pollSessionId;
        this.pollTaskId = pollTaskId;
        this.measurePointIds = List.copyOf(measurePointIds);
        this.startedAt = startedAt;
    }

    /** The session the server named when it started the poll. */
    public int pollSessionId() {
        return pollSessionId;
    }

    /** The poll's task, when the server named one. */
    public OptionalInt pollTaskId() {
        return pollTaskId > 0 ? OptionalInt.of(pollTaskId) : OptionalInt.empty();
    }

    public List<Integer> measurePointIds() {
        return measurePointIds;
    }

    /** When the server answered the start, by the client's clock. */
    Instant startedAt() {
        return startedAt;
    }

    /** {@link #await(Duration, Duration)} looking first after one second. */
    public PollOutcome await(Duration timeout) {
        return await(timeout, Duration.ofSeconds(1));
    }

    /**
     * Waits until every session of the poll has ended or {@code timeout} has passed, looking at the
     * sessions after {@code firstInterval}, then at growing intervals (up to ten seconds), and
     * returns each point's result. Points of a poll that did not finish in time are
     * {@link PointPoll.Status#TIMED_OUT}; the poll goes on on the server.
     *
     * @throws LersException when the sessions cannot be read (after the client's retries)
     */
    public PollOutcome await(Duration timeout, Duration firstInterval) {
        return await(timeout, firstInterval, measurePointIds);
    }

    /** {@link #await(Duration, Duration)} with the results of {@code points} only (some of the poll's). */
    PollOutcome await(Duration timeout, Duration firstInterval, List<Integer> points) {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(firstInterval, "firstInterval");
        if (timeout.isNegative() || firstInterval.isNegative() || firstInterval.isZero()) {
            throw new IllegalArgumentException("timeout must not be negative and firstInterval must be positive");
        }
        Instant deadline = lers.clock().instant().plus(timeout);
        Duration interval = firstInterval;
        while (true) {
            List<PollSession> sessions = sessions();
            if (ended(sessions)) {
                Loggers.POLL.log(System.Logger.Level.DEBUG, () -> this + ": " + sessions.size() + " sessions ended");
                return new PollOutcome(true, sessions, pointResults(points));
            }
            Duration left = Duration.between(lers.clock().instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                Loggers.POLL.log(System.Logger.Level.DEBUG, () -> this + ": the wait of " + timeout
                        + " ran out; the poll goes on on the server");
                Map<Integer, PointPoll> timedOut = new LinkedHashMap<>();
                points.forEach(id -> timedOut.put(id, new PointPoll(id, PointPoll.Status.TIMED_OUT, null, null)));
                return new PollOutcome(false, sessions, timedOut);
            }
            try {
                lers.sleeper().sleep(interval.compareTo(left) < 0 ? interval : left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LersTransportException("Interrupted while waiting for poll session " + pollSessionId,
                        "GET /api/v0.1/Poll/PollSessions", 0, e);
            }
            interval = nextInterval(interval);
        }
    }

    /** The pause after {@code interval}: half as long again, at most {@link #MAX_INTERVAL} (never shorter). */
    static Duration nextInterval(Duration interval) {
        long next = Math.min(interval.toMillis() * 3 / 2, MAX_INTERVAL.toMillis());
        return Duration.ofMillis(Math.max(next, interval.toMillis()));
    }

    /** The poll's sessions as the server has them now: those of its task, or the named one alone. */
    public List<PollSession> sessions() {
        if (pollTaskId > 0) {
            try {
                return mine(lers.v01().pollSessions().getPollSessionsByTask(pollTaskId).execute());
            } catch (LersApiException e) {
                if (e.statusCode() != 404) {
                    throw e;
                }
                // a server without the task route: the period's sessions, as field clients read them
            }
        }
        return mine(lers.v01().pollSessions().getPollSessions(windowStart(), windowEnd()).execute());
    }

    private List<PollSession> mine(List<PollSession> all) {
        List<PollSession> out = new ArrayList<>();
        if (all != null) {
            for (PollSession s : all) {
                if (s != null && s.getId() != null && (s.getId() == pollSessionId
                        || (pollTaskId > 0 && s.getTaskId() != null && s.getTaskId() == pollTaskId))) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /** Ended: the named session is listed and no session of the poll is still running. */
    boolean ended(List<PollSession> sessions) {
        boolean named = false;
        for (PollSession s : sessions) {
            named |= s.getId() == pollSessionId;
            if (s.getEndDateTime() == null) {
                return false;
            }
        }
        return named;
    }

    /** Each point's session, read from the point's own session list. */
    private Map<Integer, PointPoll> pointResults(List<Integer> points) {
        Map<Integer, PointPoll> out = new LinkedHashMap<>();
        for (Integer id : points) {
            try {
                List<PollSession> own = mine(lers.v01().pollSessions()
                        .getPollSessionsByMeasurePoint(id, windowStart(), windowEnd()).execute());
                out.put(id, result(id, own));
            } catch (LersException e) {
                out.put(id, new PointPoll(id, PointPoll.Status.UNKNOWN, null, e));
            }
        }
        return out;
    }

    private static PointPoll result(int id, List<PollSession> own) {
        if (own.isEmpty()) {
            return new PointPoll(id, PointPoll.Status.NOT_POLLED, null, null);
        }
        PollSession last = own.get(0);
        for (PollSession s : own) {
            if (s.getId() > last.getId()) {
                last = s;
            }
        }
        if (last.getEndDateTime() == null) {
            return new PointPoll(id, PointPoll.Status.TIMED_OUT, last, null);
        }
        PollError code = last.getResultCode();
        boolean ok = code == null || PollError.NONE.equals(code);
        return new PointPoll(id, ok ? PointPoll.Status.SUCCEEDED : PointPoll.Status.FAILED, last, null);
    }

    /**
     * A period certain to hold the poll's sessions whatever the server's time zone: from the day
     * before the start (UTC) to two days after. Field clients list sessions the same way.
     */
    private LersDateTime windowStart() {
        return LersDateTime.of(LocalDate.ofInstant(startedAt, ZoneOffset.UTC).minusDays(1).atStartOfDay());
    }

    private LersDateTime windowEnd() {
        LocalDateTime end = LocalDate.ofInstant(lers.clock().instant(), ZoneOffset.UTC).plusDays(2).atStartOfDay();
        return LersDateTime.of(end);
    }

    @Override
    public String toString() {
        return "ManualPoll[session " + pollSessionId + (pollTaskId > 0 ? ", task " + pollTaskId : "") + ", "
                + measurePointIds.size() + " points]";
    }
}
