package io.lers4j.codegen;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.Collections;

/**
 * Adapts a LERS API document, as the server publishes it, to what good Java needs. The document
 * itself is never edited: this runs on the parsed model inside the generator.
 *
 * <ul>
 *   <li>Plain JSON bodies are sent as {@code application/json}: ASP.NET lists
 *       {@code application/json-patch+json} first and the generator picks the first type.</li>
 *   <li>JSON-Patch operations (PATCH with a json-patch media type) keep
 *       {@code application/json-patch+json} first.</li>
 *   <li>{@code required} is dropped from schemas: servers send nulls and omit fields the document
 *       calls required, and a client must read such answers rather than reject them.</li>
 *   <li>{@code additionalProperties: false} is dropped, so new server fields never break reads.</li>
 *   <li>Inline enum parameters become references to the named enum with the same values, so the
 *       generated API takes {@code DeviceDataType} rather than a bare string.</li>
 * </ul>
 */
public final class SpecNormalizer {

    static final String JSON = "application/json";
    static final String JSON_PATCH = "application/json-patch+json";

    private final List<String> log = new ArrayList<>();

    /** What the last {@link #normalize} changed, one line per change, for the build log. */
    public List<String> changes() {
        return Collections.unmodifiableList(log);
    }

    public void normalize(OpenAPI openApi) {
        Objects.requireNonNull(openApi, "openApi");
        Map<String, Schema> components = openApi.getComponents() == null || openApi.getComponents().getSchemas() == null
                ? Map.of() : openApi.getComponents().getSchemas();
        if (openApi.getPaths() != null) {
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
                normalizeBody(path, method, op);
                normalizeParameters(path, item, op, components);
            }));
        }
        Set<Schema> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        components.forEach((name, schema) -> relaxSchema(name, schema, seen));
    }

    private void normalizeBody(String path, PathItem.HttpMethod method, Operation op) {
        RequestBody body = op.getRequestBody();
        if (body == null || body.getContent() == null || body.getContent().isEmpty()) {
            return;
        }
        Content content = body.getContent();
        boolean jsonPatch = method == PathItem.HttpMethod.PATCH && content.containsKey(JSON_PATCH);
        String first = jsonPatch ? JSON_PATCH : JSON;
        if (!content.containsKey(first) || content.keySet().iterator().next().equals(first)) {
            return;
        }
        Content reordered = new Content();
        reordered.addMediaType(first, content.get(first));
        for (Map.Entry<String, MediaType> e : content.entrySet()) {
            if (!e.getKey().equals(first)) {
                reordered.addMediaType(e.getKey(), e.getValue());
            }
        }
        body.setContent(reordered);
        log.add(method + " " + path + ": request body sent as " + first);
    }

    private void normalizeParameters(String path, PathItem item, Operation op, Map<String, Schema> components) {
        List<Parameter> all = new ArrayList<>();
        if (item.getParameters() != null) {
            all.addAll(item.getParameters());
        }
        if (op.getParameters() != null) {
            all.addAll(op.getParameters());
        }
        for (Parameter p : all) {
            Schema<?> s = p.getSchema();
            if (s == null) {
                continue;
            }
            if (s instanceof ArraySchema || "array".equals(s.getType())) {
                Schema<?> items = s.getItems();
                String ref = enumRefFor(p.getName(), items, components);
                if (ref != null) {
                    s.setItems(new Schema<>().$ref(ref));
                    log.add(path + ": parameter " + p.getName() + " is a list of " + simpleName(ref));
                }
            } else {
                String ref = enumRefFor(p.getName(), s, components);
                if (ref != null) {
                    Schema<?> replacement = new Schema<>().$ref(ref);
                    replacement.setDescription(s.getDescription());
                    p.setSchema(replacement);
                    log.add(path + ": parameter " + p.getName() + " is a " + simpleName(ref));
                }
            }
        }
    }

    /** The reference of the named enum whose values equal the inline enum's, or null. */
    static String enumRefFor(String paramName, Schema<?> inline, Map<String, Schema> components) {
        if (inline == null || inline.get$ref() != null || inline.getEnum() == null || inline.getEnum().isEmpty()) {
            return null;
        }
        List<String> values = asStrings(inline.getEnum());
        List<String> candidates = new ArrayList<>();
        components.forEach((name, schema) -> {
            if (schema.getEnum() != null && asStrings(schema.getEnum()).equals(values)) {
                candidates.add(name);
            }
        });
        if (candidates.size() == 1) {
            return "#/components/schemas/" + candidates.get(0);
        }
        for (String c : candidates) {
            if (c.equalsIgnoreCase(paramName)) {
                return "#/components/schemas/" + c;
            }
        }
        return null; // ambiguous or unknown: keep the inline enum rather than guess
    }

    private static List<String> asStrings(List<?> values) {
        List<String> out = new ArrayList<>(values.size());
        for (Object v : values) {
            out.add(String.valueOf(v));
        }
        return out;
    }

    private void relaxSchema(String where, Schema<?> schema, Set<Schema> seen) {
        if (schema == null || !seen.add(schema)) {
            return;
        }
        if (schema.getRequired() != null && !schema.getRequired().isEmpty()) {
            schema.setRequired(null);
            log.add(where + ": required fields read as optional");
        }
        if (Boolean.FALSE.equals(schema.getAdditionalProperties())) {
            schema.setAdditionalProperties(null);
            log.add(where + ": unknown fields accepted");
        } else if (schema.getAdditionalProperties() instanceof Schema) {
            relaxSchema(where + "{}", (Schema<?>) schema.getAdditionalProperties(), seen);
        }
        if (schema.getProperties() != null) {
            Map<String, Schema> props = new LinkedHashMap<>(schema.getProperties());
            props.forEach((name, p) -> relaxSchema(where + "." + name, p, seen));
        }
        relaxSchema(where + "[]", schema.getItems(), seen);
        for (List<Schema> group : allOfAnyOfOneOf(schema)) {
            for (Schema s : group) {
                relaxSchema(where, s, seen);
            }
        }
    }

    private static List<List<Schema>> allOfAnyOfOneOf(Schema<?> schema) {
        List<List<Schema>> out = new ArrayList<>();
        if (schema.getAllOf() != null) out.add(schema.getAllOf());
        if (schema.getAnyOf() != null) out.add(schema.getAnyOf());
        if (schema.getOneOf() != null) out.add(schema.getOneOf());
        return out;
    }

    private static String simpleName(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }
}
