package io.lers4j.emulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reshapes an answer built with the v1 models into a definition of another document (v0.1), so
 * both versions answer from one data set with one set of handlers: every property the target
 * declares, taken from the source where it has it; where it has not, null if the target allows
 * null, else the value .NET writes for a member never set (0, false, "", an enum's first value,
 * .NET's DateTime.MinValue, an empty list); properties the target lacks are dropped. The
 * renames between the versions are here: records' {@code values} were v0.1's
 * {@code dataParameters}, and record attributes, an array in v1, are one flags value in v0.1.
 */
final class Projection {

    /** Definitions whose v0.1 {@code dataParameters} is v1's {@code values}. */
    private static final Set<String> RECORDS = Set.of("MeasurePointDataConsumptionRecord",
            "MeasurePointDataTotalsRecord", "MeasurePointLastConsumption", "MeasurePointLastTotals");

    private static final String MIN_DATE = "0001-01-01T00:00:00";

    private final Samples samples;

    Projection(Samples samples) {
        this.samples = samples;
    }

    /** What .NET writes for a member of this schema that was never set. */
    JsonElement unset(JsonObject schema) {
        return unset(schema, new java.util.ArrayDeque<>());
    }

    private JsonElement unset(JsonObject schema, java.util.Deque<String> path) {
        if (Samples.isNullable(schema)) {
            return JsonNull.INSTANCE;
        }
        if (schema.has("$ref")) {
            JsonObject definition = samples.definition(schema);
            if (definition.has("enum")) {
                return definition.getAsJsonArray("enum").get(0);
            }
            String name = Samples.definitionName(schema);
            if (path.contains(name)) {
                return JsonNull.INSTANCE;
            }
            path.push(name);
            JsonObject out = new JsonObject();
            if (definition.has("properties")) {
                for (Map.Entry<String, JsonElement> p : definition.getAsJsonObject("properties").entrySet()) {
                    out.add(p.getKey(), unset(p.getValue().getAsJsonObject(), path));
                }
            }
            path.pop();
            return out;
        }
        String type = schema.has("type") ? schema.get("type").getAsString() : "object";
        String format = schema.has("format") ? schema.get("format").getAsString() : "";
        switch (type) {
            case "array":
                return new JsonArray();
            case "object":
                return new JsonObject();
            case "integer":
            case "number":
                return new JsonPrimitive(0);
            case "boolean":
                return new JsonPrimitive(false);
            default:
                return new JsonPrimitive(format.equals("date-time") ? MIN_DATE
                        : format.equals("uuid") ? "00000000-0000-0000-0000-000000000000" : "");
        }
    }

    JsonElement project(JsonElement source, JsonObject schema) {
        if (source == null || source.isJsonNull()) {
            return unset(schema);
        }
        if (schema.has("$ref")) {
            JsonObject definition = samples.definition(schema);
            if (definition.has("enum")) {
                return enumValue(source, definition);
            }
            if (!source.isJsonObject()) {
                return unset(schema);
            }
            return object(source.getAsJsonObject(), definition, Samples.definitionName(schema));
        }
        String type = schema.has("type") ? schema.get("type").getAsString() : "object";
        switch (type) {
            case "array": {
                if (!source.isJsonArray()) {
                    return unset(schema);
                }
                JsonArray out = new JsonArray();
                for (JsonElement item : source.getAsJsonArray()) {
                    out.add(project(item, schema.getAsJsonObject("items")));
                }
                return out;
            }
            case "object": {
                if (!source.isJsonObject()) {
                    return unset(schema);
                }
                JsonElement values = schema.get("additionalProperties");
                if (values == null || !values.isJsonObject() || values.getAsJsonObject().size() == 0) {
                    return source;
                }
                JsonObject out = new JsonObject();
                for (Map.Entry<String, JsonElement> e : source.getAsJsonObject().entrySet()) {
                    out.add(e.getKey(), project(e.getValue(), values.getAsJsonObject()));
                }
                return out;
            }
            case "integer":
            case "number":
                return source.isJsonPrimitive() && source.getAsJsonPrimitive().isNumber() ? source
                        : unset(schema);
            case "boolean":
                return source.isJsonPrimitive() && source.getAsJsonPrimitive().isBoolean() ? source
                        : unset(schema);
            default:
                return source.isJsonPrimitive() && source.getAsJsonPrimitive().isString() ? source
                        : unset(schema);
        }
    }

    private JsonElement object(JsonObject source, JsonObject definition, String name) {
        JsonObject out = new JsonObject();
        if (!definition.has("properties")) {
            return out;
        }
        for (Map.Entry<String, JsonElement> p : definition.getAsJsonObject("properties").entrySet()) {
            String from = RECORDS.contains(name) && p.getKey().equals("dataParameters") ? "values" : p.getKey();
            JsonObject schema = p.getValue().getAsJsonObject();
            JsonElement value = source.get(from);
            out.add(p.getKey(), project(value, schema));
        }
        return out;
    }

    /** An enum value as is; v1's array of flags becomes the one flags value v0.1 has ({@code "A, B"}, {@code "None"}). */
    private static JsonElement enumValue(JsonElement source, JsonObject definition) {
        if (source.isJsonArray()) {
            List<String> names = new ArrayList<>();
            for (JsonElement e : source.getAsJsonArray()) {
                if (e.isJsonPrimitive() && !e.getAsString().equals("None")) {
                    names.add(e.getAsString());
                }
            }
            return new JsonPrimitive(names.isEmpty() ? "None" : String.join(", ", names));
        }
        return source.isJsonPrimitive() ? source : definition.getAsJsonArray("enum").get(0);
    }
}
