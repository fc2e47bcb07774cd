package io.lers4j.emulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;

/**
 * Schema-valid sample values written from a document's definitions, for the operations the
 * emulator has no behaviour for: every property present with a plausible value of its type and
 * format (ids of the data set where the name says which, the server's time for date-times), enums
 * their first value other than None, arrays one element, maps one entry. Recursion is bounded: a
 * definition met again inside itself, or nested deeper than {@link #MAX_DEPTH}, is null where the
 * document allows null, and arrays and maps there are empty.
 */
final class Samples {

    static final int MAX_DEPTH = 4;

    private final ApiDocument document;
    private final DataView data;

    Samples(ApiDocument document, DataView data) {
        this.document = document;
        this.data = data;
    }

    /** A sample of the schema, as an answer's body. */
    JsonElement of(JsonObject schema) {
        return value(schema, "", 0, new ArrayDeque<>(), false);
    }

    /** A sample of one property's schema, for a value another answer lacks. */
    JsonElement ofProperty(JsonObject schema, String property) {
        return value(schema, property, 1, new ArrayDeque<>(), isNullable(schema));
    }

    static boolean isNullable(JsonObject schema) {
        return schema.has("x-nullable") && schema.get("x-nullable").getAsBoolean();
    }

    /** The definition a {@code $ref} names. */
    JsonObject definition(JsonObject refSchema) {
        String ref = refSchema.get("$ref").getAsString();
        JsonObject d = document.definition(ref.substring(ref.lastIndexOf('/') + 1));
        if (d == null) {
            throw new IllegalStateException("the document refers to a missing definition " + ref);
        }
        return d;
    }

    static String definitionName(JsonObject refSchema) {
        String ref = refSchema.get("$ref").getAsString();
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    /** The first value of an enum other than None, as LERS's defaults rarely are None. */
    static JsonPrimitive firstValue(JsonObject enumDefinition) {
        JsonArray values = enumDefinition.getAsJsonArray("enum");
        for (JsonElement v : values) {
            if (!v.getAsString().equals("None")) {
                return v.getAsJsonPrimitive();
            }
        }
        return values.get(0).getAsJsonPrimitive();
    }

    private JsonElement value(JsonObject schema, String property, int depth, Deque<String> path, boolean nullable) {
        if (schema.has("$ref")) {
            String name = definitionName(schema);
            JsonObject d = definition(schema);
            if (d.has("enum")) {
                return firstValue(d);
            }
            boolean cycle = path.contains(name);
            if (cycle || (depth > MAX_DEPTH && nullable)) {
                return JsonNull.INSTANCE;
            }
            path.push(name);
            try {
                return object(d, depth, path);
            } finally {
                path.pop();
            }
        }
        String type = schema.has("type") ? schema.get("type").getAsString() : "object";
        switch (type) {
            case "array": {
                JsonArray a = new JsonArray();
                if (depth <= MAX_DEPTH) {
                    JsonElement item = value(schema.getAsJsonObject("items"), property, depth + 1, path, false);
                    if (!item.isJsonNull()) {
                        a.add(item);
                    }
                }
                return a;
            }
            case "object": {
                JsonObject o = new JsonObject();
                if (schema.has("additionalProperties") && schema.get("additionalProperties").isJsonObject()
                        && depth <= MAX_DEPTH) {
                    JsonObject values = schema.getAsJsonObject("additionalProperties");
                    if (values.has("$ref") || values.has("type")) {
                        JsonElement v = value(values, property, depth + 1, path, false);
                        if (!v.isJsonNull()) {
                            o.add("1", v);
                        }
                    }
                }
                return o;
            }
            case "integer":
                return new JsonPrimitive(bounded(schema, integerFor(property)));
            case "number":
                return new JsonPrimitive(bounded(schema, 1.5));
            case "boolean":
                return new JsonPrimitive(false);
            default:
                return new JsonPrimitive(string(schema, property));
        }
    }

    private JsonObject object(JsonObject definition, int depth, Deque<String> path) {
        JsonObject o = new JsonObject();
        if (definition.has("properties")) {
            for (Map.Entry<String, JsonElement> p : definition.getAsJsonObject("properties").entrySet()) {
                JsonObject schema = p.getValue().getAsJsonObject();
                o.add(p.getKey(), value(schema, p.getKey(), depth + 1, path, isNullable(schema)));
            }
        }
        return o;
    }

    private static Number bounded(JsonObject schema, double value) {
        double v = value;
        if (schema.has("minimum")) {
            v = Math.max(v, schema.get("minimum").getAsDouble());
        }
        if (schema.has("maximum")) {
            v = Math.min(v, schema.get("maximum").getAsDouble());
        }
        return "integer".equals(schema.has("type") ? schema.get("type").getAsString() : "") ? (Number) (long) v : v;
    }

    /** An id of the data set when the property names what it identifies, else 1. */
    private int integerFor(String property) {
        String p = property.toLowerCase(Locale.ROOT);
        if (!p.endsWith("id")) {
            return 1;
        }
        if (p.contains("measurepoint") || p.equals("mpid")) {
            return data.points.get(0).id;
        }
        if (p.contains("node") && !p.contains("job") && !p.contains("group") || p.contains("house")) {
            return data.nodes.get(0).id;
        }
        if (p.contains("equipment") || p.contains("device") || p.contains("counter")) {
            return data.equipment.keySet().iterator().next();
        }
        return 1;
    }

    private String string(JsonObject schema, String property) {
        String format = schema.has("format") ? schema.get("format").getAsString() : "";
        String text;
        switch (format) {
            case "date-time":
                return PollSessions.stamp(data.instant().truncatedTo(ChronoUnit.SECONDS)).toString();
            case "byte":
                return "bGVyczRq"; // "lers4j"
            case "uuid":
                return "6f9619ff-8b86-d011-b42d-00c04fc964ff";
            default:
                text = textFor(property);
        }
        if (schema.has("maxLength")) {
            text = text.substring(0, Math.min(text.length(), schema.get("maxLength").getAsInt()));
        }
        int min = schema.has("minLength") ? schema.get("minLength").getAsInt() : 0;
        StringBuilder padded = new StringBuilder(text);
        while (padded.length() < min) {
            padded.append('0');
        }
        return padded.toString();
    }

    private static String textFor(String property) {
        String p = property.toLowerCase(Locale.ROOT);
        if (p.contains("mail")) {
            return "demo@example.ru";
        }
        if (p.contains("phone")) {
            return "+7 (495) 730-12-40";
        }
        if (p.equals("login")) {
            return LersEmulator.DEFAULT_LOGIN;
        }
        if (p.contains("address")) {
            return "г. Москва, ул. Профсоюзная, д. 1";
        }
        if (p.contains("version")) {
            return AccountRoutes.VERSION;
        }
        if (p.contains("url") || p.contains("uri") || p.contains("path")) {
            return "/";
        }
        if (p.isEmpty()) {
            return "Образец";
        }
        return "Образец: " + property;
    }
}
