package io.lers4j.emulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every v0.1 operation without behaviour answers as the document says, so no generated call meets
 * a 404: parameters are bound as ASP.NET binds them (400 for an id {@code abc}, a date
 * {@code soon}, an unknown enum value, a missing required query parameter or body), the access
 * right of {@link V01Permissions} is checked, and the answer is the document's 200: a sample of
 * its schema ({@link Samples}), or an empty 200. Nothing is stored; such a write changes nothing.
 */
final class SampleRoutes {

    private final Samples samples;
    /** Samples are deterministic apart from the time they were first written: one per operation, kept. */
    private final Map<String, byte[]> answers = new ConcurrentHashMap<>();

    SampleRoutes(Samples samples) {
        this.samples = samples;
    }

    /** Routes the document's operations that have no route yet. */
    void register(Routes r) {
        for (ApiDocument.Operation op : r.unrouted(Api.V01)) {
            r.on(Api.V01, op.id, V01Permissions.access(op), V01Permissions.of(op), call -> answer(op, call));
        }
    }

    private Reply answer(ApiDocument.Operation op, Call call) {
        bind(op, call);
        if (op.answerSchema == null) {
            return Reply.empty(200);
        }
        byte[] body = answers.computeIfAbsent(op.id,
                k -> Reply.GSON.toJson(samples.of(op.answerSchema)).getBytes(StandardCharsets.UTF_8));
        return Reply.bytes(200, Reply.JSON_TYPE, body);
    }

    /** Binds every parameter the document declares, refusing what ASP.NET's binding refuses. */
    static void bind(ApiDocument.Operation op, Call call) {
        for (JsonObject p : op.parameters) {
            String name = p.get("name").getAsString();
            String type = p.has("type") ? p.get("type").getAsString() : "string";
            boolean path = p.get("in").getAsString().equals("path");
            if (!path && call.queryValue(name) == null) {
                if (p.has("required") && p.get("required").getAsBoolean()) {
                    throw HttpError.badBody(name, "The " + name + " field is required.");
                }
                continue;
            }
            List<String> values = path ? List.of(call.param(name)) : call.queryValues(name);
            JsonObject item = type.equals("array") ? p.getAsJsonObject("items") : p;
            for (String value : values) {
                check(name, value, item);
            }
        }
        if (op.bodySchema != null) {
            if (call.hasBody()) {
                call.bodyTree();
            } else if (op.bodyRequired) {
                throw HttpError.badBody("", "A non-empty request body is required.");
            }
        }
    }

    private static void check(String name, String value, JsonObject schema) {
        String type = schema.has("type") ? schema.get("type").getAsString() : "string";
        String format = schema.has("format") ? schema.get("format").getAsString() : "";
        try {
            if (type.equals("integer")) {
                Long.parseLong(value.trim());
            } else if (type.equals("boolean") && !value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                throw HttpError.invalidValue(name, value);
            } else if (format.equals("date-time")) {
                io.lers4j.types.LersDateTime.parse(value);
            } else if (format.equals("uuid")) {
                UUID.fromString(value.trim());
            } else if (schema.has("enum") && !isOneOf(value, schema.getAsJsonArray("enum"))) {
                throw HttpError.invalidValue(name, value);
            }
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw HttpError.invalidValue(name, value);
        }
    }

    /** An enum value, case-insensitive, or a flags combination of them ({@code "Hour, Day"}). */
    private static boolean isOneOf(String value, JsonArray names) {
        for (String part : value.split(",")) {
            boolean known = false;
            for (JsonElement n : names) {
                known |= n.getAsString().equalsIgnoreCase(part.trim());
            }
            if (!known) {
                return false;
            }
        }
        return true;
    }
}
