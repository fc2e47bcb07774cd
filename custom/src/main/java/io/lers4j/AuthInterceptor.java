package io.lers4j;

import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;

/**
 * Authenticates every request but the anonymous ones, and on a 401 renews the token and replays
 * the request exactly once.
 *
 * <p>The token travels as a request tag and becomes the {@code Authorization} header only in
 * {@link BearerHeader}, a network interceptor: interceptors added after this one (the generated
 * client's debug logger, say) never see it.
 */
final class AuthInterceptor implements Interceptor {

    /** The token a request is to be sent with. */
    static final class Token {
        final String value;

        Token(String value) {
            this.value = value;
        }

        @Override
        public String toString() {
            return "Token[" + Redactor.MASK + "]";
        }
    }

    private final TokenManager tokens;
    private final HttpUrl base;

    AuthInterceptor(TokenManager tokens, HttpUrl base) {
        this.tokens = tokens;
        this.base = base;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        if (!Routes.sameOrigin(base, request.url()) || Routes.isAnonymous(base, request)
                || request.header("Authorization") != null
                || (!tokens.hasAccount() && Routes.isApiDocument(base, request))) {
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
        Loggers.AUTH.log(System.Logger.Level.DEBUG, () -> Routes.operation(request) + " -> 401: the token was rejected");
        String renewed;
        try {
            renewed = tokens.renewAfterRejection(token);
        } catch (LersException e) {
            throw new WrappedLersException(e);
        }
        return chain.proceed(withToken(request, renewed));
    }

    private static Request withToken(Request request, String token) {
        return request.newBuilder().tag(Token.class, new Token(token)).build();
    }

    /**
     * Network interceptor: writes the tagged token into the header, as late as OkHttp allows, and
     * only for the configured origin, whatever URL a request ended up with.
     */
    static final class BearerHeader implements Interceptor {
        private final HttpUrl base;

        BearerHeader(HttpUrl base) {
            this.base = base;
        }

        @Override
        public Response intercept(Chain chain) throws IOException {
            Request request = chain.request();
            Token token = request.tag(Token.class);
            if (token == null || request.header("Authorization") != null || !Routes.sameOrigin(base, request.url())) {
                return chain.proceed(request);
            }
            return chain.proceed(request.newBuilder().header("Authorization", "Bearer " + token.value).build());
        }
    }
}
