package io.lers4j.tools;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a Swagger 2.0 document from the facts of a LERS API document (operations, models, enums as
 * read from a client the vendor generated from it), with the conventions the server's ASP.NET Core /
 * Swashbuckle documents follow wherever the facts are silent:
 * <ul>
 *   <li>consumes {@code application/json-patch+json, application/json, text/json, application/*+json} on
 *       operations with a body; produces {@code text/plain, application/json, text/json} on operations that
 *       answer with one;</li>
 *   <li>the {@code Bearer} apiKey header on every operation that is not anonymous, with its 401 and 403;</li>
 *   <li>tags by controller (the operationId's prefix; {@code Put_*} operations belong to the controller
 *       that owns their path);</li>
 *   <li>{@code x-nullable} where a property may be null, {@code required} where it must be present,
 *       arrays sent as repeated keys ({@code collectionFormat: multi}).</li>
 * </ul>
 * The summaries are short descriptions of our own, made from the operation's name unless written below.
 *
 * <pre>java io.lers4j.tools.SpecFromFacts &lt;facts.json&gt; &lt;out.json&gt;</pre>
 */
public final class SpecFromFacts {

    static final List<String> CONSUMES = List.of("application/json-patch+json", "application/json", "text/json",
            "application/*+json");
    static final List<String> PRODUCES = List.of("text/plain", "application/json", "text/json");
    static final String PUT_PREFIX = "Put";

    /** Summaries for the operations field clients are known to call; the rest come from their names. */
    private static final Map<String, String> SUMMARIES = Map.ofEntries(
            Map.entry("Login_LoginPlain", "Logs in with a login and password; answers with the token."),
            Map.entry("Login_GetCurrentLogin", "Returns the account that the token belongs to, with its permissions."),
            Map.entry("MeasurePoints_GetMeasurePoints", "Lists measure points visible to the account."),
            Map.entry("MeasurePoints_GetById", "Returns one measure point."),
            Map.entry("Nodes_GetNodes", "Lists nodes visible to the account."),
            Map.entry("ManualPoll_PollArchive", "Starts a manual poll of archives for a period; answers with the poll session."),
            Map.entry("ManualPoll_PollCurrents", "Starts a manual poll of current values; answers with the poll session."),
            Map.entry("PollSessions_GetPollSessions", "Lists poll sessions that started in a period."),
            Map.entry("PollSessions_GetPollSession", "Returns one poll session."),
            Map.entry("PollPorts_GetStatus", "Returns the state of the poll ports."),
            Map.entry("Reports_GetReports", "Lists report forms, optionally of one type."),
            Map.entry("Generate_GenerateExported", "Generates a report and exports it to a file; answers with its download key."),
            Map.entry("Downloads_Download", "Downloads a file prepared by an earlier call (report, export)."),
            Map.entry("NodeJobs_GetList", "Lists node jobs, optionally only incomplete ones."),
            Map.entry("Notifications_GetNotificationsForPeriod", "Lists notifications of a period."),
            Map.entry("Notifications_MarkNotification", "Marks notifications as read."),
            Map.entry("Descriptors_GetListForDataParameters", "Describes every data parameter (title, unit, category)."),
            Map.entry("Descriptors_GetListForEnums", "Describes the values of the API's enums."));

    private final JsonObject facts;
    /** The enums' values, written inline where a parameter has an enum type. */
    private final Map<String, JsonArray> enums = new LinkedHashMap<>();

    SpecFromFacts(JsonObject facts) {
        this.facts = facts;
        facts.getAsJsonObject("enums").entrySet().forEach(e -> enums.put(e.getKey(), e.getValue().getAsJsonArray()));
    }

    public static void main(String[] args) throws IOException, InvalidSpecException {
        if (args.length != 2) {
            System.err.println("Usage: SpecFromFacts <facts.json> <out.json>");
            System.exit(1);
        }
        JsonObject facts = JsonParser.parseString(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8))
                .getAsJsonObject();
        Files.writeString(Path.of(args[1]), write(new SpecFromFacts(facts).document("v0.1"), args[0]),
                StandardCharsets.UTF_8);
    }

    /**
     * The document checked as the fetch tool checks a server's (swagger-parser, no messages) and in the
     * repository's stable form, so that a later fetch from a server shows only what differs.
     */
    static String write(JsonObject document, String source) throws InvalidSpecException {
        Gson gson = new GsonBuilder().disableHtmlEscaping().create();
        return SpecDocument.parse(gson.toJson(document), "the document made from " + source).stableText();
    }

    JsonObject document(String version) {
        JsonObject doc = new JsonObject();
        doc.addProperty("swagger", "2.0");
        JsonObject info = new JsonObject();
        info.addProperty("title", "ЛЭРС УЧЁТ REST API");
        info.addProperty("version", version);
        doc.add("info", info);

        List<JsonObject> operations = new ArrayList<>();
        facts.getAsJsonArray("operations").forEach(o -> operations.add(o.getAsJsonObject()));
        Map<String, String> pathOwners = pathOwners(operations);
        JsonObject paths = new JsonObject();
        for (JsonObject op : operations) {
            String path = op.get("path").getAsString();
            JsonObject item = paths.has(path) ? paths.getAsJsonObject(path) : new JsonObject();
            paths.add(path, item);
            item.add(op.get("method").getAsString().toLowerCase(Locale.ROOT), operation(op, pathOwners));
        }
        doc.add("paths", sortMethods(paths));

        JsonObject definitions = new JsonObject();
        Map<String, JsonElement> all = new TreeMap<>();
        facts.getAsJsonObject("definitions").entrySet()
                .forEach(e -> all.put(e.getKey(), model(e.getValue().getAsJsonObject())));
        facts.getAsJsonObject("enums").entrySet()
                .forEach(e -> all.put(e.getKey(), enumSchema(e.getValue().getAsJsonArray())));
        all.forEach(definitions::add);
        doc.add("definitions", definitions);

        JsonObject bearer = new JsonObject();
        bearer.addProperty("type", "apiKey");
        bearer.addProperty("description", "JWT from POST /api/" + version + "/Login, sent as: Bearer <token>");
        bearer.addProperty("name", "Authorization");
        bearer.addProperty("in", "header");
        JsonObject security = new JsonObject();
        security.add("Bearer", bearer);
        doc.add("securityDefinitions", security);
        return doc;
    }

    /** Methods of each path in the order Swashbuckle writes them. */
    private static JsonObject sortMethods(JsonObject paths) {
        List<String> order = List.of("get", "put", "post", "delete", "options", "head", "patch");
        JsonObject sorted = new JsonObject();
        for (Map.Entry<String, JsonElement> path : paths.entrySet()) {
            JsonObject item = path.getValue().getAsJsonObject();
            JsonObject out = new JsonObject();
            for (String m : order) {
                if (item.has(m)) {
                    out.add(m, item.get(m));
                }
            }
            sorted.add(path.getKey(), out);
        }
        return sorted;
    }

    JsonObject operation(JsonObject op, Map<String, String> pathOwners) {
        String operationId = op.get("operationId").getAsString();
        boolean anonymous = op.get("anonymous").getAsBoolean();
        JsonObject out = new JsonObject();
        String tag = tag(operationId, op.get("path").getAsString(), pathOwners);
        out.add("tags", strings(List.of(tag)));
        out.addProperty("summary", summary(operationId, tag));
        out.addProperty("operationId", operationId);
        JsonElement bodyFact = op.get("bodyParam");
        boolean hasBody = bodyFact != null && !bodyFact.isJsonNull();
        if (hasBody) {
            out.add("consumes", strings(CONSUMES));
        }
        JsonObject responses = op.getAsJsonObject("responses");
        JsonObject ok = responses.getAsJsonObject("200");
        boolean answers = ok != null && ok.has("schema") && !ok.get("schema").isJsonNull();
        if (answers) {
            out.add("produces", strings(PRODUCES));
        }
        JsonArray parameters = new JsonArray();
        for (JsonElement p : op.getAsJsonArray("params")) {
            parameters.add(parameter(p.getAsJsonObject()));
        }
        if (hasBody) {
            JsonObject b = bodyFact.getAsJsonObject();
            JsonObject body = new JsonObject();
            body.addProperty("in", "body");
            body.addProperty("name", "body");
            if (b.get("required").getAsBoolean()) {
                body.addProperty("required", true);
            }
            body.add("schema", schema(b.get("type").getAsString()));
            parameters.add(body);
        }
        if (parameters.size() > 0) {
            out.add("parameters", parameters);
        }
        JsonObject answer = new JsonObject();
        for (Map.Entry<String, JsonElement> r : responses.entrySet()) {
            JsonObject fact = r.getValue().getAsJsonObject();
            JsonObject response = new JsonObject();
            response.addProperty("description", fact.get("description").getAsString());
            if (fact.has("schema") && !fact.get("schema").isJsonNull()) {
                response.add("schema", schema(fact.get("schema").getAsString()));
            }
            answer.add(r.getKey(), response);
        }
        out.add("responses", answer);
        if (!anonymous) {
            JsonArray security = new JsonArray();
            JsonObject bearer = new JsonObject();
            bearer.add("Bearer", new JsonArray());
            security.add(bearer);
            out.add("security", security);
        }
        return out;
    }

    private JsonObject parameter(JsonObject p) {
        JsonObject out = new JsonObject();
        String in = p.get("in").getAsString();
        out.addProperty("in", in);
        out.addProperty("name", p.get("name").getAsString());
        if ("path".equals(in) || p.get("required").getAsBoolean()) {
            out.addProperty("required", true);
        }
        String type = p.get("type").getAsString();
        JsonObject schema = inlineSchema(type);
        schema.entrySet().forEach(e -> out.add(e.getKey(), e.getValue()));
        if (type.startsWith("array<")) {
            out.addProperty("collectionFormat", "multi");
        }
        return out;
    }

    /** A parameter's type written inline, as Swagger 2.0 wants it for path and query parameters: an enum's values in place of a reference. */
    private JsonObject inlineSchema(String type) {
        if (type.startsWith("enum ")) {
            JsonObject out = new JsonObject();
            out.addProperty("type", "string");
            JsonArray values = enums.get(type.substring(5));
            if (values == null) {
                throw new IllegalArgumentException("a parameter has an enum the facts do not list: " + type);
            }
            out.add("enum", values.deepCopy());
            return out;
        }
        if (type.startsWith("array<")) {
            JsonObject out = new JsonObject();
            out.addProperty("type", "array");
            out.add("items", inlineSchema(inner(type)));
            return out;
        }
        return schema(type);
    }

    private static JsonObject model(JsonObject fact) {
        JsonObject out = new JsonObject();
        JsonArray required = new JsonArray();
        JsonObject properties = new JsonObject();
        for (Map.Entry<String, JsonElement> e : fact.getAsJsonObject("props").entrySet()) {
            JsonObject p = e.getValue().getAsJsonObject();
            String flag = p.get("flag").getAsString();
            if ("*".equals(flag)) {
                required.add(e.getKey());
            }
            JsonObject schema = schema(p.get("type").getAsString());
            if (flag.isEmpty()) {
                schema.addProperty("x-nullable", true);
            }
            for (String limit : List.of("maxLength", "minLength", "minimum", "maximum")) {
                if (p.has(limit)) {
                    schema.add(limit, p.get(limit));
                }
            }
            properties.add(e.getKey(), schema);
        }
        if (required.size() > 0) {
            out.add("required", required);
        }
        out.addProperty("type", "object");
        out.add("properties", properties);
        if (fact.has("additionalProperties")) {
            out.add("additionalProperties", schema(fact.get("additionalProperties").getAsString()));
        }
        return out;
    }

    private static JsonObject enumSchema(JsonArray values) {
        JsonObject out = new JsonObject();
        out.add("enum", values.deepCopy());
        out.addProperty("type", "string");
        return out;
    }

    /** A type of the facts' notation as a schema: references for models and enums. */
    static JsonObject schema(String type) {
        JsonObject out = new JsonObject();
        switch (type) {
            case "string":
                out.addProperty("type", "string");
                return out;
            case "boolean":
                out.addProperty("type", "boolean");
                return out;
            case "any":
                return out;
            case "string(byte/base64)":
                return typed("string", "byte");
            default:
                break;
        }
        if (type.startsWith("array<")) {
            out.addProperty("type", "array");
            out.add("items", schema(inner(type)));
            return out;
        }
        if (type.startsWith("map<string,")) {
            out.addProperty("type", "object");
            out.add("additionalProperties", schema(type.substring("map<string,".length(), type.length() - 1)));
            return out;
        }
        int paren = type.indexOf('(');
        if (paren > 0 && type.endsWith(")")) {
            return typed(type.substring(0, paren), type.substring(paren + 1, type.length() - 1));
        }
        String name = type.startsWith("enum ") ? type.substring(5) : type;
        if (name.isEmpty() || !Character.isUpperCase(name.charAt(0))) {
            throw new IllegalArgumentException("unknown type in the facts: " + type);
        }
        out.addProperty("$ref", "#/definitions/" + name);
        return out;
    }

    private static JsonObject typed(String type, String format) {
        JsonObject out = new JsonObject();
        out.addProperty("type", type);
        out.addProperty("format", format);
        return out;
    }

    private static String inner(String generic) {
        return generic.substring(generic.indexOf('<') + 1, generic.length() - 1);
    }

    private static JsonArray strings(List<String> values) {
        JsonArray out = new JsonArray();
        values.forEach(out::add);
        return out;
    }

    /**
     * The controller each path belongs to: the one whose own operations (not {@code Put_*}) share the
     * most leading segments with it, an operation on the very same path first.
     */
    static Map<String, String> pathOwners(List<JsonObject> operations) {
        Map<String, String> owners = new LinkedHashMap<>();
        for (JsonObject op : operations) {
            String path = op.get("path").getAsString();
            if (!prefix(op.get("operationId").getAsString()).equals(PUT_PREFIX) || owners.containsKey(path)) {
                continue;
            }
            String best = null;
            int bestScore = -1;
            for (JsonObject other : operations) {
                String controller = prefix(other.get("operationId").getAsString());
                if (controller.equals(PUT_PREFIX)) {
                    continue;
                }
                String otherPath = other.get("path").getAsString();
                int score = otherPath.equals(path) ? Integer.MAX_VALUE : sharedSegments(path, otherPath);
                if (score > bestScore) {
                    bestScore = score;
                    best = controller;
                }
            }
            owners.put(path, best == null ? PUT_PREFIX : best);
        }
        return owners;
    }

    private static int sharedSegments(String a, String b) {
        String[] x = a.split("/");
        String[] y = b.split("/");
        int n = 0;
        while (n < x.length && n < y.length && (x[n].equals(y[n]) || (x[n].startsWith("{") && y[n].startsWith("{")))) {
            n++;
        }
        return n;
    }

    static String tag(String operationId, String path, Map<String, String> pathOwners) {
        String controller = prefix(operationId);
        return controller.equals(PUT_PREFIX) ? pathOwners.getOrDefault(path, PUT_PREFIX) : controller;
    }

    private static String prefix(String operationId) {
        int underscore = operationId.indexOf('_');
        return underscore < 0 ? operationId : operationId.substring(0, underscore);
    }

    /**
     * "AccountGroups_GetList" → "Lists account groups."; "ManualPoll_PollArchive" → "Manual poll: poll archive.";
     * {@code controller} is the tag, which for {@code Put_*} operations is the path's owner.
     */
    static String summary(String operationId, String controller) {
        String written = SUMMARIES.get(operationId);
        if (written != null) {
            return written;
        }
        int underscore = operationId.indexOf('_');
        String method = words(underscore < 0 ? operationId : operationId.substring(underscore + 1));
        String subject = words(controller);
        if (method.equals("get") || method.equals("get list")) {
            return "Lists " + subject + ".";
        }
        return Character.toUpperCase(subject.charAt(0)) + subject.substring(1) + ": " + method + ".";
    }

    private static String words(String camel) {
        return String.join(" ", splitWords(camel)).toLowerCase(Locale.ROOT);
    }

    /** "GetByMeasurePoint" → [Get, By, Measure, Point]; runs of capitals stay together ("XML80020"). */
    static List<String> splitWords(String camel) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            boolean boundary = Character.isUpperCase(c) && word.length() > 0
                    && (Character.isLowerCase(word.charAt(word.length() - 1))
                    || (i + 1 < camel.length() && Character.isLowerCase(camel.charAt(i + 1))));
            if (boundary || c == '_') {
                out.add(word.toString());
                word.setLength(0);
            }
            if (c != '_') {
                word.append(c);
            }
        }
        if (word.length() > 0) {
            out.add(word.toString());
        }
        return out;
    }
}
