package io.lers4j.generated;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
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
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every operation and definition of both API documents has generated Java. */
class ApiCoverageTest {

    /** The two documents, the packages the build generates them into and the least they hold. */
    enum Document {
        V1("lers.spec", "../api-spec/lers-v1.swagger.json", "io.lers4j.api", "io.lers4j.model", 38, 192),
        V01("lers.spec.v01", "../api-spec/lers-v0.1.swagger.json", "io.lers4j.v01.api", "io.lers4j.v01.model", 363, 472);

        final Path spec;
        final String apiPackage;
        final String modelPackage;
        final int operations;
        final int definitions;

        Document(String property, String fallback, String apiPackage, String modelPackage, int operations, int definitions) {
            this.spec = Path.of(System.getProperty(property, fallback));
            this.apiPackage = apiPackage;
            this.modelPackage = modelPackage;
            this.operations = operations;
            this.definitions = definitions;
        }

        JsonObject read() throws IOException {
            return JsonParser.parseString(Files.readString(spec, StandardCharsets.UTF_8)).getAsJsonObject();
        }
    }

    /** Method names the generator must rename (Java keywords); it prefixes them with "call". */
    private static final Set<String> KEYWORDS = Set.of("import", "package", "class", "new", "default", "switch",
            "case", "continue", "return", "final", "static", "public", "private", "protected", "interface", "enum");

    /** The Java method of an operation: its operationId without the prefix, unless the prefix is not its tag. */
    static String javaMethodName(String operationId, String tag) {
        int underscore = operationId.indexOf('_');
        String prefix = operationId.substring(0, Math.max(underscore, 0));
        String action = operationId.substring(underscore + 1);
        String name = prefix.equals(tag) || underscore < 0 ? action : prefix + action;
        name = Character.toLowerCase(name.charAt(0)) + name.substring(1);
        return KEYWORDS.contains(name) ? "call" + Character.toUpperCase(name.charAt(0)) + name.substring(1) : name;
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

    @ParameterizedTest
    @EnumSource(Document.class)
    void everyOperationHasAGeneratedMethod(Document document) throws Exception {
        List<String> missing = new ArrayList<>();
        int operations = 0;
        for (Map.Entry<String, JsonElement> path : document.read().getAsJsonObject("paths").entrySet()) {
            for (Map.Entry<String, JsonElement> op : path.getValue().getAsJsonObject().entrySet()) {
                operations++;
                JsonObject operation = op.getValue().getAsJsonObject();
                String tag = operation.getAsJsonArray("tags").get(0).getAsString();
                String method = javaMethodName(operation.get("operationId").getAsString(), tag);
                String where = op.getKey().toUpperCase() + " " + path.getKey();
                try {
                    Class<?> api = Class.forName(document.apiPackage + "." + tag + "Api");
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
        assertTrue(operations >= document.operations, "the document holds " + operations + " operations");
    }

    @ParameterizedTest
    @EnumSource(Document.class)
    void everyDefinitionHasAGeneratedModel(Document document) throws IOException {
        List<String> missing = new ArrayList<>();
        var definitions = document.read().getAsJsonObject("definitions").keySet();
        for (String definition : definitions) {
            String name = javaModelName(definition);
            if (!exists(document.modelPackage + "." + name) && !exists(document.modelPackage + ".Model" + name)) {
                missing.add(definition);
            }
        }
        assertTrue(missing.isEmpty(), "definitions without model: " + missing);
        assertTrue(definitions.size() >= document.definitions, "the document holds " + definitions.size() + " definitions");
    }

    private static boolean exists(String className) {
        try {
            Class.forName(className);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Test
    void nameRulesMatchTheGenerator() throws Exception {
        assertEquals("getNodes", javaMethodName("Nodes_GetNodes", "Nodes"));
        assertEquals("putGetEquipmentList", javaMethodName("Put_GetEquipmentList", "Equipment"));
        assertEquals("callImport", javaMethodName("Import_Import", "Import"));
        assertEquals("ManualPollResponseParametersV1", javaModelName("ManualPollResponseParameters_v1"));
        Method m = Class.forName("io.lers4j.api.NodesApi").getMethod("getNodes");
        assertEquals("APIgetNodesRequest", m.getReturnType().getSimpleName());
        // a v0.1 Put_ operation sits beside the controller's own operation of the same name
        Class<?> equipment = Class.forName("io.lers4j.v01.api.EquipmentApi");
        assertEquals("APIputGetEquipmentListRequest", equipment.getMethod("putGetEquipmentList").getReturnType().getSimpleName());
        assertEquals("APIgetEquipmentListRequest", equipment.getMethod("getEquipmentList").getReturnType().getSimpleName());
    }

    @Test
    void theV01AccessorsAreBoundToTheSharedClient() throws Exception {
        io.lers4j.invoker.ApiClient client = new io.lers4j.invoker.ApiClient();
        io.lers4j.v01.api.V01Services v01 = new io.lers4j.v01.api.V01Services(client);
        assertEquals(client, v01.manualPoll().getApiClient());
        Set<String> tags = new java.util.TreeSet<>();
        for (Map.Entry<String, JsonElement> path : Document.V01.read().getAsJsonObject("paths").entrySet()) {
            path.getValue().getAsJsonObject().entrySet().forEach(op ->
                    tags.add(op.getValue().getAsJsonObject().getAsJsonArray("tags").get(0).getAsString() + "Api"));
        }
        Set<String> accessors = new java.util.TreeSet<>();
        for (Method m : io.lers4j.v01.api.V01Services.class.getDeclaredMethods()) {
            if (m.getParameterCount() == 0 && m.getReturnType().getPackageName().equals("io.lers4j.v01.api")) {
                accessors.add(m.getReturnType().getSimpleName());
            }
        }
        assertEquals(tags, accessors, "one accessor per API class of the document");
    }
}
