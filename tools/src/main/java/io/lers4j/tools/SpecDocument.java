package io.lers4j.tools;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A LERS API document that has passed the checks the build would make: JSON, Swagger 2.0 or OpenAPI 3, at least
 * one path, and no message from swagger-parser (the generator runs with validation on, so a document with messages
 * would fail the build after it had replaced the good one).
 *
 * <p>{@link #stableText()} is the form the repository keeps: UTF-8 without escapes, two-space indent, {@code paths}
 * and {@code definitions}/{@code components.schemas} sorted by key, every other key in the server's order, and a
 * newline at the end. The server's own order of paths and types changes between builds; sorting them makes a git
 * diff show only what really changed.
 */
public final class SpecDocument {

    /** Strict: a login page, a proxy's error page or a truncated download must not pass as JSON. */
    private static final Gson READER = new GsonBuilder().setStrictness(Strictness.STRICT).create();
    private static final Gson WRITER = new GsonBuilder()
            .setPrettyPrinting()      // two spaces, "\n"
            .disableHtmlEscaping()    // keep <, > and & readable
            .serializeNulls()         // a null in the document is content, not noise
            .create();
    private static final int MAX_MESSAGES = 10;

    private final String source;
    private final String kind;
    private final String stableText;
    private final int operationCount;

    private SpecDocument(String source, String kind, String stableText, int operationCount) {
        this.source = source;
        this.kind = kind;
        this.stableText = stableText;
        this.operationCount = operationCount;
    }

    /** Reads and checks a document file. */
    public static SpecDocument read(Path file) throws IOException, InvalidSpecException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /**
     * Checks {@code text} and returns the document.
     *
     * @param source where the text came from, for messages
     * @throws InvalidSpecException when the text is not a document the build could use
     */
    public static SpecDocument parse(String text, String source) throws InvalidSpecException {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        JsonElement root;
        try {
            root = READER.fromJson(text, JsonElement.class);
        } catch (JsonParseException e) {
            throw new InvalidSpecException(source + " is not JSON: " + e.getMessage() + startOf(text));
        }
        if (root == null || !root.isJsonObject()) {
            throw new InvalidSpecException(source + " is not a JSON object" + startOf(text));
        }
        JsonObject json = root.getAsJsonObject();
        String kind = kindOf(json);
        if (kind == null) {
            throw new InvalidSpecException(source + " is neither Swagger 2.0 nor OpenAPI 3 (no \"swagger\": \"2.0\" "
                    + "or \"openapi\": \"3.x\" at the top)");
        }
        JsonElement paths = json.get("paths");
        if (paths == null || !paths.isJsonObject() || paths.getAsJsonObject().size() == 0) {
            throw new InvalidSpecException(source + " has no paths: the server published an empty API");
        }
        String stable = WRITER.toJson(stable(json)) + "\n";
        SwaggerParseResult result = parseWithSwaggerParser(stable);
        List<String> messages = result.getMessages() == null ? List.of() : result.getMessages();
        if (result.getOpenAPI() == null || !messages.isEmpty()) {
            StringBuilder sb = new StringBuilder(source).append(" is not a valid ").append(kind).append(" document");
            messages.stream().limit(MAX_MESSAGES).forEach(m -> sb.append("\n  ").append(m));
            if (messages.size() > MAX_MESSAGES) {
                sb.append("\n  ... ").append(messages.size() - MAX_MESSAGES).append(" more");
            }
            throw new InvalidSpecException(sb.toString());
        }
        int operations = 0;
        if (result.getOpenAPI().getPaths() != null) {
            operations = result.getOpenAPI().getPaths().values().stream()
                    .mapToInt(item -> item.readOperations().size()).sum();
        }
        return new SpecDocument(source, kind, stable, operations);
    }

    /** Where the document came from (a file or a URL). */
    public String source() {
        return source;
    }

    /** "Swagger 2.0" or "OpenAPI 3.0.1", say. */
    public String kind() {
        return kind;
    }

    public int operationCount() {
        return operationCount;
    }

    /** The document in the stable form described above. */
    public String stableText() {
        return stableText;
    }

    /**
     * A fresh model of the document, Swagger 2.0 converted to OpenAPI 3. Fresh because openapi-diff changes the
     * models it compares.
     */
    public OpenAPI openApi() {
        return parseWithSwaggerParser(stableText).getOpenAPI();
    }

    private static SwaggerParseResult parseWithSwaggerParser(String text) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        return new OpenAPIParser().readContents(text, null, options);
    }

    private static String kindOf(JsonObject json) {
        JsonElement swagger = json.get("swagger");
        if (swagger != null && swagger.isJsonPrimitive() && "2.0".equals(swagger.getAsString())) {
            return "Swagger 2.0";
        }
        JsonElement openapi = json.get("openapi");
        if (openapi != null && openapi.isJsonPrimitive() && openapi.getAsString().startsWith("3.")) {
            return "OpenAPI " + openapi.getAsString();
        }
        return null;
    }

    /** A copy with the paths and the types sorted by key; every other member keeps its place and order. */
    static JsonObject stable(JsonObject root) {
        JsonObject out = new JsonObject();
        for (Map.Entry<String, JsonElement> e : root.entrySet()) {
            JsonElement value = e.getValue();
            switch (e.getKey()) {
                case "paths":
                case "definitions":
                    value = sorted(value);
                    break;
                case "components":
                    if (value.isJsonObject()) {
                        JsonObject components = new JsonObject();
                        value.getAsJsonObject().entrySet().forEach(c -> components.add(c.getKey(),
                                "schemas".equals(c.getKey()) ? sorted(c.getValue()) : c.getValue()));
                        value = components;
                    }
                    break;
                default:
                    break;
            }
            out.add(e.getKey(), value);
        }
        return out;
    }

    private static JsonElement sorted(JsonElement element) {
        if (!element.isJsonObject()) {
            return element;
        }
        Map<String, JsonElement> byKey = new TreeMap<>(element.getAsJsonObject().asMap());
        JsonObject out = new JsonObject();
        byKey.forEach(out::add);
        return out;
    }

    /** The first characters of a rejected text: usually enough to recognise an HTML page. */
    private static String startOf(String text) {
        String start = text.strip().replaceAll("\\s+", " ");
        if (start.isEmpty()) {
            return " (the response was empty)";
        }
        return " (it starts with: " + (start.length() > 80 ? start.substring(0, 80) + "..." : start) + ")";
    }
}
