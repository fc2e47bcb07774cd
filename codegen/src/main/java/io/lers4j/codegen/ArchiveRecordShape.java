package io.lers4j.codegen;

import org.openapitools.codegen.CodegenModel;
import org.openapitools.codegen.CodegenProperty;

/**
 * Recognises an archive record type of the document and writes, as vendor extensions of its
 * model, the Java expressions the {@code ArchiveRecords} template uses to read it: one record
 * reader for every such type, with no JSON round trip, for the current shape ({@code values}, an
 * array of attributes) and the 2020 one ({@code dataParameters}, one flags value).
 */
final class ArchiveRecordShape {

    static final String MARK = "x-lers-archive-record";
    static final String VALUE_TYPE = "DataParameterValue";

    private ArchiveRecordShape() {
    }

    static void mark(CodegenModel model) {
        CodegenProperty dateTime = property(model, "dateTime");
        CodegenProperty values = property(model, "values");
        if (values == null) {
            values = property(model, "dataParameters");
        }
        if (dateTime == null || values == null || !values.isArray || values.items == null
                || !VALUE_TYPE.equals(values.items.complexType)) {
            return;
        }
        model.vendorExtensions.put(MARK, true);
        model.vendorExtensions.put("x-lers-date-time", "r." + dateTime.getter + "()");
        model.vendorExtensions.put("x-lers-values", "r." + values.getter + "()");
        model.vendorExtensions.put("x-lers-data-type", text(property(model, "dataType")));
        model.vendorExtensions.put("x-lers-resource-kind", text(property(model, "resourceKind")));
        CodegenProperty empty = property(model, "isEmpty");
        model.vendorExtensions.put("x-lers-empty", empty == null ? "false" : "Boolean.TRUE.equals(r." + empty.getter + "())");
        CodegenProperty attributes = property(model, "attributes");
        model.vendorExtensions.put("x-lers-attributes", attributes == null ? "java.util.List.of()"
                : attributes.isArray ? "texts(r." + attributes.getter + "())"
                : "texts(r." + attributes.getter + "() == null ? null : java.util.List.of(r." + attributes.getter + "()))");
    }

    /** The expression for a property as text (an enum's wire value), null when absent. */
    private static String text(CodegenProperty p) {
        return p == null ? "null" : "(r." + p.getter + "() == null ? null : String.valueOf(r." + p.getter + "()))";
    }

    private static CodegenProperty property(CodegenModel model, String jsonName) {
        for (CodegenProperty p : model.vars) {
            if (jsonName.equals(p.baseName)) {
                return p;
            }
        }
        return null;
    }
}
