package io.lers4j;

import io.lers4j.model.DeviceDataType;
import io.lers4j.types.LersDateTime;
import io.lers4j.v01.model.EntityType;
import io.lers4j.v01.model.Operation;
import io.lers4j.v01.model.PollError;
import io.lers4j.v01.model.PollSession;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;

/**
 * One run of {@link LersClient#currentValuesNow}: starts a poll of currents, takes each point's
 * record from the hub's {@code SAVE_CURRENT_DATA} events of the poll's sessions, and reads from the
 * archive what did not come that way.
 *
 * <p>Events the server sends before a subscription reaches it are lost. The hub is therefore
 * connected while the poll is being started, and the named session subscribed as soon as the start
 * answers; the task's other sessions are known only from its session list, later. Whatever is
 * missed that way, or not pushed at all, is read from the archive once the sessions have ended.
 */
final class CurrentValuesRead {

    private static final System.Logger LOG = Loggers.POLL;
    /** How often the wait looks whether every point's event has come: a look at a map, no request. */
    static final Duration EVENT_CHECK = Duration.ofMillis(200);
    /** The first look at the poll's sessions; then at growing intervals, as {@link ManualPoll#await} looks. */
    static final Duration FIRST_LOOK = Duration.ofSeconds(1);
    /**
     * Clocks differ (this machine's, the server's, a meter's): the archive read takes records from
     * this long before the poll's first session started, and its period ends this long after now.
     */
    static final Duration CLOCK_MARGIN = Duration.ofMinutes(1);
    /** Longer than any poll of currents runs: a longer timeout is a mistake. */
    static final Duration MAX_TIMEOUT = Duration.ofDays(1);
    /** A session start further than this from the client's clock is not believed: the server's offset is asked instead. */
    private static final Duration PLAUSIBLE_START = Duration.ofDays(1);

    private final LersClient lers;
    private final List<Integer> ids;
    private final Set<Integer> wanted;
    private final Duration timeout;
    /** Told of each point whose record came by the hub, on the hub's thread. */
    private final IntConsumer onReceived;
    /** At most one record per requested point: bounded by the ids, whatever the server sends. */
    private final Map<Integer, MeterRecord> received = new ConcurrentHashMap<>();
    private final List<HubSubscription> subscriptions = new ArrayList<>();
    private final Set<Integer> subscribedSessions = new HashSet<>();
    private ServerHub hub;
    private LersException hubFailure;

    CurrentValuesRead(LersClient lers, Collection<Integer> measurePointIds, Duration timeout, IntConsumer onReceived) {
        this.ids = PollNow.ids(measurePointIds);
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("timeout must be positive and at most " + MAX_TIMEOUT.toHours()
                    + " hours: " + timeout);
        }
        this.lers = lers;
        this.wanted = Set.copyOf(ids);
        this.timeout = timeout;
        this.onReceived = onReceived;
    }

    CurrentValues run() {
        Instant deadline = lers.clock().instant().plus(timeout);
        CompletableFuture<Void> connecting = connectHub();
        ManualPoll poll = lers.pollNow().currents(ids); // nothing started when it throws: the call fails
        try {
            boolean hubUsed = connecting != null && subscribe(poll, connecting, deadline);
            if (hubUsed) {
                awaitEvents(poll, deadline);
            }
            return new CurrentValues(poll, results(poll, deadline), hubUsed, hubFailure);
        } finally {
            subscriptions.forEach(HubSubscription::close);
        }
    }

    // ---- the hub

    /** Starts connecting the hub, so that it is up when the poll's session is known; null when it cannot be had. */
    private CompletableFuture<Void> connectHub() {
        try {
            hub = lers.hub();
            return hub.connection();
        } catch (LersException e) {
            hubUnusable(e);
        } catch (IllegalStateException closedMeanwhile) {
            hubUnusable(new LersHubException(closedMeanwhile.getMessage(), "", null, true, null));
        }
        return null;
    }

    /** Subscribes to the named session, then to the task's other sessions; false when the hub cannot be used. */
    private boolean subscribe(ManualPoll poll, CompletableFuture<Void> connecting, Instant deadline) {
        try {
            awaitConnected(connecting, deadline);
            subscribeTo(poll.pollSessionId());
        } catch (LersException e) {
            hubUnusable(e);
            return false;
        } catch (IllegalStateException closedMeanwhile) {
            hubUnusable(new LersHubException(closedMeanwhile.getMessage(), "", null, true, null));
            return false;
        }
        try {
            subscribeToEach(poll.sessions());
        } catch (LersException e) {
            // the looks while waiting list them again
            LOG.log(Level.DEBUG, () -> "The sessions of " + poll + " could not be listed yet: " + redact(e));
        }
        return true;
    }

    private void awaitConnected(CompletableFuture<Void> connecting, Instant deadline) {
        try {
            connecting.get(left(deadline).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new LersHubException("The hub did not connect within the time left of the " + timeout
                    + " given for the current values", "", null, false, null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof LersException) {
                throw (LersException) cause;
            }
            throw new LersHubException("Connecting to the hub failed: " + lers.redactor().redact(Excerpt.describe(cause)),
                    "", null, false, cause);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    /** At most one session per point: a task runs no more, and a session list that names more does not make more subscriptions. */
    private void subscribeTo(int sessionId) {
        if (sessionId > 0 && subscribedSessions.size() < ids.size() && subscribedSessions.add(sessionId)) {
            subscriptions.add(hub.subscribe(Operation.SAVE_CURRENT_DATA, EntityType.POLL_SESSION, sessionId, this::take));
        }
    }

    /** Subscribes to the sessions not subscribed yet; one that fails leaves its points to the archive read. */
    private void subscribeToEach(List<PollSession> sessions) {
        for (PollSession s : sessions) {
            try {
                subscribeTo(s.getId());
            } catch (LersException | IllegalStateException e) {
                LOG.log(Level.DEBUG, () -> "SAVE_CURRENT_DATA of poll session " + s.getId()
                        + " could not be subscribed to: " + lers.redactor().redact(e.getMessage()));
            }
        }
    }

    /** On the hub's delivery thread: the first record of each requested point is kept. */
    private void take(HubEvent event) {
        Optional<SavedCurrentData> data = event.savedCurrentData();
        if (data.isEmpty()) {
            return;
        }
        int id = data.get().measurePointId();
        MeterRecord record = data.get().record();
        if (wanted.contains(id) && !record.isEmpty() && received.putIfAbsent(id, record) == null) {
            onReceived.accept(id);
        }
    }

    /**
     * Waits until every point's record has come, the poll's sessions have all ended (what did not
     * come is in the archive then), the hub has ended its subscriptions, or the deadline.
     */
    private void awaitEvents(ManualPoll poll, Instant deadline) {
        Duration interval = FIRST_LOOK;
        Instant nextLook = lers.clock().instant().plus(interval);
        while (received.size() < ids.size()) {
            Instant now = lers.clock().instant();
            if (!now.isBefore(deadline) || !subscribed()) {
                return;
            }
            if (!now.isBefore(nextLook)) {
                try {
                    List<PollSession> sessions = poll.sessions();
                    subscribeToEach(sessions);
                    if (poll.ended(sessions)) {
                        return;
                    }
                } catch (LersException e) {
                    LOG.log(Level.DEBUG, () -> "The sessions of " + poll + " could not be read: " + redact(e));
                }
                interval = ManualPoll.nextInterval(interval);
                nextLook = lers.clock().instant().plus(interval);
                continue;
            }
            sleep(shortest(EVENT_CHECK, Duration.between(now, nextLook), Duration.between(now, deadline)));
        }
    }

    /** True while a subscription is active; once the hub has ended them all, its failure is kept. */
    private boolean subscribed() {
        for (HubSubscription s : subscriptions) {
            if (s.isActive()) {
                return true;
            }
        }
        for (HubSubscription s : subscriptions) {
            if (s.failure().isPresent()) {
                hubFailure = s.failure().get();
                break;
            }
        }
        return false;
    }

    private void hubUnusable(LersException why) {
        hubFailure = why;
        LOG.log(Level.DEBUG, () -> "The hub cannot be used for current values (" + redact(why)
                + "): they are read from the archive once the poll has ended");
    }

    // ---- the results

    /** Each point in the order asked: its record from the hub, else what the poll and the archive say. */
    private Map<Integer, CurrentValue> results(ManualPoll poll, Instant deadline) {
        List<Integer> missing = new ArrayList<>();
        for (Integer id : ids) {
            if (!received.containsKey(id)) {
                missing.add(id);
            }
        }
        Map<Integer, CurrentValue> fallback = missing.isEmpty() ? Map.of() : fallback(poll, missing, deadline);
        Map<Integer, CurrentValue> out = new LinkedHashMap<>();
        for (Integer id : ids) {
            MeterRecord pushed = received.get(id); // an event that came during the reads still wins
            CurrentValue value = fallback.get(id);
            out.put(id, pushed != null ? CurrentValue.received(id, pushed, value == null ? null : value.poll().orElse(null))
                    : value);
        }
        return out;
    }

    /** Awaits the poll for the time left, then reads the archive of each missing point whose session did not fail. */
    private Map<Integer, CurrentValue> fallback(ManualPoll poll, List<Integer> missing, Instant deadline) {
        Map<Integer, PointPoll> polls = Map.of();
        List<PollSession> sessions = List.of();
        LersException pollFailure = null;
        try {
            PollOutcome outcome = poll.await(left(deadline), FIRST_LOOK, missing);
            polls = outcome.points();
            sessions = outcome.sessions();
        } catch (LersException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw e;
            }
            pollFailure = e;
        }
        Map<Integer, CurrentValue> out = new HashMap<>();
        List<Integer> toRead = new ArrayList<>();
        for (Integer id : missing) {
            PointPoll p = polls.get(id);
            if (p != null && p.status() == PointPoll.Status.FAILED) {
                PollError code = p.resultCode().orElse(null);
                out.put(id, CurrentValue.failure(id, CurrentValue.Status.POLL_FAILED, p, new LersPointPollException(
                        "Measure point " + id + ": its poll session " + p.session().map(PollSession::getId).orElse(0)
                                + " ended with " + (code == null ? "an error" : Excerpt.of(code.getValue())), id, code)));
            } else {
                toRead.add(id);
            }
        }
        if (toRead.isEmpty()) {
            return out;
        }
        LocalDateTime[] period;
        try {
            period = period(poll, sessions);
        } catch (LersException e) {
            for (Integer id : toRead) {
                out.put(id, CurrentValue.failure(id, CurrentValue.Status.FAILED, polls.get(id), e));
            }
            return out;
        }
        Map<Integer, PointPoll> byPoint = polls;
        LersException sessionsUnread = pollFailure;
        lers.bulkConsumption(toRead, DeviceDataType.CURRENT, period[0], period[1]).forEach(r -> {
            int id = r.measurePointId();
            PointPoll p = byPoint.get(id);
            if (!r.isSuccess()) {
                out.put(id, CurrentValue.failure(id, CurrentValue.Status.FAILED, p, r.error().orElse(null)));
                return;
            }
            MeterRecord newest = newest(r.records());
            out.put(id, newest != null ? CurrentValue.read(id, newest, p) : without(id, p, sessionsUnread, period[0]));
        });
        return out;
    }

    /** A point the archive holds nothing for since the poll's start: why, from how its poll went. */
    private CurrentValue without(int id, PointPoll p, LersException sessionsUnread, LocalDateTime since) {
        if (p == null) {
            return CurrentValue.failure(id, CurrentValue.Status.FAILED, null, sessionsUnread);
        }
        switch (p.status()) {
            case TIMED_OUT:
                return CurrentValue.failure(id, CurrentValue.Status.TIMED_OUT, p, new LersPointPollException("Measure point "
                        + id + ": no current values within " + timeout + ", and its poll had not ended (it goes on on "
                        + "the server)", id, null));
            case UNKNOWN:
                return CurrentValue.failure(id, CurrentValue.Status.FAILED, p, p.error().orElse(null));
            default:
                return CurrentValue.failure(id, CurrentValue.Status.NO_DATA, p, new LersPointPollException("Measure point "
                        + id + ": the poll ended (" + p.status() + "), but the server holds no current record of it since "
                        + since, id, null));
        }
    }

    /**
     * The archive period to read, server-local time: from the poll's first session start (by the
     * server's clock) less the margin, to as long after it as the client has waited, plus the
     * margin. Without a believable session start, from the client's clock at the server's offset.
     */
    private LocalDateTime[] period(ManualPoll poll, List<PollSession> sessions) {
        Instant now = lers.clock().instant();
        Duration waited = Duration.between(poll.startedAt(), now);
        LocalDateTime start = firstStart(sessions, poll.startedAt());
        LocalDateTime end;
        if (start != null) {
            end = start.plus(waited.isNegative() ? Duration.ZERO : waited);
        } else {
            ZoneOffset offset = lers.serverOffset();
            start = LocalDateTime.ofInstant(poll.startedAt(), offset);
            end = LocalDateTime.ofInstant(now, offset);
        }
        LocalDateTime from = start.minus(CLOCK_MARGIN);
        LocalDateTime to = end.plus(CLOCK_MARGIN);
        return new LocalDateTime[]{from, to.isAfter(from) ? to : from.plus(CLOCK_MARGIN)};
    }

    /** The earliest session start, server-local, that has an offset and lies within a day of the client's start. */
    private static LocalDateTime firstStart(List<PollSession> sessions, Instant startedAt) {
        LocalDateTime first = null;
        for (PollSession s : sessions) {
            LersDateTime t = s.getStartDateTime();
            Optional<OffsetDateTime> at = t == null ? Optional.empty() : t.toOffsetDateTime();
            if (at.isEmpty() || Duration.between(startedAt, at.get().toInstant()).abs().compareTo(PLAUSIBLE_START) > 0) {
                continue;
            }
            LocalDateTime local = t.toLocalDateTime();
            if (first == null || local.isBefore(first)) {
                first = local;
            }
        }
        return first;
    }

    /**
     * The newest record of the read, of type Current; null if none. The series holds the records of
     * the period only, in time order: none older than the poll's start less the margin.
     */
    private static MeterRecord newest(List<MeterRecord> records) {
        for (int i = records.size() - 1; i >= 0; i--) {
            MeterRecord r = records.get(i);
            if (!r.isEmpty()) {
                return DeviceDataType.CURRENT.equals(r.dataType()) ? r : r.withDataType(DeviceDataType.CURRENT);
            }
        }
        return null;
    }

    // ---- time

    private Duration left(Instant deadline) {
        Duration left = Duration.between(lers.clock().instant(), deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }

    private void sleep(Duration d) {
        try {
            lers.sleeper().sleep(d);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    private LersTransportException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        return new LersTransportException("Interrupted while waiting for the current values of " + ids.size()
                + " measure points", PollNow.CURRENTS, 1, e);
    }

    private String redact(LersException e) {
        return lers.redactor().redact(e.getMessage());
    }

    private static Duration shortest(Duration a, Duration b, Duration c) {
        Duration m = a.compareTo(b) <= 0 ? a : b;
        m = m.compareTo(c) <= 0 ? m : c;
        return m.isNegative() ? Duration.ZERO : m;
    }
}
