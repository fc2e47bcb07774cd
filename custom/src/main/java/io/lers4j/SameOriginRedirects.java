package io.lers4j;

import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;

/**
 * Follows the redirects that cannot leak or repeat anything: to the configured origin only
 * (scheme, host and port, so https is never downgraded), for GET and HEAD, and with 307/308 for
 * the other idempotent requests, which keep their method and body. Every other redirect is
 * handed on as it came and reported as {@link LersRedirectException}: credentials, the login
 * body and a POST's body go nowhere else, and a POST or PATCH is sent once. OkHttp's own
 * redirect following is off.
 */
final class SameOriginRedirects implements Interceptor {

    static final int MAX_REDIRECTS = 5;

    private final HttpUrl base;

    SameOriginRedirects(HttpUrl base) {
        this.base = base;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        for (int hop = 0; ; hop++) {
            Response response = chain.proceed(request);
            HttpUrl target = target(response);
            if (target == null || hop == MAX_REDIRECTS || !followed(request, response.code(), target)) {
                return response;
            }
            response.close();
            request = request.newBuilder().url(target).build();
        }
    }

    /** Where a redirect points, resolved against the request; null for anything else. */
    static HttpUrl target(Response response) {
        if (!isRedirect(response.code())) {
            return null;
        }
        String location = response.header("Location");
        return location == null ? null : response.request().url().resolve(location);
    }

    static boolean isRedirect(int code) {
        return code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
    }

    private boolean followed(Request request, int code, HttpUrl target) {
        if (!Routes.sameOrigin(base, target)) {
            return false;
        }
        String method = request.method();
        if (method.equals("GET") || method.equals("HEAD")) {
            return true;
        }
        // 301-303 would turn the request into a GET; 307/308 repeat it, which only an idempotent one may
        boolean idempotent = method.equals("PUT") || method.equals("DELETE") || Routes.isLogin(base, request);
        return (code == 307 || code == 308) && idempotent;
    }
}
