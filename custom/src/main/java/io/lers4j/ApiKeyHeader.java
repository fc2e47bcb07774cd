package io.lers4j;

import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;

/** Network interceptor: the application key on every request to the configured origin but the anonymous ones. */
final class ApiKeyHeader implements Interceptor {

    static final String HEADER = "x-lers-api-key";

    private final String key;
    private final HttpUrl base;

    ApiKeyHeader(String key, HttpUrl base) {
        this.key = key;
        this.base = base;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        if (!Routes.sameOrigin(base, request.url()) || Routes.isAnonymous(base, request) || request.header(HEADER) != null) {
            return chain.proceed(request);
        }
        return chain.proceed(request.newBuilder().header(HEADER, key).build());
    }
}
