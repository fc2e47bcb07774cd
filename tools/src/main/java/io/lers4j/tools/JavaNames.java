package io.lers4j.tools;

import io.lers4j.codegen.LersJavaClientCodegen;
import io.swagger.v3.oas.models.Operation;

/**
 * The Java names the lers4j generator gives to things in the document, so that the report can say
 * what a change does to user code. Asked of the generator itself ({@link LersJavaClientCodegen},
 * with {@code removeOperationIdPrefix} as in generated/pom.xml), so the report and the generated
 * code cannot disagree: tags become {@code <Tag>Api} classes, getter-like query flags
 * {@code include...} options, and so on.
 */
final class JavaNames {

    private static final LersJavaClientCodegen GENERATOR = new LersJavaClientCodegen();

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
        int prefix = id.indexOf('_'); // removeOperationIdPrefix: the controller name goes
        if (prefix > 0 && prefix < id.length() - 1) {
            id = id.substring(prefix + 1);
        }
        synchronized (GENERATOR) {
            return GENERATOR.toOperationId(id);
        }
    }

    static String apiClass(Operation op) {
        String tag = op.getTags() == null || op.getTags().isEmpty() ? "Default" : op.getTags().get(0);
        synchronized (GENERATOR) {
            return GENERATOR.toApiName(tag);
        }
    }

    /** A parameter name as the generated Java has it: {@code "DataTypes"} and {@code "dataTypes"} agree. */
    static String camel(String name) {
        synchronized (GENERATOR) {
            return GENERATOR.toParamName(name);
        }
    }

    /** The getter the model class has for a property. */
    static String getter(String property) {
        synchronized (GENERATOR) {
            return "get" + GENERATOR.getterAndSetterCapitalize(GENERATOR.toVarName(property)) + "()";
        }
    }
}
