package io.lers4j.tools;

import io.swagger.v3.oas.models.Operation;

import java.util.Locale;

/**
 * The Java names the lers4j generator gives to things in the document, so that the report can say what a change
 * does to user code. They follow the options in generated/pom.xml: {@code removeOperationIdPrefix} (the controller
 * name before the first "_" goes), tags become {@code <Tag>Api} classes, names are camel-cased.
 */
final class JavaNames {

    private JavaNames() {
    }

    /** {@code "Nodes_GetNodes"} in tag {@code "Nodes"} gives {@code "NodesApi#getNodes()"}. */
    static String method(Operation op) {
        return apiClass(op) + "#" + methodName(op) + "()";
    }

    static String methodName(Operation op) {
        String id = op.getOperationId();
        if (id == null || id.isBlank()) {
            return "(no operationId)";
        }
        int prefix = id.indexOf('_');
        if (prefix > 0 && prefix < id.length() - 1) {
            id = id.substring(prefix + 1);
        }
        return camel(id);
    }

    static String apiClass(Operation op) {
        String tag = op.getTags() == null || op.getTags().isEmpty() ? "Default" : op.getTags().get(0);
        return upperFirst(camel(tag)) + "Api";
    }

    /** A parameter or property name as a Java identifier: {@code "DataTypes"} and {@code "dataTypes"} agree. */
    static String camel(String name) {
        String[] parts = name.split("[^A-Za-z0-9]+");
        StringBuilder sb = new StringBuilder();
        for (String part : parts) {
            if (part.isEmpty()) {
                continue;
            }
            sb.append(sb.length() == 0 ? lowerFirst(part) : upperFirst(part));
        }
        return sb.length() == 0 ? name : sb.toString();
    }

    /** The getter the model class has for a property. */
    static String getter(String property) {
        return "get" + upperFirst(camel(property)) + "()";
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
    }

    private static String upperFirst(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }
}
