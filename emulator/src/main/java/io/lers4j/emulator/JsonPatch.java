package io.lers4j.emulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.annotations.SerializedName;

import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;

/**
 * JSON Patch (RFC 6902) on the top-level properties of a model, as the LERS PATCH routes accept it:
 * {@code [{"op":"replace","path":"coldWaterSummerTemp","value":4.6}]}. The path may start with a
 * slash; property names are matched ignoring case; the value may be a JSON value or a string
 * holding one ({@code "4.6"}), since {@code JsonPatchOperation.value} is a string. All operations
 * succeed or none is applied.
 */
final class JsonPatch {

    private JsonPatch() {
    }

    static <T> T apply(T current, Class<T> type, JsonElement body, Set<String> readOnly, String entity) {
        if (!body.isJsonArray()) {
            throw HttpError.unprocessable(HttpError.BAD_BODY, "Ожидается массив операций JSON Patch.");
        }
        JsonObject tree = Reply.GSON.toJsonTree(current).getAsJsonObject();
        JsonArray ops = body.getAsJsonArray();
        for (JsonElement element : ops) {
            if (!element.isJsonObject()) {
                throw HttpError.unprocessable(HttpError.BAD_BODY, "Операция JSON Patch должна быть объектом.");
            }
            JsonObject op = element.getAsJsonObject();
            String kind = text(op, "op");
            String path = text(op, "path");
            if (kind == null || path == null) {
                throw HttpError.unprocessable(HttpError.BAD_BODY, "У операции JSON Patch нет op или path.");
            }
            String name = path.startsWith("/") ? path.substring(1) : path;
            Field field = property(type, name);
            if (field == null || name.contains("/")) {
                throw HttpError.badArgument("Свойство '" + path + "' не найдено у объекта " + entity + ".");
            }
            String property = field.getAnnotation(SerializedName.class).value();
            if (readOnly.contains(property)) {
                throw HttpError.badArgument("Свойство '" + property + "' нельзя изменить.");
            }
            switch (kind.toLowerCase(Locale.ROOT)) {
                case "replace":
                case "add":
                    tree.add(property, convert(field, op.get("value"), property));
                    break;
                case "remove":
                    tree.add(property, JsonNull.INSTANCE);
                    break;
                default:
                    throw HttpError.unprocessable(HttpError.NOT_SUPPORTED, "Операция '" + kind + "' не поддерживается.");
            }
        }
        try {
            return Reply.GSON.fromJson(tree, type);
        } catch (JsonParseException | IllegalArgumentException | IllegalStateException e) {
            throw HttpError.badArgument("Неверное значение свойства: " + e.getMessage());
        }
    }

    private static String text(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e == null || e.isJsonNull() || !e.isJsonPrimitive() ? null : e.getAsString();
    }

    private static Field property(Class<?> type, String name) {
        for (Field f : type.getDeclaredFields()) {
            SerializedName n = f.getAnnotation(SerializedName.class);
            if (n != null && n.value().equalsIgnoreCase(name)) {
                return f;
            }
        }
        return null;
    }

    /** The patch value as the JSON the property's type reads. */
    private static JsonElement convert(Field field, JsonElement value, String property) {
        if (value == null || value.isJsonNull()) {
            return JsonNull.INSTANCE;
        }
        Class<?> type = field.getType();
        boolean text = value.isJsonPrimitive() && value.getAsJsonPrimitive().isString();
        try {
            if (type == String.class) {
                return value.isJsonPrimitive() ? new JsonPrimitive(value.getAsString()) : new JsonPrimitive(value.toString());
            }
            if (Number.class.isAssignableFrom(type)) {
                return new JsonPrimitive(new BigDecimal(value.getAsString().trim()));
            }
            if (type == Boolean.class) {
                String b = value.getAsString().trim();
                if (!b.equalsIgnoreCase("true") && !b.equalsIgnoreCase("false")) {
                    throw new IllegalArgumentException(b);
                }
                return new JsonPrimitive(Boolean.parseBoolean(b));
            }
            if (type.isAnnotationPresent(com.google.gson.annotations.JsonAdapter.class)) {
                return value; // date-times and enums are read from their strings
            }
            return text ? JsonParser.parseString(value.getAsString()) : value; // objects may come as JSON text
        } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException | JsonParseException e) {
            throw HttpError.badArgument("Неверное значение '" + value + "' свойства '" + property + "'.");
        }
    }
}
