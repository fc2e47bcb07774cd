package io.lers4j.codegen;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import org.openapitools.codegen.CodegenOperation;
import org.openapitools.codegen.CodegenParameter;

import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Finds the writes users make most (current readings of a point, outdoor temperatures of a
 * territory, an incident) and the territory lookup, and marks them for the helpers of the
 * {@code ApiServices} template, which build the nested request models. A write is marked only
 * when its body has the shape the helper builds, checked against the document's schemas, so a
 * document of another shape simply generates no helper.
 */
final class WriteOperations {

    private WriteOperations() {
    }

    /** {@code javaName}: the generator's property naming, which gives the models' fluent setters. */
    static void mark(String path, String httpMethod, CodegenOperation op, OpenAPI openAPI, UnaryOperator<String> javaName,
                     Map<String, Object> flags) {
        Map<String, Schema> schemas = openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null
                ? Map.of() : openAPI.getComponents().getSchemas();
        String method = httpMethod.toUpperCase(Locale.ROOT);
        if ("PUT".equals(method) && path.equals("/api/v1/Data/MeasurePoints/{id}/Consumption/CurrentArchive")) {
            markCurrentReadings(op, schemas, javaName);
        } else if ("PUT".equals(method) && path.equals("/api/v1/Data/Territories/{id}/Weather")) {
            CodegenParameter body = op.bodyParam;
            if (body != null && body.isArray && body.items != null
                    && hasProperties(schemas.get(body.items.dataType), "date", "value")) {
                op.vendorExtensions.put("x-lers-write-Weather", true);
                op.vendorExtensions.put("x-lers-item-model", body.items.dataType);
                flags.put("lersWriteWeather", true);
            }
        } else if ("POST".equals(method) && path.equals("/api/v1/Incidents")) {
            CodegenParameter body = op.bodyParam;
            if (body != null && !body.isContainer && op.returnType != null && !op.isArray
                    && hasProperties(schemas.get(body.dataType), "nodeId", "description", "incidentType", "importance",
                    "measurePointId")
                    && "IncidentType".equals(refName(property(schemas.get(body.dataType), "incidentType")))
                    && "IncidentImportance".equals(refName(property(schemas.get(body.dataType), "importance")))
                    && hasProperties(schemas.get(op.returnType), "id")) {
                op.vendorExtensions.put("x-lers-write-Incident", true);
            }
        } else if ("GET".equals(method) && path.equals("/api/v1/Core/Territories/{id}") && op.returnType != null
                && hasProperties(schemas.get(op.returnType), "timeZoneOffset")) {
            op.vendorExtensions.put("x-lers-read-Territory", true);
        }
    }

    /** {@code {data: {dataType, consumption: [{dateTime, values|dataParameters: [{dataParameter, value}]}]}}}. */
    private static void markCurrentReadings(CodegenOperation op, Map<String, Schema> schemas, UnaryOperator<String> javaName) {
        CodegenParameter body = op.bodyParam;
        if (body == null || body.isContainer) {
            return;
        }
        Schema<?> request = schemas.get(body.dataType);
        String dataModel = refName(property(request, "data"));
        Schema<?> data = schemas.get(dataModel);
        Schema<?> consumption = property(data, "consumption");
        String recordModel = consumption == null ? null : refName(consumption.getItems());
        Schema<?> record = schemas.get(recordModel);
        if (!hasProperties(data, "dataType") || record == null || !hasProperties(record, "dateTime")) {
            return;
        }
        String valuesName = hasProperties(record, "values") ? "values"
                : hasProperties(record, "dataParameters") ? "dataParameters" : null;
        Schema<?> values = property(record, valuesName);
        String valueModel = values == null ? null : refName(values.getItems());
        if (valueModel == null || !hasProperties(schemas.get(valueModel), "dataParameter", "value")) {
            return;
        }
        op.vendorExtensions.put("x-lers-write-CurrentReadings", true);
        op.vendorExtensions.put("x-lers-data-model", dataModel);
        op.vendorExtensions.put("x-lers-record-model", recordModel);
        op.vendorExtensions.put("x-lers-record-values", javaName.apply(valuesName));
        op.vendorExtensions.put("x-lers-value-model", valueModel);
        for (CodegenParameter p : op.queryParams) {
            if (p.baseName.equalsIgnoreCase("overwriteExisting") && p.isBoolean) {
                op.vendorExtensions.put("x-lers-overwrite", p.paramName);
            }
        }
    }

    private static Schema<?> property(Schema<?> schema, String name) {
        return schema == null || name == null || schema.getProperties() == null ? null : schema.getProperties().get(name);
    }

    static boolean hasProperties(Schema<?> schema, String... names) {
        if (schema == null || schema.getProperties() == null) {
            return false;
        }
        for (String n : names) {
            if (!schema.getProperties().containsKey(n)) {
                return false;
            }
        }
        return true;
    }

    /** The definition a {@code $ref} points to, by name; null for an inline schema. */
    static String refName(Schema<?> schema) {
        String ref = schema == null ? null : schema.get$ref();
        return ref == null ? null : ref.substring(ref.lastIndexOf('/') + 1);
    }
}
