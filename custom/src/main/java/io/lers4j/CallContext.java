package io.lers4j;

/**
 * What the interceptors learned about the current request of this thread: its name and how many
 * attempts were made. Synchronous OkHttp calls run their interceptors on the caller's thread, so
 * {@link LersClient#call} can name the operation in the errors of generated API calls.
 */
final class CallContext {

    private static final ThreadLocal<CallContext> CURRENT = new ThreadLocal<>();

    String operation = "";
    int attempts;

    /** Starts a context for this thread and returns the one it replaces (maybe null). */
    static CallContext begin() {
        CallContext previous = CURRENT.get();
        CURRENT.set(new CallContext());
        return previous;
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
}
