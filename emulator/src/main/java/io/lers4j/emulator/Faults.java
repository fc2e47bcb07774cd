package io.lers4j.emulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * Failures to inject, so clients can be tested against what networks and proxies do.
 *
 * <p>Armed faults form a queue in the order they were armed: each of the next requests takes one
 * fault from the head, so {@code status(503, 2).throttle(1, ...)} answers 503, 503, then 429, then
 * normally. {@link #latency} is not queued: it delays every request until changed or reset.
 *
 * <p>Faults apply to every route except {@code /api/v1/Login...} and the swagger document, so a
 * client can still log in while its data calls fail. All methods are thread-safe.
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

    /** Disarms every fault and the latency. */
    public Faults reset() {
        synchronized (queue) {
            queue.clear();
        }
        latency = Duration.ZERO;
        return this;
    }

    /** How many requests armed faults still apply to. */
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

    /** Whether faults may touch a path: not the login routes, not the swagger document. */
    static boolean appliesTo(List<String> segments) {
        if (segments.size() >= 3 && segments.get(0).equalsIgnoreCase("api") && segments.get(1).equalsIgnoreCase("v1")
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
