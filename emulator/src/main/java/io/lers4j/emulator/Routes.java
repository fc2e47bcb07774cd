package io.lers4j.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Registers routes by the documents' operationIds: method and path template come from the
 * document, so a route cannot drift from what clients are generated from. An operationId the
 * document lacks, a second route for one operation, or an access that contradicts the document
 * (anonymous there but not here, a permission on an operation that cannot answer 403) fails the
 * emulator's start with an {@link IllegalStateException}.
 */
final class Routes {

    private final Router router;
    private final Map<String, Router.Route> routed = new ConcurrentHashMap<>();

    Routes(Router router) {
        this.router = router;
    }

    private static String key(Api api, String operationId) {
        return api.name() + " " + operationId;
    }

    /** Routes one operation of the document to a handler, with who may call it. */
    void on(Api api, String operationId, Router.Access access, String permission, Router.Handler handler) {
        ApiDocument.Operation op = ApiDocument.of(api).operation(operationId);
        if (op.anonymous != (access == Router.Access.ANONYMOUS)) {
            throw new IllegalStateException(op + " is " + (op.anonymous ? "anonymous" : "secured")
                    + " in the document but routed as " + access);
        }
        if ((access == Router.Access.PERMISSION) != (permission != null)) {
            throw new IllegalStateException(op + ": a permission goes with Access.PERMISSION and only with it");
        }
        if (permission != null && !op.declaresForbidden) {
            throw new IllegalStateException(op + " declares no 403, so it cannot check " + permission);
        }
        Router.Route route = new Router.Route(api, op.method, op.path, op.id, access, permission, handler);
        if (routed.putIfAbsent(key(api, operationId), route) != null) {
            throw new IllegalStateException(op + " is routed twice");
        }
        router.add(route);
    }

    /** A route outside both documents: the documents themselves, a path field clients use beside the documented one. */
    void extra(String method, String template, Router.Access access, Router.Handler handler) {
        router.add(new Router.Route(null, method, template, null, access, null, handler));
    }

    boolean has(Api api, String operationId) {
        return routed.containsKey(key(api, operationId));
    }

    /** The document's operations without a route yet, in the document's order. */
    List<ApiDocument.Operation> unrouted(Api api) {
        List<ApiDocument.Operation> out = new ArrayList<>();
        for (ApiDocument.Operation op : ApiDocument.of(api).operations()) {
            if (!has(api, op.id)) {
                out.add(op);
            }
        }
        return out;
    }
}
