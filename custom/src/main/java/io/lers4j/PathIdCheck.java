package io.lers4j;

import io.lers4j.invoker.PathIdParameters;
import okhttp3.HttpUrl;
import okhttp3.Request;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A request that puts anything but a positive integer where the API document has an integer path
 * parameter (a LERS id) fails with an {@link IllegalArgumentException}. {@link Pipeline} checks
 * every request before it becomes a call, synchronous or not: nothing is sent, no interceptor sees
 * it and no attempt is counted. The templates come from the generated {@link PathIdParameters}, so
 * every operation of the document is covered without code per operation.
 */
final class PathIdCheck {

    /** Every operation of both documents (v1 and v0.1), as generated. */
    static final List<PathIdParameters.Operation> OPERATIONS = concat(PathIdParameters.operations(),
            io.lers4j.v01.api.PathIdParameters.operations());

    /** The documents' table, indexed once: it is the same for every client. */
    private static final Map<String, Template[][]> DOCUMENT = index(OPERATIONS);

    private static List<PathIdParameters.Operation> concat(List<PathIdParameters.Operation> a,
                                                           List<PathIdParameters.Operation> b) {
        List<PathIdParameters.Operation> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    private final HttpUrl base;
    /** Method, then number of path segments, then the templates of that shape, most specific first. */
    private final Map<String, Template[][]> templates;

    PathIdCheck(HttpUrl base) {
        this(base, DOCUMENT);
    }

    /** For tests: a table of one's own. */
    PathIdCheck(HttpUrl base, List<PathIdParameters.Operation> operations) {
        this(base, index(operations));
    }

    private PathIdCheck(HttpUrl base, Map<String, Template[][]> templates) {
        this.base = base;
        this.templates = templates;
    }

    /** Throws if the request matches a template and one of its id segments is not a positive integer. */
    void check(Request request) {
        Template[][] bySize = templates.get(request.method());
        if (bySize == null) {
            return;
        }
        HttpUrl url = request.url();
        List<String> segments = url.pathSegments();
        int start = Routes.relativeStart(base, url);
        int size = segments.size() - start;
        if (size >= bySize.length || bySize[size] == null) {
            return; // no operation of this shape has an id
        }
        for (Template t : bySize[size]) {
            if (t.matches(segments, start)) {
                t.checkIds(segments, start);
                return; // the most specific match decides, as in the server's routing
            }
        }
    }

    static boolean isPositiveInteger(String s) {
        boolean nonZero = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            nonZero |= c != '0';
        }
        return nonZero;
    }

    private static Map<String, Template[][]> index(List<PathIdParameters.Operation> operations) {
        Map<String, Map<Integer, List<Template>>> byMethod = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (PathIdParameters.Operation op : operations) {
            Template t = new Template(op);
            if (seen.add(t.operation)) { // an operation with two tags is listed twice
                byMethod.computeIfAbsent(t.method, m -> new HashMap<>())
                        .computeIfAbsent(t.literals.length, n -> new ArrayList<>()).add(t);
            }
        }
        Map<String, Template[][]> index = new HashMap<>();
        byMethod.forEach((method, bySize) -> {
            int max = bySize.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
            Template[][] sized = new Template[max + 1][];
            boolean any = false;
            for (Map.Entry<Integer, List<Template>> e : bySize.entrySet()) {
                List<Template> shape = e.getValue();
                // templates without ids stay in a shape that has some: a literal like Nodes/Groups must win over Nodes/{id}
                if (shape.stream().anyMatch(t -> t.idPositions.length > 0)) {
                    shape.sort(Template.MOST_SPECIFIC_FIRST);
                    sized[e.getKey()] = shape.toArray(new Template[0]);
                    any = true;
                }
            }
            if (any) {
                index.put(method, sized);
            }
        });
        return Map.copyOf(index);
    }

    /** One path template, split into segments once. */
    static final class Template {

        /** Per segment, left to right, a literal before a parameter: ASP.NET routing's precedence. */
        static final Comparator<Template> MOST_SPECIFIC_FIRST = (a, b) -> {
            for (int i = 0; i < a.literals.length; i++) {
                boolean aLiteral = a.literals[i] != null;
                if (aLiteral != (b.literals[i] != null)) {
                    return aLiteral ? -1 : 1;
                }
            }
            return 0;
        };

        final String method;
        /** {@code GET /api/v1/Core/Nodes/{id}}, as the document writes it, for messages. */
        final String operation;
        /** Per path segment: the literal, or null for a parameter. */
        final String[] literals;
        final int[] idPositions;
        final String[] idNames;

        Template(PathIdParameters.Operation op) {
            method = op.method().toUpperCase(Locale.ROOT);
            String path = op.path();
            int query = path.indexOf('?');
            if (query >= 0) {
                path = path.substring(0, query);
            }
            operation = method + " " + path;
            String relative = path.startsWith("/") ? path.substring(1) : path;
            String[] parts = relative.split("/", -1);
            literals = new String[parts.length];
            List<Integer> positions = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < parts.length; i++) {
                String part = parts[i];
                // a segment mixing text and a parameter matches anything; an id inside one is not checked
                literals[i] = part.indexOf('{') >= 0 ? null : part;
                if (part.length() > 2 && part.charAt(0) == '{' && part.charAt(part.length() - 1) == '}') {
                    String name = part.substring(1, part.length() - 1);
                    if (op.ids().contains(name)) {
                        positions.add(i);
                        names.add(name);
                    }
                }
            }
            idPositions = positions.stream().mapToInt(Integer::intValue).toArray();
            idNames = names.toArray(new String[0]);
        }

        boolean matches(List<String> segments, int start) {
            for (int i = 0; i < literals.length; i++) {
                if (literals[i] != null && !literals[i].equalsIgnoreCase(segments.get(start + i))) {
                    return false;
                }
            }
            return true;
        }

        void checkIds(List<String> segments, int start) {
            for (int i = 0; i < idPositions.length; i++) {
                String value = segments.get(start + idPositions[i]);
                if (!isPositiveInteger(value)) {
                    throw new IllegalArgumentException(operation + ": path parameter " + idNames[i] + " is "
                            + (value.isEmpty() ? "empty" : value)
                            + ", but ids are positive integers; the request was not sent");
                }
            }
        }
    }
}
