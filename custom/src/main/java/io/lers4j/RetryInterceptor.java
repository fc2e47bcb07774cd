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

/** Outermost interceptor: sends a request again when {@link RetryPolicy} allows it, and logs each attempt. */
final class RetryInterceptor implements Interceptor {

    private static final System.Logger LOG = System.getLogger("io.lers4j");
    private static final Set<Integer> RETRYABLE = Set.of(408, 429, 502, 503, 504);

    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final Clock clock;
    private final HttpUrl base;

    RetryInterceptor(RetryPolicy policy, Sleeper sleeper, Clock clock, HttpUrl base) {
        this.policy = policy;
        this.sleeper = sleeper;
        this.clock = clock;
        this.base = base;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        String operation = Routes.operation(request);
        boolean idempotent = isIdempotent(request);
        CallContext context = CallContext.current();
        if (context != null) {
            context.operation = operation;
        }
        for (int attempt = 1; ; attempt++) {
            if (context != null) {
                context.attempts = attempt;
            }
            long started = System.nanoTime();
            Response response;
            try {
                response = chain.proceed(request);
            } catch (WrappedLersException e) {
                throw e; // a failed login: already retried as far as it may be
            } catch (IOException e) {
                boolean retry = attempt < policy.maxAttempts() && !chain.call().isCanceled() && !certificateRejected(e)
                        && (neverSent(e) || (idempotent && transientFailure(e)));
                if (!retry) {
                    throw new AttemptsIOException(operation, attempt, e);
                }
                waitBeforeRetry(operation, "failed (" + AttemptsIOException.describe(e) + ")", attempt, policy.backoff(attempt));
                continue;
            }
            if (idempotent && response.isSuccessful()) {
                try {
                    bufferJsonBody(response);
                } catch (IOException e) {
                    // the connection broke mid-body: for an idempotent request, as good as no answer
                    response.close();
                    if (attempt >= policy.maxAttempts() || chain.call().isCanceled()) {
                        throw new AttemptsIOException(operation, attempt, e);
                    }
                    waitBeforeRetry(operation, "answer broke off (" + AttemptsIOException.describe(e) + ")", attempt,
                            policy.backoff(attempt));
                    continue;
                }
            }
            int code = response.code();
            long millis = (System.nanoTime() - started) / 1_000_000;
            int attemptNo = attempt;
            LOG.log(Level.DEBUG, () -> operation + " -> " + code + " in " + millis + " ms (attempt " + attemptNo + ")");
            boolean retry = attempt < policy.maxAttempts()
                    && idempotent && (RETRYABLE.contains(code) || code == 500);
            if (!retry) {
                return response;
            }
            Duration wait = retryAfter(response, attempt);
            response.close();
            waitBeforeRetry(operation, "answered " + code, attempt, wait);
        }
    }

    private void waitBeforeRetry(String operation, String what, int attempt, Duration wait) throws InterruptedIOException {
        LOG.log(Level.WARNING, () -> operation + " " + what + ", attempt " + attempt + " of " + policy.maxAttempts()
                + "; retrying in " + wait.toMillis() + " ms");
        sleep(wait);
    }

    /**
     * Reads a JSON answer completely before handing it on, so a connection dropped mid-body is
     * seen here, where the request can still be retried. Files (downloads) are left streaming.
     */
    private static void bufferJsonBody(Response response) throws IOException {
        okhttp3.ResponseBody body = response.body();
        okhttp3.MediaType type = body == null ? null : body.contentType();
        if (body != null && (type == null || type.subtype().contains("json") || "text".equals(type.type()))) {
            body.source().request(Long.MAX_VALUE);
        }
    }

    private boolean isIdempotent(Request request) {
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
