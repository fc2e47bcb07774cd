package io.lers4j;

import okhttp3.Interceptor;
import okhttp3.Response;

import java.io.IOException;

/**
 * Network interceptor that keeps OkHttp's own follow-ups from re-sending a request behind
 * {@link RetryPolicy}'s back. OkHttp repeats any request, a POST too, that got a 503 with
 * {@code Retry-After: 0}, and parses the header into an int (a longer value escapes as a raw
 * NumberFormatException). Redirects, 408s and 401s are switched off on the client itself; this
 * hides a 503's Retry-After under another name on its way up, and {@link RetryInterceptor}
 * puts it back.
 */
final class FollowUpGuard implements Interceptor {

    static final String HIDDEN_RETRY_AFTER = "Lers4j-Retry-After";

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        String retryAfter = response.header("Retry-After");
        if (response.code() != 503 || retryAfter == null) {
            return response;
        }
        return response.newBuilder().removeHeader("Retry-After").header(HIDDEN_RETRY_AFTER, retryAfter).build();
    }

    /** The response as the server sent it. */
    static Response restore(Response response) {
        String hidden = response.header(HIDDEN_RETRY_AFTER);
        if (hidden == null) {
            return response;
        }
        return response.newBuilder().removeHeader(HIDDEN_RETRY_AFTER).header("Retry-After", hidden).build();
    }
}
