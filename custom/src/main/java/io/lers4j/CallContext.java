package io.lers4j;

/**
 * What one logical call of this thread has done so far: its name, how many times it was sent,
 * when its time is up, and why it was not retried. Synchronous OkHttp calls run their
 * interceptors on the caller's thread, so {@link LersClient} can name the operation in errors and
 * continue the attempt count when it sends a request again after its answer broke off.
 */
final class CallContext {

    private static final ThreadLocal<CallContext> CURRENT = new ThreadLocal<>();

    String operation = "";
    boolean idempotent;
    int attempts;
    /** {@link System#nanoTime()} by which the call must end; 0: no limit. */
    final long deadlineNanos;
    /** Why the last answer was handed on instead of retried, for the error message; null if it wasn't. */
    String note;

    private CallContext(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    /** Starts a context for this thread and returns the one it replaces (maybe null). */
    static CallContext begin(java.time.Duration callTimeout) {
        CallContext previous = CURRENT.get();
        CURRENT.set(new CallContext(deadlineAfter(callTimeout)));
        return previous;
    }

    /** The deadline {@code timeout} from now, never 0, which means none; 0 for a zero timeout. */
    static long deadlineAfter(java.time.Duration timeout) {
        if (timeout.isZero()) {
            return 0;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        return deadline == 0 ? 1 : deadline;
    }

    static CallContext current() {
        return CURRENT.get();
    }

    /** Puts back the context {@link #begin} replaced. */
    static void restore(CallContext previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }

    boolean hasDeadline() {
        return deadlineNanos != 0;
    }

    /** Nanoseconds left before the deadline (negative when passed); Long.MAX_VALUE without one. */
    long remainingNanos() {
        return hasDeadline() ? deadlineNanos - System.nanoTime() : Long.MAX_VALUE;
    }
}
