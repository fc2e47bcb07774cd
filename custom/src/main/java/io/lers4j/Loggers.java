package io.lers4j;

/**
 * The {@link System.Logger}s of lers4j, one per concern, all under {@code io.lers4j} so that one
 * setting covers them all. The names are part of what users configure (README, "Logging"): keep them.
 */
final class Loggers {

    static final String ROOT = "io.lers4j";

    /** One DEBUG line per HTTP attempt: operation, status, time, attempt number. */
    static final System.Logger HTTP = System.getLogger(ROOT + ".http");
    /** A WARNING before each retry: why, which attempt, how long the wait is. */
    static final System.Logger RETRY = System.getLogger(ROOT + ".retry");
    /** Logins and token renewals (DEBUG), failed logins and clock trouble with the token (WARNING). */
    static final System.Logger AUTH = System.getLogger(ROOT + ".auth");
    /** Bulk reads: start, each failed point, the end (DEBUG). */
    static final System.Logger BULK = System.getLogger(ROOT + ".bulk");
    /** The real-time hub: connections, reconnects, subscriptions, skipped messages, slow consumers. */
    static final System.Logger HUB = System.getLogger(ROOT + ".hub");
    /** Manual polls and currentValuesNow: the sessions, the hub's part, the archive fallback (DEBUG). */
    static final System.Logger POLL = System.getLogger(ROOT + ".poll");

    private Loggers() {
    }
}
