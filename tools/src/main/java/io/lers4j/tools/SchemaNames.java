package io.lers4j.tools;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The named types of one document, and short descriptions of schemas in terms of them. openapi-diff hands out
 * schemas with references already resolved; the identity map gives those their names back, so that the report can
 * say {@code array<DeviceDataType>} rather than "array of string".
 */
final class SchemaNames {

    private final Map<String, Schema<?>> byName = new LinkedHashMap<>();
    private final Map<Schema<?>, String> byObject = new IdentityHashMap<>();

    @SuppressWarnings({"rawtypes", "unchecked"})
    SchemaNames(OpenAPI openApi) {
        if (openApi.getComponents() != null && openApi.getComponents().getSchemas() != null) {
            Map<String, Schema> schemas = openApi.getComponents().getSchemas();
            schemas.forEach((name, schema) -> {
                byName.put(name, schema);
                byObject.put(schema, name);
            });
        }
    }

    Map<String, Schema<?>> all() {
        return Collections.unmodifiableMap(byName);
    }

    /** The type name of a reference or of a resolved named schema; null for inline schemas. */
    String nameOf(Schema<?> schema) {
        if (schema == null) {
            return null;
        }
        if (schema.get$ref() != null) {
            String ref = schema.get$ref();
            return ref.substring(ref.lastIndexOf('/') + 1);
        }
        return byObject.get(schema);
    }

    Schema<?> resolve(Schema<?> schema) {
        String name = schema == null ? null : nameOf(schema);
        return name != null && byName.containsKey(name) ? byName.get(name) : schema;
    }

    static boolean isEnum(Schema<?> schema) {
        return schema != null && schema.getEnum() != null && !schema.getEnum().isEmpty();
    }

    static List<String> enumValues(Schema<?> schema) {
        List<String> values = new ArrayList<>();
        if (isEnum(schema)) {
            schema.getEnum().forEach(v -> values.add(String.valueOf(v)));
        }
        return values;
    }

    /**
     * The named enum with exactly these values, or null. The lers4j generator (SpecNormalizer) gives inline enum
     * parameters that named type, so for Java they are the same.
     */
    String namedEnumFor(Schema<?> inline) {
        if (!isEnum(inline) || inline.get$ref() != null || byObject.containsKey(inline)) {
            return null;
        }
        List<String> values = enumValues(inline);
        List<String> matches = new ArrayList<>();
        byName.forEach((name, schema) -> {
            if (enumValues(schema).equals(values)) {
                matches.add(name);
            }
        });
        return matches.size() == 1 ? matches.get(0) : null;
    }

    /** A short type description: {@code DeviceDataType}, {@code array<DataParameterValue>}, {@code integer(int32)}. */
    String describe(Schema<?> schema) {
        if (schema == null) {
            return "nothing";
        }
        String name = nameOf(schema);
        if (name != null) {
            return name;
        }
        if (isEnum(schema)) {
            String named = namedEnumFor(schema);
            return named != null ? named : "enum " + Objects.toString(schema.getType(), "string");
        }
        String type = schema.getType();
        if ("array".equals(type) || schema instanceof ArraySchema) {
            return "array<" + describe(schema.getItems()) + ">";
        }
        Object additional = schema.getAdditionalProperties();
        if (additional instanceof Schema && (type == null || "object".equals(type)) && schema.getProperties() == null) {
            return "map<string," + describe((Schema<?>) additional) + ">";
        }
        if (Boolean.TRUE.equals(additional) && schema.getProperties() == null) {
            return "map<string,any>";
        }
        if (type == null) {
            return schema.getProperties() != null ? "object" : "any";
        }
        return schema.getFormat() == null ? type : type + "(" + schema.getFormat() + ")";
    }

    /** The Java type the lers4j generator uses for a schema. */
    String javaType(Schema<?> schema) {
        if (schema == null) {
            return "void";
        }
        String name = nameOf(schema);
        if (name != null) {
            return name;
        }
        if (isEnum(schema)) {
            String named = namedEnumFor(schema);
            if (named != null) {
                return named;
            }
        }
        String type = schema.getType();
        String format = schema.getFormat();
        if ("array".equals(type) || schema instanceof ArraySchema) {
            return "List<" + javaType(schema.getItems()) + ">";
        }
        Object additional = schema.getAdditionalProperties();
        if (additional instanceof Schema && schema.getProperties() == null) {
            return "Map<String, " + javaType((Schema<?>) additional) + ">";
        }
        if (type == null) {
            return "Object";
        }
        switch (type) {
            case "string":
                if ("date-time".equals(format)) {
                    return "LersDateTime";
                }
                if ("date".equals(format)) {
                    return "LocalDate";
                }
                if ("byte".equals(format)) {
                    return "byte[]";
                }
                if ("binary".equals(format)) {
                    return "File";
                }
                return "String";
            case "integer":
                return "int64".equals(format) ? "Long" : "Integer";
            case "number":
                return "float".equals(format) ? "Float" : "double".equals(format) ? "Double" : "BigDecimal";
            case "boolean":
                return "Boolean";
            default:
                return "Object";
        }
    }
}
