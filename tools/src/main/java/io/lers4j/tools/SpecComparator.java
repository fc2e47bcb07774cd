package io.lers4j.tools;

import io.lers4j.tools.ChangeReport.Kind;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedApiResponse;
import org.openapitools.openapidiff.core.model.ChangedContent;
import org.openapitools.openapidiff.core.model.ChangedMediaType;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.model.ChangedOperation;
import org.openapitools.openapidiff.core.model.ChangedParameter;
import org.openapitools.openapidiff.core.model.ChangedParameters;
import org.openapitools.openapidiff.core.model.ChangedRequestBody;
import org.openapitools.openapidiff.core.model.ChangedResponse;
import org.openapitools.openapidiff.core.model.ChangedSchema;
import org.openapitools.openapidiff.core.model.Endpoint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns openapi-diff's comparison of two documents into a {@link ChangeReport} judged for lers4j.
 *
 * <p>openapi-diff judges compatibility for arbitrary HTTP clients; lers4j users compile against generated Java, so
 * the verdicts here are lers4j's own:
 * <ul>
 *   <li>anything that removes or renames a method, option, getter, class or enum constant, or changes its Java type,
 *       is BREAKING;</li>
 *   <li>new enum values are compatible: lers4j's enums are open and already kept values they did not know;</li>
 *   <li>{@code required} on model properties does not reach Java (SpecNormalizer drops it), so it is only reported
 *       where it changes what the server accepts: a request property that becomes required;</li>
 *   <li>a query parameter whose name changes only in letter case keeps its Java name, and LERS (ASP.NET) matches
 *       query names ignoring case, so that is compatible.</li>
 * </ul>
 * openapi-diff follows only the schemas operations use; every definition becomes a Java class, so model presence and
 * enum values are also compared by name.
 */
public final class SpecComparator {

    private final ChangeReport report;
    private final SchemaNames oldNames;
    private final SchemaNames newNames;
    private final Set<ChangedSchema> visited = Collections.newSetFromMap(new IdentityHashMap<>());

    private SpecComparator(ChangeReport report, SchemaNames oldNames, SchemaNames newNames) {
        this.report = report;
        this.oldNames = oldNames;
        this.newNames = newNames;
    }

    /** Compares two checked documents. */
    public static ChangeReport compare(SpecDocument oldDoc, SpecDocument newDoc) {
        return compare(oldDoc.openApi(), newDoc.openApi(), oldDoc.source(), newDoc.source());
    }

    static ChangeReport compare(OpenAPI oldApi, OpenAPI newApi, String oldLabel, String newLabel) {
        // names first: openapi-diff rewrites parts of the models while it compares them
        SchemaNames oldNames = new SchemaNames(oldApi);
        SchemaNames newNames = new SchemaNames(newApi);
        ChangedOpenApi diff = OpenApiCompare.fromSpecifications(oldApi, newApi);
        ChangeReport report = new ChangeReport(oldLabel, newLabel);
        SpecComparator comparator = new SpecComparator(report, oldNames, newNames);
        comparator.endpoints(diff);
        diff.getChangedOperations().forEach(comparator::operation);
        comparator.models();
        return report;
    }

    // ---------------------------------------------------------------- operations

    private void endpoints(ChangedOpenApi diff) {
        for (Endpoint e : diff.getNewEndpoints()) {
            String subject = e.getMethod() + " " + e.getPathUrl();
            report.add(Kind.OPERATIONS, subject, subject + " added", false,
                    "new method " + JavaNames.method(e.getOperation()));
        }
        for (Endpoint e : diff.getMissingEndpoints()) {
            String subject = e.getMethod() + " " + e.getPathUrl();
            report.add(Kind.OPERATIONS, subject, subject + " removed", true,
                    "method " + JavaNames.method(e.getOperation()) + " disappears");
        }
    }

    private void operation(ChangedOperation changed) {
        Operation oldOp = changed.getOldOperation();
        Operation newOp = changed.getNewOperation();
        String subject = changed.getHttpMethod() + " " + changed.getPathUrl();
        String method = JavaNames.methodName(newOp) + "()";
        report.title(subject, subject + "  (" + JavaNames.method(newOp) + ")");
        Op op = new Op(subject, method);

        if (!JavaNames.method(oldOp).equals(JavaNames.method(newOp))) {
            op.add("operation renamed: " + oldOp.getOperationId() + " -> " + newOp.getOperationId()
                            + (Objects.equals(oldOp.getTags(), newOp.getTags()) ? "" : ", tags " + oldOp.getTags()
                            + " -> " + newOp.getTags()), true,
                    JavaNames.method(oldOp) + " becomes " + JavaNames.method(newOp));
        }
        if (changed.isDeprecated()) {
            boolean now = Boolean.TRUE.equals(newOp.getDeprecated());
            op.add(now ? "operation deprecated" : "operation no longer deprecated", false,
                    now ? method + " is marked @Deprecated" : "");
        }
        if (changed.getParameters() != null) {
            parameters(op, changed.getParameters());
        }
        if (changed.getRequestBody() != null) {
            requestBody(op, changed.getRequestBody());
        }
        if (changed.getApiResponses() != null) {
            responses(op, changed.getApiResponses());
        }
    }

    /** The subject and Java method of the operation being reported. */
    private final class Op {
        final String subject;
        final String method;

        Op(String subject, String method) {
            this.subject = subject;
            this.method = method;
        }

        void add(String text, boolean breaking, String java) {
            report.add(Kind.OPERATION, subject, text, breaking, java);
        }
    }

    // ---------------------------------------------------------------- parameters

    private void parameters(Op op, ChangedParameters params) {
        List<Parameter> missing = new ArrayList<>(params.getMissing());
        List<Parameter> added = new ArrayList<>(params.getIncreased());
        // the same parameter spelled differently (2020's "DataTypes" is 2022's "dataTypes")
        for (Parameter before : new ArrayList<>(missing)) {
            Parameter after = added.stream()
                    .filter(p -> Objects.equals(p.getIn(), before.getIn()) && p.getName().equalsIgnoreCase(before.getName()))
                    .findFirst().orElse(null);
            if (after != null) {
                missing.remove(before);
                added.remove(after);
                respelledParameter(op, before, after);
            }
        }
        for (Parameter p : added) {
            boolean required = Boolean.TRUE.equals(p.getRequired());
            String type = newNames.javaType(p.getSchema());
            op.add(label(p) + " added" + (required ? ", required" : ""), required, required
                    ? op.method + " takes a new argument " + JavaNames.camel(p.getName()) + " (" + type + ")"
                    : "new option " + JavaNames.camel(p.getName()) + "(" + type + ") on " + op.method);
        }
        for (Parameter p : missing) {
            op.add(label(p) + " removed", true, javaParameter(op, p, oldNames) + " disappears");
        }
        for (ChangedParameter c : params.getChanged()) {
            changedParameter(op, c);
        }
    }

    private void respelledParameter(Op op, Parameter before, Parameter after) {
        String text = label(before) + " -> " + after.getName();
        String oldType = oldNames.describe(before.getSchema());
        String newType = newNames.describe(after.getSchema());
        if (!oldType.equals(newType)) {
            op.add(text + ": type " + oldType + " -> " + newType, true, JavaNames.camel(after.getName()) + "("
                    + oldNames.javaType(before.getSchema()) + ") becomes " + JavaNames.camel(after.getName()) + "("
                    + newNames.javaType(after.getSchema()) + ")");
        } else {
            op.add(text + " (letter case only)", false, "unchanged: " + javaParameter(op, after, newNames)
                    + "; LERS matches query names ignoring case");
            inlineEnum(op, label(after), before.getSchema(), after.getSchema());
        }
        requiredChange(op, label(after), before, after);
    }

    private void changedParameter(Op op, ChangedParameter c) {
        Parameter before = c.getOldParameter();
        Parameter after = c.getNewParameter();
        String where = label(after);
        if (c.isChangeRequired()) {
            requiredChange(op, where, before, after);
        }
        if (c.isDeprecated()) {
            op.add(where + (Boolean.TRUE.equals(after.getDeprecated()) ? " deprecated" : " no longer deprecated"),
                    false, "");
        }
        if (c.getSchema() != null) {
            schema(c.getSchema(), Kind.OPERATION, op.subject, where, op.method);
        }
    }

    private void requiredChange(Op op, String where, Parameter before, Parameter after) {
        boolean was = Boolean.TRUE.equals(before.getRequired());
        boolean is = Boolean.TRUE.equals(after.getRequired());
        if (was != is) {
            // required parameters are arguments of the method, optional ones are options of its request builder
            op.add(where + (is ? " now required" : " no longer required"), true, JavaNames.camel(after.getName())
                    + (is ? " moves from the request options into the arguments of " : " moves from the arguments of ")
                    + op.method + (is ? "" : " into the request options"));
        }
    }

    private static String label(Parameter p) {
        return p.getIn() + " " + p.getName();
    }

    private static String javaParameter(Op op, Parameter p, SchemaNames names) {
        String name = JavaNames.camel(p.getName());
        return Boolean.TRUE.equals(p.getRequired()) ? "argument " + name + " of " + op.method
                : "option " + name + "(" + names.javaType(p.getSchema()) + ")";
    }

    /** Value changes of an inline enum that is not one of the named enums (those are compared by name). */
    private void inlineEnum(Op op, String where, Schema<?> before, Schema<?> after) {
        if (oldNames.namedEnumFor(before) != null || newNames.namedEnumFor(after) != null) {
            return;
        }
        enumValues(Kind.OPERATION, op.subject, where + ": ", SchemaNames.enumValues(before),
                SchemaNames.enumValues(after));
    }

    // ---------------------------------------------------------------- bodies

    private void requestBody(Op op, ChangedRequestBody body) {
        Schema<?> before = jsonSchema(body.getOldRequestBody() == null ? null : body.getOldRequestBody().getContent());
        Schema<?> after = jsonSchema(body.getNewRequestBody() == null ? null : body.getNewRequestBody().getContent());
        if (body.getOldRequestBody() == null) {
            op.add("request body added (" + newNames.describe(after) + ")", false,
                    "new option body(" + newNames.javaType(after) + ") on " + op.method);
            return;
        }
        if (body.getNewRequestBody() == null) {
            op.add("request body removed", true, "option body(" + oldNames.javaType(before) + ") disappears");
            return;
        }
        content(body.getContent(), op, "request body");
    }

    private void responses(Op op, ChangedApiResponse responses) {
        responses.getIncreased().forEach((code, response) -> op.add("response " + code + " added"
                + bodyOf(response, newNames), false, code.startsWith("2") ? "" : errorHint(code)));
        responses.getMissing().forEach((code, response) -> {
            boolean success = code.startsWith("2");
            op.add("response " + code + " removed", success, success
                    ? "what " + op.method + " returns may change" : "");
        });
        for (Map.Entry<String, ChangedResponse> e : new LinkedHashMap<>(responses.getChanged()).entrySet()) {
            if (e.getValue().getContent() != null) {
                content(e.getValue().getContent(), op, "response " + e.getKey());
            }
        }
    }

    private static String errorHint(String code) {
        return "none: " + code + " answers arrive as ApiException with the body";
    }

    private static String bodyOf(ApiResponse response, SchemaNames names) {
        Schema<?> schema = jsonSchema(response.getContent());
        return schema == null ? "" : " (" + names.describe(schema) + ")";
    }

    private void content(ChangedContent content, Op op, String where) {
        if (content == null) {
            return;
        }
        // every JSON media type carries the same schema in LERS documents: report the first one that changed
        ChangedMediaType changed = content.getChanged().entrySet().stream()
                .filter(e -> e.getKey().contains("json"))
                .map(Map.Entry::getValue)
                .findFirst().orElse(null);
        if (changed != null && changed.getSchema() != null) {
            schema(changed.getSchema(), Kind.OPERATION, op.subject, where, op.method);
        }
    }

    private static Schema<?> jsonSchema(Content content) {
        if (content == null) {
            return null;
        }
        for (Map.Entry<String, MediaType> e : content.entrySet()) {
            if (e.getKey().contains("json") && e.getValue().getSchema() != null) {
                return e.getValue().getSchema();
            }
        }
        return content.values().stream().map(MediaType::getSchema).filter(Objects::nonNull).findFirst().orElse(null);
    }

    // ---------------------------------------------------------------- schemas

    /**
     * Reports one changed schema. {@code where} is the place in the operation ("response 200", "query units") or,
     * inside a named model, the property path; inside a named model the subject becomes that model, so a model
     * used by ten operations is reported once.
     */
    private void schema(ChangedSchema changed, Kind kind, String subject, String where, String method) {
        if (!visited.add(changed)) {
            return;
        }
        Schema<?> before = changed.getOldSchema();
        Schema<?> after = changed.getNewSchema();
        String oldType = oldNames.describe(before);
        String newType = newNames.describe(after);
        if (changed.isChangedType() || !oldType.equals(newType)) {
            if (oldType.equals(newType)) { // a named type changed its own kind, e.g. object -> array
                oldType = kindOf(before);
                newType = kindOf(after);
            }
            report.add(kind, subject, (where.isEmpty() ? "" : where + ": ") + "type " + oldType + " -> " + newType, true,
                    typeHint(where, method, oldNames.javaType(before), newNames.javaType(after)));
            return;
        }
        String oldName = oldNames.nameOf(before);
        if (oldName != null && oldName.equals(newNames.nameOf(after))) {
            if (SchemaNames.isEnum(before) || SchemaNames.isEnum(after)) {
                return; // named enums: values are compared by name in models()
            }
            kind = Kind.MODEL;
            subject = oldName;
            where = "";
            method = null;
        }
        properties(changed, kind, subject, where);
        if (changed.getItems() != null) {
            schema(changed.getItems(), kind, subject, where + "[]", method);
        }
        if (changed.getAddProp() != null) {
            schema(changed.getAddProp(), kind, subject, where + "{}", method);
        }
        if (changed.getEnumeration() != null && oldNames.namedEnumFor(before) == null
                && newNames.namedEnumFor(after) == null) {
            enumValues(kind, subject, where.isEmpty() ? "" : where + ": ", SchemaNames.enumValues(before),
                    SchemaNames.enumValues(after));
        }
        if (changed.getRequired() != null && changed.getContext() != null && changed.getContext().isRequest()) {
            for (String p : changed.getRequired().getIncreased()) {
                report.add(kind, subject, property(where, p) + " now required in requests", true,
                        "no change in Java (lers4j reads every field as optional), but the server refuses requests without it");
            }
        }
    }

    private void properties(ChangedSchema changed, Kind kind, String subject, String where) {
        Map<String, Schema<?>> removed = new LinkedHashMap<>(changed.getMissingProperties());
        Map<String, Schema<?>> added = new LinkedHashMap<>(changed.getIncreasedProperties());
        // a property removed and another of the same type added in the same place is most likely a rename
        for (String gone : new ArrayList<>(removed.keySet())) {
            String type = oldNames.describe(removed.get(gone));
            List<String> sameTypeAdded = added.keySet().stream()
                    .filter(p -> newNames.describe(added.get(p)).equals(type)).toList();
            long sameTypeRemoved = removed.values().stream().filter(s -> oldNames.describe(s).equals(type)).count();
            if (sameTypeAdded.size() == 1 && sameTypeRemoved == 1) {
                String now = sameTypeAdded.get(0);
                report.add(kind, subject, property(where, gone) + " renamed to " + now + " (same type " + type + ")",
                        true, JavaNames.getter(gone) + " becomes " + JavaNames.getter(now));
                removed.remove(gone);
                added.remove(now);
            }
        }
        removed.forEach((p, s) -> report.add(kind, subject, property(where, p) + " removed", true,
                JavaNames.getter(p) + " disappears"));
        added.forEach((p, s) -> report.add(kind, subject, property(where, p) + " added (" + newNames.describe(s) + ")",
                false, "new " + JavaNames.getter(p)));
        new LinkedHashMap<>(changed.getChangedProperties()).forEach((p, c) -> schema(c, kind, subject,
                property(where, p), null));
    }

    private static String property(String where, String name) {
        if (where.isEmpty()) {
            return "property " + name;
        }
        return where.startsWith("property ") ? where + "." + name : where + " property " + name;
    }

    private static String typeHint(String where, String method, String oldJava, String newJava) {
        if (where.startsWith("property ")) {
            String name = where.substring("property ".length());
            String last = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : name;
            last = last.replace("[]", "").replace("{}", "");
            return JavaNames.getter(last) + " returns " + newJava + " (was " + oldJava + ")";
        }
        if (where.startsWith("response") && method != null) {
            return method + " returns " + newJava + " (was " + oldJava + ")";
        }
        if (where.startsWith("request body")) {
            return "option body(" + oldJava + ") becomes body(" + newJava + ")";
        }
        int space = where.indexOf(' ');
        if (space > 0 && method != null) { // "query units"
            String name = JavaNames.camel(where.substring(space + 1));
            return name + "(" + oldJava + ") becomes " + name + "(" + newJava + ")";
        }
        return oldJava + " becomes " + newJava;
    }

    private static String kindOf(Schema<?> schema) {
        if (schema == null) {
            return "nothing";
        }
        if (SchemaNames.isEnum(schema)) {
            return "enum";
        }
        return Objects.toString(schema.getType(), schema.getProperties() != null ? "object" : "any");
    }

    // ---------------------------------------------------------------- models and enums by name

    private void models() {
        Map<String, Schema<?>> before = oldNames.all();
        Map<String, Schema<?>> after = newNames.all();
        before.forEach((name, schema) -> {
            Schema<?> now = after.get(name);
            if (now == null) {
                report.add(Kind.MODELS, name, kindWord(schema) + " " + name + " removed", true,
                        "class io.lers4j.model." + name + " disappears");
            } else if (SchemaNames.isEnum(schema) && SchemaNames.isEnum(now)) {
                enumValues(Kind.ENUM, name, "", SchemaNames.enumValues(schema), SchemaNames.enumValues(now));
            } else if (SchemaNames.isEnum(schema) != SchemaNames.isEnum(now)) {
                report.add(Kind.MODELS, name, kindWord(schema) + " " + name + " is now " + article(kindWord(now)),
                        true, "class io.lers4j.model." + name + " changes completely");
            }
        });
        after.forEach((name, schema) -> {
            if (!before.containsKey(name)) {
                report.add(Kind.MODELS, name, kindWord(schema) + " " + name + " added", false,
                        "new class io.lers4j.model." + name);
            }
        });
    }

    private static String kindWord(Schema<?> schema) {
        return SchemaNames.isEnum(schema) ? "enum" : "model";
    }

    private static String article(String word) {
        return (word.startsWith("e") ? "an " : "a ") + word;
    }

    private void enumValues(Kind kind, String subject, String prefix, List<String> before, List<String> after) {
        List<String> added = new ArrayList<>(after);
        added.removeAll(before);
        List<String> removed = new ArrayList<>(before);
        removed.removeAll(after);
        if (!added.isEmpty()) {
            report.add(kind, subject, prefix + count(added.size(), "value") + " added: " + String.join(", ", added),
                    false, (added.size() == 1 ? "a new constant" : "new constants") + (kind == Kind.ENUM
                            ? "; lers4j's open enums already kept values they did not know, so compatible" : ""));
        }
        if (!removed.isEmpty()) {
            report.add(kind, subject, prefix + count(removed.size(), "value") + " removed: "
                    + String.join(", ", removed), true, "the constant" + (removed.size() == 1 ? "" : "s")
                    + " for " + (removed.size() == 1 ? "it" : "them") + " disappear" + (removed.size() == 1 ? "s" : "")
                    + (kind == Kind.ENUM ? " from " + subject : ""));
        }
    }

    private static String count(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
