package io.lers4j.emulator;

import io.lers4j.v01.model.PollError;
import io.lers4j.v01.model.PollManualStartResult;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failures to inject, so clients can be tested against what networks and proxies do.
 *
 * <p>Armed faults form a queue in the order they were armed: each of the next requests takes one
 * fault from the head, so {@code status(503, 2).throttle(1, ...)} answers 503, 503, then 429, then
 * normally. {@link #latency} is not queued: it delays every request until changed or reset.
 *
 * <p>Faults apply to every route except the Login routes and the swagger documents, so a client
 * can still log in while its data calls fail. Poll faults ({@link #pollFails},
 * {@link #pollStartRefused}, {@link #pollStartWithoutSession}) shape manual polls instead of HTTP
 * answers. All methods are thread-safe.
 */
public final class Faults {

    enum Kind { STATUS, THROTTLE, DROP_MID_BODY, HTML_PAGE }

    /** One armed fault and how many more requests it applies to. */
    static final class Entry {
        final Kind kind;
        final int status;
        final Duration retryAfter;
        int remaining;

        Entry(Kind kind, int status, Duration retryAfter, int remaining) {
            this.kind = kind;
            this.status = status;
            this.retryAfter = retryAfter;
            this.remaining = remaining;
        }

        Entry take() {
            remaining--;
            return new Entry(kind, status, retryAfter, 1);
        }
    }

    private final Deque<Entry> queue = new ArrayDeque<>();
    private volatile Duration latency = Duration.ZERO;
    private final Map<Integer, String> pollFailures = new ConcurrentHashMap<>();
    private final Deque<PollStart> pollStarts = new ArrayDeque<>();

    /** How the next manual poll start goes wrong: refused with a result, or accepted without a session. */
    static final class PollStart {
        /** A PollManualStartResult other than Success, or null for a Success without a session. */
        final String refusal;
        int remaining;

        PollStart(String refusal, int remaining) {
            this.refusal = refusal;
            this.remaining = remaining;
        }
    }

    private final Deque<HubRefusal> hubNegotiateRefusals = new ArrayDeque<>();
    private volatile boolean hubSilent;
    private volatile boolean hubHeaderTokenIgnored;
    private volatile Duration hubEventDelay = Duration.ZERO;

    /** A refused hub negotiate: the status it answers and how many more negotiates it applies to. */
    static final class HubRefusal {
        final int status;
        int remaining;

        HubRefusal(int status, int remaining) {
            this.status = status;
            this.remaining = remaining;
        }
    }

    Faults() {
    }

    /** Delays every answer by this much (zero turns it off). */
    public Faults latency(Duration perRequest) {
        Objects.requireNonNull(perRequest, "perRequest");
        if (perRequest.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative");
        }
        latency = perRequest;
        return this;
    }

    /** The next {@code times} requests get {@code httpStatus} with a short text body, e.g. 503. */
    public Faults status(int httpStatus, int times) {
        return arm(new Entry(Kind.STATUS, checkStatus(httpStatus), null, checkTimes(times)));
    }

    /** The next {@code times} requests get 429 Too Many Requests with {@code Retry-After: <seconds>}. */
    public Faults throttle(int times, Duration retryAfter) {
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative");
        }
        return arm(new Entry(Kind.THROTTLE, 429, retryAfter, checkTimes(times)));
    }

    /**
     * The next {@code times} requests are processed (writes take effect), then answered with the
     * headers and full {@code Content-Length} but only half the body before the connection is
     * closed: what a crashing proxy or a dropped mobile link looks like. An answer without a body
     * is cut before its headers.
     */
    public Faults dropConnectionMidBody(int times) {
        return arm(new Entry(Kind.DROP_MID_BODY, 0, null, checkTimes(times)));
    }

    /** The next {@code times} requests get an nginx-style HTML error page with this status, e.g. 502. */
    public Faults htmlErrorPage(int httpStatus, int times) {
        return arm(new Entry(Kind.HTML_PAGE, checkStatus(httpStatus), null, checkTimes(times)));
    }

    /**
     * Polls of this measure point fail: the poll session of its node ends with {@code pollError}
     * (a PollError value such as {@code "DEV_NOT_CONNECTED"} or {@code "CONN_TIMEOUT"}) as its
     * {@code resultCode}, and reads nothing. Holds until {@link #reset()}.
     */
    public Faults pollFails(int measurePointId, String pollError) {
        Objects.requireNonNull(pollError, "pollError");
        if (!PollError.fromValue(pollError).isKnown() || pollError.equals(PollError.NONE.getValue())) {
            throw new IllegalArgumentException("not a PollError failure: " + pollError);
        }
        pollFailures.put(measurePointId, pollError);
        return this;
    }

    /**
     * The next {@code times} manual poll starts are refused with this PollManualStartResult (such as
     * {@code "NoFreePort"}): {@code pollSessionId} and {@code pollTaskId} 0, nothing polled.
     */
    public Faults pollStartRefused(String result, int times) {
        Objects.requireNonNull(result, "result");
        if (!PollManualStartResult.fromValue(result).isKnown() || result.equals(PollManualStartResult.SUCCESS.getValue())) {
            throw new IllegalArgumentException("not a refusing PollManualStartResult: " + result);
        }
        return armPollStart(new PollStart(result, checkTimes(times)));
    }

    /**
     * The next {@code times} manual poll starts answer {@code result: "Success"} with
     * {@code pollSessionId: 0}: the task is queued but no session starts, as when the server's poll
     * queue is busy. Field clients start again when they see it.
     */
    public Faults pollStartWithoutSession(int times) {
        return armPollStart(new PollStart(null, checkTimes(times)));
    }

    private Faults armPollStart(PollStart start) {
        if (start.remaining > 0) {
            synchronized (pollStarts) {
                pollStarts.addLast(start);
            }
        }
        return this;
    }

    /**
     * The next {@code times} hub negotiates answer this status (503 for a hub that is down, 404
     * for a server without it) instead of a connection id. The socket of a connection already open
     * is not touched: {@link Hub#dropConnections()} does that.
     */
    public Faults hubNegotiateRefused(int httpStatus, int times) {
        HubRefusal refusal = new HubRefusal(checkStatus(httpStatus), checkTimes(times));
        if (refusal.remaining > 0) {
            synchronized (hubNegotiateRefusals) {
                hubNegotiateRefusals.addLast(refusal);
            }
        }
        return this;
    }

    /**
     * While on, the hub sends nothing at all: no pings, no completions, no notifications (events
     * meant for its clients are lost, as on a hung server), and does not time clients out. A client
     * should notice the silence and reconnect.
     */
    public Faults hubSilent(boolean silent) {
        this.hubSilent = silent;
        return this;
    }

    /**
     * While on, the hub's WebSocket upgrade ignores the {@code Authorization} header, as a proxy
     * that strips it does: only {@code ?access_token=} gets in.
     */
    public Faults hubHeaderTokenIgnored(boolean ignored) {
        this.hubHeaderTokenIgnored = ignored;
        return this;
    }

    /** Delays every hub notification by this much after the event (zero turns it off). */
    public Faults hubEventDelay(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative");
        }
        this.hubEventDelay = delay;
        return this;
    }

    /** Disarms every fault and the latency, poll faults included. */
    public Faults reset() {
        synchronized (queue) {
            queue.clear();
        }
        synchronized (pollStarts) {
            pollStarts.clear();
        }
        synchronized (hubNegotiateRefusals) {
            hubNegotiateRefusals.clear();
        }
        pollFailures.clear();
        latency = Duration.ZERO;
        hubSilent = false;
        hubHeaderTokenIgnored = false;
        hubEventDelay = Duration.ZERO;
        return this;
    }

    /** The PollError a poll of this point ends with, or null when it succeeds. */
    String pollFailure(int measurePointId) {
        return pollFailures.get(measurePointId);
    }

    /** The fault of the next manual poll start, or null when it goes normally. */
    PollStart nextPollStart() {
        synchronized (pollStarts) {
            PollStart head = pollStarts.peekFirst();
            if (head == null) {
                return null;
            }
            if (--head.remaining <= 0) {
                pollStarts.pollFirst();
            }
            return new PollStart(head.refusal, 1);
        }
    }

    /** How many requests armed HTTP faults still apply to (poll faults not counted). */
    public int pending() {
        synchronized (queue) {
            int n = 0;
            for (Entry e : queue) {
                n += e.remaining;
            }
            return n;
        }
    }

    Duration latency() {
        return latency;
    }

    HubRefusal nextHubNegotiateRefusal() {
        synchronized (hubNegotiateRefusals) {
            HubRefusal head = hubNegotiateRefusals.peekFirst();
            if (head == null) {
                return null;
            }
            if (--head.remaining <= 0) {
                hubNegotiateRefusals.pollFirst();
            }
            return new HubRefusal(head.status, 1);
        }
    }

    boolean hubSilent() {
        return hubSilent;
    }

    boolean hubHeaderTokenIgnored() {
        return hubHeaderTokenIgnored;
    }

    Duration hubEventDelay() {
        return hubEventDelay;
    }

    /** The fault for the current request, or null. */
    Entry next() {
        synchronized (queue) {
            Entry head = queue.peekFirst();
            if (head == null) {
                return null;
            }
            Entry taken = head.take();
            if (head.remaining <= 0) {
                queue.pollFirst();
            }
            return taken;
        }
    }

    /** Whether faults may touch a path: not the login routes (of v1 and v0.1), not the swagger documents. */
    static boolean appliesTo(List<String> segments) {
        if (segments.size() >= 3 && segments.get(0).equalsIgnoreCase("api")
                && (segments.get(1).equalsIgnoreCase("v1") || segments.get(1).equalsIgnoreCase("v0.1"))
                && segments.get(2).equalsIgnoreCase("Login")) {
            return false;
        }
        return !(segments.size() >= 2 && segments.get(0).equalsIgnoreCase("api")
                && segments.get(1).equalsIgnoreCase("swagger"));
    }

    private Faults arm(Entry entry) {
        if (entry.remaining > 0) {
            synchronized (queue) {
                queue.addLast(entry);
            }
        }
        return this;
    }

    private static int checkStatus(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        return status;
    }

    private static int checkTimes(int times) {
        if (times < 0) {
            throw new IllegalArgumentException("times must not be negative");
        }
        return times;
    }
}
