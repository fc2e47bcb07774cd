package io.lers4j;

import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;

/**
 * Adds {@code Authorization: Bearer <token>} to every request but the anonymous ones, and on a 401
 * renews the token and replays the request exactly once.
 */
final class AuthInterceptor implements Interceptor {

    private final TokenManager tokens;
    private final HttpUrl base;

    AuthInterceptor(TokenManager tokens, HttpUrl base) {
        this.tokens = tokens;
        this.base = base;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        if (Routes.isAnonymous(base, request) || request.header("Authorization") != null) {
            return chain.proceed(request);
        }
        String token;
        try {
            token = tokens.token();
        } catch (LersException e) {
            throw new WrappedLersException(e);
        }
        Response response = chain.proceed(withToken(request, token));
        if (response.code() != 401 || !tokens.canLogIn()) {
            return response;
        }
        response.close();
        String renewed;
        try {
            renewed = tokens.renewAfterRejection(token);
        } catch (LersException e) {
            throw new WrappedLersException(e);
        }
        return chain.proceed(withToken(request, renewed));
    }

    private static Request withToken(Request request, String token) {
        return request.newBuilder().header("Authorization", "Bearer " + token).build();
    }
}
