package io.lers4j;

import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The one path every request takes, lers4j's own (login, archives) and the generated operations'
 * alike: the request gets its {@link CallState}, is sent through the interceptors (retries,
 * redirects, authentication, limits), and its answer is read as it streams in. Every failure
 * becomes a {@link LersException} here and nowhere else; an idempotent request whose answer
 * breaks off mid-body is sent again, within the attempts and the call time left.
 */
final class Pipeline {

    /** Reads a successful answer; may throw whatever decoding throws. */
    interface AnswerReader<T> {
        T read(Response response) throws Exception;
    }

    /** Where an asynchronous call's outcome goes. */
    interface Outcome<T> {
        void success(T value, Response response);

        void failure(RuntimeException e, Response responseOrNull);
    }

    private final OkHttpClient http;
    private final RetryInterceptor retry;
    private final ErrorMapper errors;
    private final Duration callTimeout;
    private final PathIdCheck ids;

    /** {@code ids}: the check of path ids, null where requests are lers4j's own only (the login). */
    Pipeline(OkHttpClient http, RetryInterceptor retry, ErrorMapper errors, Duration callTimeout, PathIdCheck ids) {
        this.ids = ids;
        this.http = http;
        this.retry = retry;
        this.errors = errors;
        this.callTimeout = callTimeout;
    }

    OkHttpClient http() {
        return http;
    }

    /**
     * {@code request} with a fresh {@link CallState}: the per-call data travels as its tag. A caller's
     * mistake (a non-positive id in the path) fails here, before anything is sent.
     */
    private Request start(Request request) {
        if (ids != null) {
            ids.check(request);
        }
        CallState state = new CallState(Routes.operation(request), retry.isIdempotent(request),
                CallState.deadlineAfter(callTimeout));
        return request.newBuilder().tag(CallState.class, state).build();
    }

    private static Call newCall(OkHttpClient http, Request request, CallState state) {
        Call call = http.newCall(request);
        if (state.hasDeadline()) {
            // a request sent again gets only the time the call has left
            call.timeout().timeout(Math.max(1, state.remainingNanos()), TimeUnit.NANOSECONDS);
        }
        return call;
    }

    <T> T execute(Request original, AnswerReader<T> reader, boolean login) {
        return execute(http, original, reader, login, true);
    }

    /**
     * {@link #execute(Request, AnswerReader, boolean)} for a reader whose output cannot be taken back (a
     * caller's stream): an answer that breaks off is not read again, whatever the method.
     */
    <T> T executeOnce(Request original, AnswerReader<T> reader) {
        return execute(http, original, reader, false, false);
    }

    /** On {@code client}: this pipeline's client, or one derived from it (the generated debug switch does). */
    <T> T execute(OkHttpClient client, Request original, AnswerReader<T> reader, boolean login) {
        return execute(client, original, reader, login, true);
    }

    private <T> T execute(OkHttpClient client, Request original, AnswerReader<T> reader, boolean login,
                          boolean replayable) {
        Request request = start(original);
        CallState state = request.tag(CallState.class);
        try {
            while (true) {
                Throwable failure;
                try (Response response = newCall(client, request, state).execute()) {
                    if (!response.isSuccessful()) {
                        throw errors.fromResponse(response, state.operation, state.attemptsOrOne(), login, state.note);
                    }
                    try {
                        return reader.read(response);
                    } catch (LersException e) {
                        throw e;
                    } catch (Exception e) {
                        failure = e;
                    }
                }
                if (!replayable || !replay(state, failure)) {
                    throw errors.unreadable(failure, state.operation, state.attemptsOrOne(), 200, state.note);
                }
            }
        } catch (WrappedLersException e) {
            throw e.unwrap();
        } catch (IOException e) {
            throw errors.unreadable(e, state.operation, state.attemptsOrOne(), 0, state.note);
        }
    }

    /** {@link #execute} without blocking: the outcome is delivered on OkHttp's dispatcher thread. */
    <T> void enqueue(OkHttpClient client, Request original, AnswerReader<T> reader, Outcome<T> outcome) {
        Request request = start(original);
        CallState state = request.tag(CallState.class);
        newCall(client, request, state).enqueue(new Callback() {
            @Override
            public void onFailure(Call call, IOException e) {
                WrappedLersException wrapped = e instanceof WrappedLersException ? (WrappedLersException) e : null;
                outcome.failure(wrapped != null ? wrapped.unwrap()
                        : errors.unreadable(e, state.operation, state.attemptsOrOne(), 0, state.note), null);
            }

            @Override
            public void onResponse(Call call, Response response) {
                Callback self = this;
                try (response) {
                    if (!response.isSuccessful()) {
                        outcome.failure(errors.fromResponse(response, state.operation, state.attemptsOrOne(), false,
                                state.note), response);
                        return;
                    }
                    T value;
                    try {
                        value = reader.read(response);
                    } catch (LersException e) {
                        outcome.failure(e, response);
                        return;
                    } catch (Exception e) {
                        boolean again;
                        try {
                            again = replay(state, e);
                        } catch (IOException interrupted) {
                            again = false;
                        }
                        if (again) {
                            newCall(client, request, state).enqueue(self);
                        } else {
                            outcome.failure(errors.unreadable(e, state.operation, state.attemptsOrOne(), 200, state.note),
                                    response);
                        }
                        return;
                    }
                    outcome.success(value, response);
                }
            }
        });
    }

    /**
     * Whether to send the request of {@code state} again after {@code failure} broke its answer
     * off: only an idempotent one, within the attempts allowed, after the backoff, if time is left.
     */
    private boolean replay(CallState state, Throwable failure) throws IOException {
        IOException broken = ErrorMapper.brokenConnection(failure);
        if (!state.idempotent || broken == null || ErrorMapper.find(failure, AttemptsIOException.class) != null
                || state.attempts >= retry.policy().maxAttempts()) {
            return false;
        }
        state.note = retry.awaitRetry(state.operation, "answer broke off (" + Excerpt.describe(broken) + ")",
                state.attempts, retry.policy().backoff(state.attempts), state.deadlineNanos);
        return state.note == null;
    }
}
