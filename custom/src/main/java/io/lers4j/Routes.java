package io.lers4j;

import io.lers4j.invoker.PathIdParameters;
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

    /** The operations either document declares without security: Login, ServerInfo, Downloads, Descriptors, ... */
    private static final PathIdCheck.Template[] ANONYMOUS = PathIdCheck.OPERATIONS.stream()
            .filter(PathIdParameters.Operation::anonymous).map(PathIdCheck.Template::new)
            .toArray(PathIdCheck.Template[]::new);

    /**
     * The operations the documents declare anonymous carry no credentials; so does a download by its key
     * alone ({@code Downloads/{key}} without the file name), as field clients ask for it.
     */
    static boolean isAnonymous(HttpUrl base, Request request) {
        HttpUrl url = request.url();
        List<String> segments = url.pathSegments();
        int start = relativeStart(base, url);
        int size = segments.size() - start;
        String method = request.method();
        for (PathIdCheck.Template t : ANONYMOUS) {
            if (t.literals.length == size && t.method.equals(method) && t.matches(segments, start)) {
                return true;
            }
        }
        return "GET".equals(method) && size == 4 && segments.get(start).equalsIgnoreCase("api")
                && segments.get(start + 2).equalsIgnoreCase("Downloads");
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

    /**
     * {@code GET /api/v1/Core/Nodes}: method and path, never the query. A download key, which lets
     * anyone holding it fetch the file, is masked: {@code GET /api/v0.1/Downloads/*}{@code /report.pdf}.
     */
    static String operation(Request request) {
        String path = request.url().encodedPath();
        int downloads = indexOfIgnoreCase(path, DOWNLOADS);
        if (downloads >= 0) {
            int keyStart = downloads + DOWNLOADS.length();
            int keyEnd = path.indexOf('/', keyStart);
            path = path.substring(0, keyStart) + "*" + (keyEnd < 0 ? "" : path.substring(keyEnd));
        }
        return request.method() + " " + path;
    }

    private static final String DOWNLOADS = "/Downloads/";

    private static int indexOfIgnoreCase(String text, String part) {
        for (int i = 0; i + part.length() <= text.length(); i++) {
            if (text.regionMatches(true, i, part, 0, part.length())) {
                return i;
            }
        }
        return -1;
    }
}
