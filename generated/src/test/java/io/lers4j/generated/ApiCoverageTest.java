package io.lers4j.generated;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every operation and definition of the API document has generated Java. */
class ApiCoverageTest {

    private static final Path SPEC = Path.of(System.getProperty("lers.spec", "../api-spec/lers-v1.swagger.json"));

    private static JsonObject spec() throws IOException {
        return JsonParser.parseString(Files.readString(SPEC, StandardCharsets.UTF_8)).getAsJsonObject();
    }

    static String javaMethodName(String operationId) {
        String action = operationId.substring(operationId.indexOf('_') + 1);
        return Character.toLowerCase(action.charAt(0)) + action.substring(1);
    }

    static String javaModelName(String definition) {
        StringBuilder out = new StringBuilder();
        for (String part : definition.split("_")) {
            if (!part.isEmpty()) {
                out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return out.toString();
    }

    @Test
    void everyOperationHasAGeneratedMethod() throws Exception {
        List<String> missing = new ArrayList<>();
        int operations = 0;
        for (Map.Entry<String, com.google.gson.JsonElement> path : spec().getAsJsonObject("paths").entrySet()) {
            for (Map.Entry<String, com.google.gson.JsonElement> op : path.getValue().getAsJsonObject().entrySet()) {
                operations++;
                JsonObject operation = op.getValue().getAsJsonObject();
                String tag = operation.getAsJsonArray("tags").get(0).getAsString();
                String method = javaMethodName(operation.get("operationId").getAsString());
                String where = op.getKey().toUpperCase() + " " + path.getKey();
                try {
                    Class<?> api = Class.forName("io.lers4j.api." + tag + "Api");
                    boolean found = Arrays.stream(api.getMethods())
                            .anyMatch(m -> m.getName().equals(method) && Modifier.isPublic(m.getModifiers()));
                    if (!found) {
                        missing.add(where + " -> " + tag + "Api#" + method);
                    }
                } catch (ClassNotFoundException e) {
                    missing.add(where + " -> no class " + tag + "Api");
                }
            }
        }
        assertTrue(missing.isEmpty(), "operations without generated method: " + missing);
        assertTrue(operations >= 38, "the document holds " + operations + " operations");
    }

    @Test
    void everyDefinitionHasAGeneratedModel() throws IOException {
        List<String> missing = new ArrayList<>();
        var definitions = spec().getAsJsonObject("definitions").keySet();
        for (String definition : definitions) {
            try {
                Class.forName("io.lers4j.model." + javaModelName(definition));
            } catch (ClassNotFoundException e) {
                missing.add(definition);
            }
        }
        assertTrue(missing.isEmpty(), "definitions without model: " + missing);
        assertTrue(definitions.size() >= 192, "the document holds " + definitions.size() + " definitions");
    }

    @Test
    void nameRulesMatchTheGenerator() throws Exception {
        assertEquals("getNodes", javaMethodName("Nodes_GetNodes"));
        assertEquals("ManualPollResponseParametersV1", javaModelName("ManualPollResponseParameters_v1"));
        Method m = Class.forName("io.lers4j.api.NodesApi").getMethod("getNodes");
        assertEquals("APIgetNodesRequest", m.getReturnType().getSimpleName());
    }
}
