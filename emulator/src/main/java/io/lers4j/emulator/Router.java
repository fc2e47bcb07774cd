package io.lers4j.emulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Route templates matched the way ASP.NET matches them: segment by segment, ignoring case, a
 * literal segment winning over a {parameter}.
 */
final class Router {

    /** Who may call a route. */
    enum Access { ANONYMOUS, AUTHENTICATED, PERMISSION }

    interface Handler {
        Reply handle(Call call) throws Exception;
    }

    static final class Route {
        /** The document the route serves, or null for a route outside both documents. */
        final Api api;
        final String method;
        final String template;
        /** The document's operationId, or null for a route outside the documents. */
        final String operationId;
        final Access access;
        final String permission;
        final Handler handler;
        private final String[] segments;
        private final int literals;

        Route(Api api, String method, String template, String operationId, Access access, String permission,
              Handler handler) {
            this.api = api;
            this.method = method;
            this.template = template;
            this.operationId = operationId;
            this.access = access;
            this.permission = permission;
            this.handler = handler;
            this.segments = split(template).toArray(new String[0]);
            int n = 0;
            for (String s : segments) {
                if (!isParameter(s)) {
                    n++;
                }
            }
            this.literals = n;
        }

        private static boolean isParameter(String segment) {
            return segment.startsWith("{") && segment.endsWith("}");
        }

        boolean matches(List<String> path) {
            if (path.size() != segments.length) {
                return false;
            }
            for (int i = 0; i < segments.length; i++) {
                if (!isParameter(segments[i]) && !segments[i].equalsIgnoreCase(path.get(i))) {
                    return false;
                }
            }
            return true;
        }

        void bind(List<String> path, Call call) {
            for (int i = 0; i < segments.length; i++) {
                if (isParameter(segments[i])) {
                    call.path.put(segments[i].substring(1, segments[i].length() - 1), path.get(i));
                }
            }
        }
    }

    /** The route for a request, or the methods the path allows when none matches the method. */
    static final class Match {
        final Route route;
        final Set<String> allowed;

        Match(Route route, Set<String> allowed) {
            this.route = route;
            this.allowed = allowed;
        }
    }

    private final List<Route> routes = new CopyOnWriteArrayList<>();
    /** Routes by segment count: two documents hold 400 templates, a request compares only those of its length. */
    private final Map<Integer, List<Route>> bySize = new ConcurrentHashMap<>();

    void add(Route route) {
        routes.add(route);
        bySize.computeIfAbsent(route.segments.length, k -> new CopyOnWriteArrayList<>()).add(route);
    }

    List<Route> routes() {
        return Collections.unmodifiableList(routes);
    }

    /** Null when no template fits the path (404). */
    Match match(String method, List<String> path) {
        Route best = null;
        Set<String> allowed = new LinkedHashSet<>();
        int bestLiterals = -1;
        for (Route r : bySize.getOrDefault(path.size(), List.of())) {
            if (!r.matches(path)) {
                continue;
            }
            allowed.add(r.method);
            if (r.method.equals(method) && r.literals > bestLiterals) {
                best = r;
                bestLiterals = r.literals;
            }
        }
        if (best == null && allowed.isEmpty()) {
            return null;
        }
        return new Match(best, allowed);
    }

    static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }
}
