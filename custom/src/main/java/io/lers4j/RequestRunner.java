package io.lers4j;

import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Sends lers4j's own requests (login, archives, server info) and reads their answers as they
 * stream in. Maps every failure to a {@link LersException}; an idempotent request whose answer
 * breaks off mid-body is sent again, within the attempts and the call time left.
 */
final class RequestRunner {

    interface BodyReader<T> {
        T read(ResponseBody body) throws IOException;
    }

    private final OkHttpClient http;
    private final RetryInterceptor retry;
    private final ErrorMapper errors;
    private final Duration callTimeout;

    RequestRunner(OkHttpClient http, RetryInterceptor retry, ErrorMapper errors, Duration callTimeout) {
        this.http = http;
        this.retry = retry;
        this.errors = errors;
        this.callTimeout = callTimeout;
    }

    <T> T execute(Request request, BodyReader<T> reader, boolean login) {
        String operation = Routes.operation(request);
        CallContext previous = CallContext.begin(callTimeout);
        try {
            CallContext context = CallContext.current();
            while (true) {
                Call call = http.newCall(request);
                if (context.hasDeadline()) {
                    // a request sent again gets only the time the call has left
                    call.timeout().timeout(Math.max(1, context.remainingNanos()), TimeUnit.NANOSECONDS);
                }
                Throwable failure;
                try (Response response = call.execute()) {
                    if (!response.isSuccessful()) {
                        throw errors.fromResponse(response, operation, context.attempts, login, context.note);
                    }
                    try {
                        return reader.read(response.body());
                    } catch (IOException | RuntimeException e) {
                        failure = e;
                    }
                }
                if (!replay(context, failure)) {
                    throw errors.unreadable(failure, operation, Math.max(1, context.attempts), 200, context.note);
                }
            }
        } catch (WrappedLersException e) {
            throw e.unwrap();
        } catch (IOException e) {
            CallContext context = CallContext.current();
            throw errors.unreadable(e, operation, Math.max(1, context.attempts), 0, context.note);
        } finally {
            CallContext.restore(previous);
        }
    }

    /**
     * Whether to send the request of {@code context} again after {@code failure} broke its answer
     * off: only an idempotent one, within the attempts allowed, after the backoff, if time is left.
     */
    boolean replay(CallContext context, Throwable failure) throws IOException {
        if (!context.idempotent || ErrorMapper.brokenConnection(failure) == null
                || ErrorMapper.find(failure, AttemptsIOException.class) != null
                || context.attempts >= retry.policy().maxAttempts()) {
            return false;
        }
        context.note = retry.awaitRetry(context.operation, "answer broke off (" + Excerpt.describe(
                ErrorMapper.brokenConnection(failure)) + ")", context.attempts, retry.policy().backoff(context.attempts),
                context.deadlineNanos);
        return context.note == null;
    }
}
