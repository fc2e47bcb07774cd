package io.lers4j.codegen;

import org.openapitools.codegen.CodegenOperation;
import org.openapitools.codegen.CodegenParameter;

import java.util.Locale;
import java.util.Map;

/**
 * Finds the operations lers4j's client layer sends on its own account (archive windows, the
 * login, the server's time) and writes, as vendor extensions, what the {@code OwnRequests}
 * template needs to build their requests with the generated request builders: which builder
 * method takes which argument, as a Java expression fitting that document's parameter type.
 * An operation whose shape is not the one expected is left unmarked, and the template then
 * generates a method that says the document lacks it, so the client still compiles.
 */
final class OwnOperations {

    static final String ARG = "x-lers-arg";

    private OwnOperations() {
    }

    /** Marks {@code op} if it is one of the own operations; records that in {@code flags} (the generator's additional properties). */
    static void mark(String path, String httpMethod, CodegenOperation op, Map<String, Object> flags) {
        String method = httpMethod.toUpperCase(Locale.ROOT);
        String name = null;
        if ("GET".equals(method) && path.equals("/api/v1/Data/MeasurePoints/{id}/Consumption/{start}/{end}")
                && archivePathParams(op)) {
            name = markArchiveQuery(op, true) ? "Consumption" : null;
        } else if ("GET".equals(method) && path.equals("/api/v1/Data/MeasurePoints/{id}/Totals/{start}/{end}")
                && archivePathParams(op)) {
            name = markArchiveQuery(op, false) ? "Totals" : null;
        } else if ("POST".equals(method) && path.equals("/api/v1/Login") && op.bodyParam != null
                && op.bodyParam.dataType != null && !op.bodyParam.isContainer) {
            name = "Login";
        } else if ("GET".equals(method) && path.equals("/api/v1/ServerInfo") && op.allParams.isEmpty()) {
            name = "ServerInfo";
        }
        if (name != null) {
            op.vendorExtensions.put("x-lers-own-" + name, true);
            flags.put("lersOwn" + name, true);
        }
    }

    /** {@code id} an integer, {@code start} and {@code end} LERS date-times. */
    private static boolean archivePathParams(CodegenOperation op) {
        if (op.pathParams.size() != 3) {
            return false;
        }
        for (CodegenParameter p : op.pathParams) {
            boolean fits = "id".equals(p.baseName) ? p.isInteger
                    : ("start".equals(p.baseName) || "end".equals(p.baseName)) && "LersDateTime".equals(p.dataType);
            if (!fits) {
                return false;
            }
        }
        return true;
    }

    /**
     * Gives the query flags and, for consumption, the data type their arguments. The names are
     * compared without case: the 2020 document spells them {@code DataTypes}, {@code IncludeCalculated}.
     */
    private static boolean markArchiveQuery(CodegenOperation op, boolean consumption) {
        boolean dataTypes = false;
        for (CodegenParameter p : op.queryParams) {
            String wire = p.baseName.toLowerCase(Locale.ROOT);
            String arg = null;
            if (wire.equals("includecalculated") && p.isBoolean) {
                arg = "includeCalculated ? Boolean.TRUE : null";
            } else if (wire.equals("includeabsentrecords") && p.isBoolean) {
                arg = "includeAbsentRecords ? Boolean.TRUE : null";
            } else if (consumption && wire.equals("datatypes")) {
                arg = dataTypesArgument(p);
                dataTypes = arg != null;
            }
            if (arg != null) {
                p.vendorExtensions.put(ARG, arg);
            }
        }
        return !consumption || dataTypes;
    }

    /** The data type as the builder takes it: a list or one value, of the enum or of its text. */
    static String dataTypesArgument(CodegenParameter p) {
        String element = p.isArray ? (p.items == null ? null : p.items.dataType) : p.dataType;
        String value = "DeviceDataType".equals(element) ? "dataType"
                : "String".equals(element) ? "dataType.getValue()" : null;
        if (value == null) {
            return null;
        }
        return p.isArray ? "java.util.List.of(" + value + ")" : value;
    }
}
