package io.lers4j.emulator;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.lers4j.types.LersDateTime;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Checks JSON against a Swagger 2.0 schema of a document: types and formats, enum values (flags
 * combinations allowed), every declared property present, null only where {@code x-nullable}.
 * Written for the tests, independently of the emulator's own reading of the document.
 */
final class SchemaCheck {

    private final JsonObject definitions;
    private final JsonObject newerDefinitions;
    private final List<String> violations = new ArrayList<>();

    private SchemaCheck(JsonObject document, JsonObject newer) {
        this.definitions = document.getAsJsonObject("definitions");
        this.newerDefinitions = newer == null ? new JsonObject() : newer.getAsJsonObject("definitions");
    }

    /** The ways the value breaks the schema, each with its JSON path; empty when it is valid. */
    static List<String> violations(JsonObject document, JsonObject schema, JsonElement value) {
        return violations(document, schema, value, null);
    }

    /**
     * As {@link #violations(JsonObject, JsonObject, JsonElement)}, accepting in an enum the values
     * the newer document's enum of that name added: what today's server sends on the older API.
     */
    static List<String> violations(JsonObject document, JsonObject schema, JsonElement value, JsonObject newer) {
        SchemaCheck check = new SchemaCheck(document, newer);
        check.check("$", schema, value);
        return check.violations;
    }

    private void fail(String path, String what) {
        if (violations.size() < 20) {
            violations.add(path + ": " + what);
        }
    }

    private void check(String path, JsonObject schema, JsonElement value) {
        boolean nullable = schema.has("x-nullable") && schema.get("x-nullable").getAsBoolean();
        if (value == null || value.isJsonNull()) {
            if (!nullable) {
                fail(path, "null where the schema allows none");
            }
            return;
        }
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").getAsString();
            JsonObject definition = definitions.getAsJsonObject(ref.substring(ref.lastIndexOf('/') + 1));
            if (definition.has("enum")) {
                checkEnum(path, definition, newerDefinitions.getAsJsonObject(ref.substring(ref.lastIndexOf('/') + 1)),
                        value);
            } else {
                checkObject(path, definition, value);
            }
            return;
        }
        String type = schema.has("type") ? schema.get("type").getAsString() : "object";
        switch (type) {
            case "array":
                if (!value.isJsonArray()) {
                    fail(path, "not an array");
                    return;
                }
                for (int i = 0; i < value.getAsJsonArray().size(); i++) {
                    check(path + "[" + i + "]", schema.getAsJsonObject("items"), value.getAsJsonArray().get(i));
                }
                return;
            case "object":
                if (!value.isJsonObject()) {
                    fail(path, "not an object");
                    return;
                }
                JsonElement values = schema.get("additionalProperties");
                if (values != null && values.isJsonObject() && values.getAsJsonObject().size() > 0) {
                    for (Map.Entry<String, JsonElement> e : value.getAsJsonObject().entrySet()) {
                        check(path + "." + e.getKey(), values.getAsJsonObject(), e.getValue());
                    }
                }
                return;
            case "integer":
                if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()
                        || value.getAsDouble() != Math.rint(value.getAsDouble())) {
                    fail(path, "not an integer: " + value);
                } else {
                    checkBounds(path, schema, value.getAsDouble());
                }
                return;
            case "number":
                if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
                    fail(path, "not a number: " + value);
                } else {
                    checkBounds(path, schema, value.getAsDouble());
                }
                return;
            case "boolean":
                if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isBoolean()) {
                    fail(path, "not a boolean: " + value);
                }
                return;
            default:
                checkString(path, schema, value);
        }
    }

    private void checkBounds(String path, JsonObject schema, double v) {
        if (schema.has("minimum") && v < schema.get("minimum").getAsDouble()
                || schema.has("maximum") && v > schema.get("maximum").getAsDouble()) {
            fail(path, v + " out of bounds");
        }
    }

    private void checkString(String path, JsonObject schema, JsonElement value) {
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            fail(path, "not a string: " + value);
            return;
        }
        String s = value.getAsString();
        String format = schema.has("format") ? schema.get("format").getAsString() : "";
        try {
            switch (format) {
                case "date-time":
                    LersDateTime.parse(s);
                    break;
                case "byte":
                    Base64.getDecoder().decode(s);
                    break;
                case "uuid":
                    UUID.fromString(s);
                    break;
                default:
                    break;
            }
        } catch (RuntimeException e) {
            fail(path, "not a " + format + ": " + s);
        }
        if (schema.has("maxLength") && s.length() > schema.get("maxLength").getAsInt()
                || schema.has("minLength") && s.length() < schema.get("minLength").getAsInt()) {
            fail(path, "length " + s.length() + " out of bounds");
        }
    }

    private void checkEnum(String path, JsonObject definition, JsonObject newer, JsonElement value) {
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            fail(path, "not an enum name: " + value);
            return;
        }
        for (String part : value.getAsString().split(",")) {
            boolean known = false;
            for (JsonElement name : definition.getAsJsonArray("enum")) {
                known |= name.getAsString().equals(part.trim());
            }
            if (newer != null && newer.has("enum")) {
                for (JsonElement name : newer.getAsJsonArray("enum")) {
                    known |= name.getAsString().equals(part.trim());
                }
            }
            if (!known) {
                fail(path, "'" + part.trim() + "' is not a value of the enum");
            }
        }
    }

    private void checkObject(String path, JsonObject definition, JsonElement value) {
        if (!value.isJsonObject()) {
            fail(path, "not an object: " + value);
            return;
        }
        JsonObject object = value.getAsJsonObject();
        if (!definition.has("properties")) {
            return;
        }
        for (Map.Entry<String, JsonElement> p : definition.getAsJsonObject("properties").entrySet()) {
            if (!object.has(p.getKey())) {
                fail(path + "." + p.getKey(), "missing");
            } else {
                check(path + "." + p.getKey(), p.getValue().getAsJsonObject(), object.get(p.getKey()));
            }
        }
    }
}
