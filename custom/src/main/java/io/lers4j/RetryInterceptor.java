package io.lers4j;

import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.UnknownServiceException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * Outermost interceptor: sends a request again when {@link RetryPolicy} allows it and the call's
 * time allows the wait, logs each attempt, and bounds every answer's body ({@link BodyLimit}).
 */
final class RetryInterceptor implements Interceptor {

    private static final Set<Integer> RETRYABLE = Set.of(408, 429, 500, 502, 503, 504);

    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final Clock clock;
    private final HttpUrl base;
    private final long maxResponseBytes;

    RetryInterceptor(RetryPolicy policy, Sleeper sleeper, Clock clock, HttpUrl base, long maxResponseBytes) {
        this.policy = policy;
        this.sleeper = sleeper;
        this.clock = clock;
        this.base = base;
        this.maxResponseBytes = maxResponseBytes;
    }

    RetryPolicy policy() {
        return policy;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        CallState state = request.tag(CallState.class);
        if (state == null) { // a request sent on the client directly, not through Pipeline
            state = new CallState(Routes.operation(request), isIdempotent(request),
                    CallState.deadlineAfter(java.time.Duration.ofNanos(chain.call().timeout().timeoutNanos())));
        }
        String operation = state.operation;
        boolean idempotent = state.idempotent;
        state.note = null;
        long deadline = state.deadlineNanos;
        // a request sent again after its answer broke off goes on counting
        for (int attempt = state.attempts + 1; ; attempt++) {
            state.attempts = attempt;
            long started = System.nanoTime();
            Response response;
            try {
                response = chain.proceed(request);
            } catch (WrappedLersException e) {
                throw e; // a failed login: already retried as far as it may be
            } catch (IOException e) {
                int attemptNo = attempt;
                long millis = (System.nanoTime() - started) / 1_000_000;
                Loggers.HTTP.log(Level.DEBUG, () -> operation + " failed (" + AttemptsIOException.describe(e) + ") in "
                        + millis + " ms (attempt " + attemptNo + ")");
                boolean retry = attempt < policy.maxAttempts() && !chain.call().isCanceled() && !certificateRejected(e)
                        && (neverSent(e) || (idempotent && transientFailure(e)));
                if (!retry) {
                    throw new AttemptsIOException(operation, attempt, e, chain.call().isCanceled() && deadline != 0
                            && System.nanoTime() - deadline >= 0 ? "the call timeout has passed" : null);
                }
                String skipped = awaitRetry(operation, "failed (" + AttemptsIOException.describe(e) + ")", attempt,
                        policy.backoff(attempt), deadline);
                if (skipped != null) {
                    throw new AttemptsIOException(operation, attempt, e, skipped);
                }
                continue;
            }
            response = FollowUpGuard.restore(response);
            int code = response.code();
            long millis = (System.nanoTime() - started) / 1_000_000;
            int attemptNo = attempt;
            Loggers.HTTP.log(Level.DEBUG, () -> operation + " -> " + code + " in " + millis + " ms (attempt " + attemptNo + ")");
            if (attempt < policy.maxAttempts() && idempotent && RETRYABLE.contains(code)) {
                String skipped = awaitRetryAfter(operation, response, attempt, deadline);
                if (skipped == null) {
                    continue;
                }
                state.note = skipped;
            }
            return BodyLimit.apply(response, maxResponseBytes);
        }
    }

    /** Closes {@code response} and waits as it or the backoff says; a reason instead when the wait would pass the deadline. */
    private String awaitRetryAfter(String operation, Response response, int attempt, long deadline) throws IOException {
        Duration wait = retryAfter(response, attempt);
        if (!fits(wait, deadline)) {
            return notRetried(wait, deadline);
        }
        response.close();
        waitBeforeRetry(operation, "answered " + response.code(), attempt, wait);
        return null;
    }

    /**
     * Waits {@code wait} before attempt {@code attempt + 1}, unless that would end after
     * {@code deadline} ({@link System#nanoTime()}, 0: none): then returns why it did not.
     */
    String awaitRetry(String operation, String what, int attempt, Duration wait, long deadline) throws InterruptedIOException {
        if (!fits(wait, deadline)) {
            return notRetried(wait, deadline);
        }
        waitBeforeRetry(operation, what, attempt, wait);
        return null;
    }

    private static boolean fits(Duration wait, long deadline) {
        return deadline == 0 || deadline - System.nanoTime() > wait.toNanos();
    }

    private static String notRetried(Duration wait, long deadline) {
        long left = Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
        return "not retried: waiting " + wait.toMillis() + " ms would pass the call timeout (" + left + " ms left)";
    }

    private void waitBeforeRetry(String operation, String what, int attempt, Duration wait) throws InterruptedIOException {
        Loggers.RETRY.log(Level.WARNING, () -> operation + " " + what + ", attempt " + attempt + " of " + policy.maxAttempts()
                + "; retrying in " + wait.toMillis() + " ms");
        sleep(wait);
    }

    boolean isIdempotent(Request request) {
        switch (request.method()) {
            case "GET":
            case "HEAD":
            case "PUT":
            case "DELETE":
            case "OPTIONS":
                return true;
            default:
                // logging in twice only issues two tokens
                return Routes.isLogin(base, request);
        }
    }

    /** The connection was never made, so the server cannot have seen the request. */
    static boolean neverSent(IOException e) {
        return e instanceof ConnectException || e instanceof UnknownHostException
                || e instanceof NoRouteToHostException || e instanceof PortUnreachableException
                || e instanceof SSLHandshakeException;
    }

    /** An untrusted or invalid certificate fails the same way on every attempt. */
    static boolean certificateRejected(IOException e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof java.security.cert.CertificateException || c instanceof SSLPeerUnverifiedException) {
                return true;
            }
        }
        return false;
    }

    private static boolean transientFailure(IOException e) {
        if (e instanceof UnknownServiceException || e instanceof SSLPeerUnverifiedException) {
            return false; // configuration problems: another attempt would fail the same way
        }
        // a timeout of the whole call or an interrupt is the caller's limit, not the server's hiccup
        return !(e instanceof InterruptedIOException) || e instanceof SocketTimeoutException;
    }

    private Duration retryAfter(Response response, int attempt) {
        Duration wait = parseRetryAfter(response.header("Retry-After"), clock);
        if (wait == null) {
            return policy.backoff(attempt);
        }
        return wait.compareTo(policy.maxRetryAfter()) > 0 ? policy.maxRetryAfter() : wait;
    }

    /** Seconds or an HTTP date; null when absent or unreadable. */
    static Duration parseRetryAfter(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            return Duration.ofSeconds(Math.max(0, seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime when = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(clock.instant(), when.toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private void sleep(Duration wait) throws InterruptedIOException {
        if (wait.isZero()) {
            return;
        }
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException("interrupted while waiting to retry");
            interrupted.initCause(e);
            throw interrupted;
        }
    }
}
