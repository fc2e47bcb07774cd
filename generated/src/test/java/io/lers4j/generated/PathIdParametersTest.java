package io.lers4j.generated;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.lers4j.invoker.PathIdParameters;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generated table the client checks ids against has every operation and every integer path parameter. */
class PathIdParametersTest {

    private static final Path SPEC = Path.of(System.getProperty("lers.spec", "../api-spec/lers-v1.swagger.json"));
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch");

    @Test
    void theTableListsEveryIntegerPathParameterOfTheDocument() throws IOException {
        JsonObject spec = JsonParser.parseString(Files.readString(SPEC, StandardCharsets.UTF_8)).getAsJsonObject();
        JsonObject shared = spec.has("parameters") ? spec.getAsJsonObject("parameters") : new JsonObject();
        Set<String> expected = new TreeSet<>();
        int ids = 0;
        for (Map.Entry<String, JsonElement> path : spec.getAsJsonObject("paths").entrySet()) {
            JsonObject item = path.getValue().getAsJsonObject();
            for (Map.Entry<String, JsonElement> op : item.entrySet()) {
                if (!METHODS.contains(op.getKey())) {
                    continue; // path-level "parameters" and extensions
                }
                List<JsonElement> parameters = new ArrayList<>();
                addAll(parameters, item.get("parameters"));
                addAll(parameters, op.getValue().getAsJsonObject().get("parameters"));
                Set<String> names = new TreeSet<>();
                for (JsonElement p : parameters) {
                    JsonObject parameter = resolve(p.getAsJsonObject(), shared);
                    if ("path".equals(string(parameter, "in")) && "integer".equals(string(parameter, "type"))
                            && !parameter.has("enum")) {
                        names.add(string(parameter, "name"));
                    }
                }
                ids += names.size();
                expected.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey() + " " + names);
            }
        }

        Set<String> generated = new TreeSet<>();
        for (PathIdParameters.Operation op : PathIdParameters.operations()) {
            generated.add(op.method() + " " + op.path() + " " + new TreeSet<>(op.ids()));
        }
        assertEquals(expected, generated);
        assertTrue(ids >= 22, "the document holds " + ids + " integer path parameters");
    }

    private static void addAll(List<JsonElement> into, JsonElement parameters) {
        if (parameters != null && parameters.isJsonArray()) {
            parameters.getAsJsonArray().forEach(into::add);
        }
    }

    /** {@code {"$ref": "#/parameters/Id"}}: the shared parameter it names. */
    private static JsonObject resolve(JsonObject parameter, JsonObject shared) {
        String ref = string(parameter, "$ref");
        if (ref == null) {
            return parameter;
        }
        String prefix = "#/parameters/";
        assertTrue(ref.startsWith(prefix), "unsupported parameter reference " + ref);
        return shared.getAsJsonObject(ref.substring(prefix.length()));
    }

    private static String string(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || !e.isJsonPrimitive() ? null : e.getAsString();
    }
}
