package io.lers4j;

import okhttp3.HttpUrl;
import okhttp3.Request;

import java.util.List;
import java.util.Locale;

/** Knowledge of LERS routes the client layer needs: which ones are anonymous, how to name a request. */
final class Routes {

    static final String LOGIN = "api/v1/Login";

    private Routes() {
    }

    /**
     * Path of the request relative to the server's base URL, without leading slash, so that a
     * server behind a reverse proxy at {@code https://host/lers/} is handled like one at the root.
     */
    static String relativePath(HttpUrl base, HttpUrl url) {
        List<String> segments = url.pathSegments();
        return String.join("/", segments.subList(relativeStart(base, url), segments.size()));
    }

    /**
     * Index of the first of {@code url.pathSegments()} past the base URL's path: what
     * {@link #relativePath} joins, for callers that compare segments without building a string.
     */
    static int relativeStart(HttpUrl base, HttpUrl url) {
        List<String> baseSegments = base.pathSegments();
        List<String> segments = url.pathSegments();
        int skip = 0;
        for (String s : baseSegments) {
            if (s.isEmpty()) {
                continue;
            }
            if (skip < segments.size() && segments.get(skip).equals(s)) {
                skip++;
            } else {
                break;
            }
        }
        return skip;
    }

    /** Login, ServerInfo and Downloads carry no Authorization header. */
    static boolean isAnonymous(HttpUrl base, Request request) {
        String path = relativePath(base, request.url()).toLowerCase(Locale.ROOT);
        String method = request.method();
        return ("POST".equals(method) && path.equals("api/v1/login"))
                || ("GET".equals(method) && path.equals("api/v1/serverinfo"))
                || ("GET".equals(method) && path.startsWith("api/v1/downloads/"));
    }

    /** The API document: sent with the token when the client has an account, without one otherwise. */
    static boolean isApiDocument(HttpUrl base, Request request) {
        return "GET".equals(request.method())
                && relativePath(base, request.url()).toLowerCase(Locale.ROOT).startsWith("api/swagger/");
    }

    static boolean isLogin(HttpUrl base, Request request) {
        return "POST".equals(request.method())
                && relativePath(base, request.url()).equalsIgnoreCase(LOGIN);
    }

    /** Same scheme, host and port: the only place credentials are sent to. */
    static boolean sameOrigin(HttpUrl base, HttpUrl url) {
        return base.scheme().equals(url.scheme()) && base.host().equalsIgnoreCase(url.host()) && base.port() == url.port();
    }

    /** {@code https://host:443}: what a redirect target is named by in messages. */
    static String origin(HttpUrl url) {
        return url.scheme() + "://" + (url.host().indexOf(':') >= 0 ? "[" + url.host() + "]" : url.host()) + ":" + url.port();
    }

    /** {@code GET /api/v1/Core/Nodes}: method and path, never the query. */
    static String operation(Request request) {
        return request.method() + " " + request.url().encodedPath();
    }
}
