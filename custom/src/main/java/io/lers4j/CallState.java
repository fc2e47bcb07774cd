package io.lers4j;

/**
 * What one logical call has done so far: its name, how many times it was sent, when its time is
 * up, and why it was not retried. Travels with the request as an OkHttp tag, so the interceptors
 * and the error mapping see the same facts on any thread, and a request sent again after its
 * answer broke off goes on counting.
 */
final class CallState {

    final String operation;
    final boolean idempotent;
    int attempts;
    /** {@link System#nanoTime()} by which the call must end; 0: no limit. */
    final long deadlineNanos;
    /** Why the last answer was handed on instead of retried, for the error message; null if it wasn't. */
    String note;

    CallState(String operation, boolean idempotent, long deadlineNanos) {
        this.operation = operation;
        this.idempotent = idempotent;
        this.deadlineNanos = deadlineNanos;
    }

    /** The deadline {@code timeout} from now, never 0, which means none; 0 for a zero timeout. */
    static long deadlineAfter(java.time.Duration timeout) {
        if (timeout.isZero()) {
            return 0;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        return deadline == 0 ? 1 : deadline;
    }

    boolean hasDeadline() {
        return deadlineNanos != 0;
    }

    /** Nanoseconds left before the deadline (negative when passed); Long.MAX_VALUE without one. */
    long remainingNanos() {
        return hasDeadline() ? deadlineNanos - System.nanoTime() : Long.MAX_VALUE;
    }

    int attemptsOrOne() {
        return Math.max(1, attempts);
    }
}
