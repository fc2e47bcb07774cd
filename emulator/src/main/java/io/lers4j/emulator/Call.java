package io.lers4j.emulator;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.lers4j.types.LersDateTime;

import java.lang.reflect.Type;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One request as a route sees it: path and query parameters (names case-insensitive, as ASP.NET
 * binds them), headers, body and the caller's session.
 */
final class Call {

    final String method;
    final Map<String, String> path = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    final Map<String, List<String>> query = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    /** The first value of a request header by name (case-insensitive), or null. */
    private final UnaryOperator<String> headers;
    final byte[] body;
    Accounts.Session session;

    Call(String method, String rawQuery, UnaryOperator<String> headers, byte[] body) {
        this.method = method;
        this.headers = headers;
        this.body = body;
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decodeQuery(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decodeQuery(pair.substring(eq + 1));
                query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
        }
    }

    /** The same request with another body: v0.1 bodies rewritten for the v1 handlers. */
    Call withBody(byte[] newBody) {
        Call copy = new Call(method, null, headers, newBody);
        copy.path.putAll(path);
        copy.query.putAll(query);
        copy.session = session;
        return copy;
    }

    private static String decodeQuery(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw HttpError.badArgument("Неверная кодировка строки запроса: " + s);
        }
    }

    String param(String name) {
        return path.get(name);
    }

    int intParam(String name) {
        String value = path.get(name);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw HttpError.invalidValue(name, value);
        }
    }

    /** A path date in the server's local time; an offset, if sent, is ignored. */
    /** The {@code {start}/{end}} of the path as the server's period; 422 when the start is after the end. */
    LocalDateTime[] period() {
        LocalDateTime from = dateParam("start");
        LocalDateTime to = dateParam("end");
        if (from.isAfter(to)) {
            throw HttpError.badArgument("Дата начала периода больше даты окончания.");
        }
        return new LocalDateTime[]{from, to};
    }

    LocalDateTime dateParam(String name) {
        String value = path.get(name);
        try {
            return LersDateTime.parse(value).toLocalDateTime();
        } catch (DateTimeException e) {
            throw HttpError.invalidValue(name, value);
        }
    }

    String queryValue(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }

    boolean flag(String name) {
        String value = queryValue(name);
        if (value == null || value.isEmpty()) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw HttpError.invalidValue(name, value);
    }

    Integer intQuery(String name) {
        String value = queryValue(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw HttpError.invalidValue(name, value);
        }
    }

    /** All values of a repeated parameter, also split at commas ({@code id=1,2} or {@code dataTypes=Hour, Day}). */
    List<String> queryValues(String name) {
        List<String> out = new ArrayList<>();
        for (String v : query.getOrDefault(name, List.of())) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    List<Integer> intQueryValues(String name) {
        List<Integer> out = new ArrayList<>();
        for (String v : queryValues(name)) {
            try {
                out.add(Integer.parseInt(v));
            } catch (NumberFormatException e) {
                throw HttpError.invalidValue(name, v);
            }
        }
        return out;
    }

    /** An enum value by name, case-insensitive; null when absent. */
    <E> E enumQuery(String name, Collection<E> values, Function<E, String> nameOf) {
        String value = queryValue(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        return enumValue(name, value.trim(), values, nameOf);
    }

    static <E> E enumValue(String parameter, String value, Collection<E> values, Function<E, String> nameOf) {
        for (E e : values) {
            if (nameOf.apply(e).equalsIgnoreCase(value)) {
                return e;
            }
        }
        throw HttpError.invalidValue(parameter, value);
    }

    private static String bounded(String message) {
        String m = String.valueOf(message);
        return m.length() > 200 ? m.substring(0, 200) : m;
    }

    String header(String name) {
        return headers.apply(name);
    }

    boolean hasBody() {
        return body.length > 0 && !new String(body, StandardCharsets.UTF_8).isBlank();
    }

    /** The JSON body, bound to a model type; 415 for a non-JSON content type, 422 when missing or unreadable. */
    <T> T body(Type type) {
        JsonElement tree = bodyTree();
        try {
            T value = Reply.GSON.fromJson(tree, type);
            if (value == null) {
                throw HttpError.badBody("", "A non-empty request body is required.");
            }
            return value;
        } catch (JsonParseException | IllegalArgumentException | IllegalStateException e) {
            throw HttpError.badBody("$", "The JSON value could not be converted: " + bounded(e.getMessage()));
        }
    }

    JsonElement bodyTree() {
        if (!hasBody()) {
            throw HttpError.badBody("", "A non-empty request body is required.");
        }
        String type = header("Content-Type");
        if (type == null || !isJson(type)) {
            throw HttpError.status(415);
        }
        try {
            JsonElement tree = JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
            if (tree.isJsonNull()) {
                throw HttpError.badBody("", "A non-empty request body is required.");
            }
            return tree;
        } catch (JsonParseException e) {
            throw HttpError.badBody("$", "The body is not valid JSON: " + bounded(e.getMessage()));
        }
    }

    /** The media types ASP.NET's JSON input formatter accepts. */
    static boolean isJson(String contentType) {
        String t = contentType.toLowerCase(Locale.ROOT).split(";")[0].trim();
        return t.equals("application/json") || t.equals("text/json") || t.equals("application/json-patch+json")
                || (t.startsWith("application/") && t.endsWith("+json"));
    }
}
