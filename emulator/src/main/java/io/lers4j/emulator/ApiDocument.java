package io.lers4j.emulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One API document as routing needs it: every operation by operationId with its method, path
 * template, tag, whether it is anonymous, and the schemas of its body and answer. Documents are
 * read once per JVM from the emulator's class path and never change.
 */
final class ApiDocument {

    private static final Map<Api, ApiDocument> LOADED = new EnumMap<>(Api.class);

    /** One operation of the document. */
    static final class Operation {
        final Api api;
        final String id;
        final String method;
        final String path;
        final String tag;
        /** No security requirement: the server answers without credentials. */
        final boolean anonymous;
        /** The document lists 403: the operation checks an access right. */
        final boolean declaresForbidden;
        /** The schema of the success answer, or null when it has no body. */
        final JsonObject answerSchema;
        final List<JsonObject> parameters;
        /** The body parameter's schema, or null when the operation takes no body. */
        final JsonObject bodySchema;
        final boolean bodyRequired;

        Operation(Api api, String id, String method, String path, JsonObject operation) {
            this.api = api;
            this.id = id;
            this.method = method;
            this.path = path;
            JsonArray tags = operation.getAsJsonArray("tags");
            this.tag = tags == null || tags.isEmpty() ? id.substring(0, id.indexOf('_')) : tags.get(0).getAsString();
            this.anonymous = !operation.has("security");
            JsonObject responses = operation.getAsJsonObject("responses");
            this.declaresForbidden = responses.has("403");
            JsonObject success = responses.has("200") ? responses.getAsJsonObject("200") : responses.getAsJsonObject("201");
            this.answerSchema = success != null && success.has("schema") ? success.getAsJsonObject("schema") : null;
            List<JsonObject> params = new ArrayList<>();
            JsonObject body = null;
            boolean required = false;
            if (operation.has("parameters")) {
                for (JsonElement p : operation.getAsJsonArray("parameters")) {
                    JsonObject parameter = p.getAsJsonObject();
                    if ("body".equals(parameter.get("in").getAsString())) {
                        body = parameter.getAsJsonObject("schema");
                        required = parameter.has("required") && parameter.get("required").getAsBoolean();
                    } else {
                        params.add(parameter);
                    }
                }
            }
            this.parameters = Collections.unmodifiableList(params);
            this.bodySchema = body;
            this.bodyRequired = required;
        }

        /** A read: a GET, or one of the PUTs the document names {@code Put_Get*} (reads by a list of ids in the body). */
        boolean isRead() {
            return method.equals("GET") || id.startsWith("Put_Get");
        }

        @Override
        public String toString() {
            return api.version + " " + id + " (" + method + " " + path + ")";
        }
    }

    final Api api;
    private final byte[] bytes;
    private final JsonObject definitions;
    private final Map<String, Operation> operations;

    private ApiDocument(Api api, byte[] bytes) {
        this.api = api;
        this.bytes = bytes;
        JsonObject root = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8)).getAsJsonObject();
        this.definitions = root.has("definitions") ? root.getAsJsonObject("definitions") : new JsonObject();
        Map<String, Operation> ops = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> path : root.getAsJsonObject("paths").entrySet()) {
            for (Map.Entry<String, JsonElement> op : path.getValue().getAsJsonObject().entrySet()) {
                JsonObject operation = op.getValue().getAsJsonObject();
                String id = operation.get("operationId").getAsString();
                ops.put(id, new Operation(api, id, op.getKey().toUpperCase(Locale.ROOT), path.getKey(), operation));
            }
        }
        this.operations = Collections.unmodifiableMap(ops);
    }

    /** The packaged document; fails when the build did not package it. */
    static synchronized ApiDocument of(Api api) {
        return LOADED.computeIfAbsent(api, a -> {
            try (InputStream in = ApiDocument.class.getResourceAsStream(a.resource())) {
                if (in == null) {
                    throw new IllegalStateException("the API document " + a.fileName + " is not packaged with the emulator");
                }
                return new ApiDocument(a, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The operation with this id; an id the document does not have is a programming error, reported loudly. */
    Operation operation(String operationId) {
        Operation op = operations.get(operationId);
        if (op == null) {
            throw new IllegalStateException("no operation " + operationId + " in " + api.fileName);
        }
        return op;
    }

    /** Every operation, in the document's order. */
    Iterable<Operation> operations() {
        return operations.values();
    }

    int operationCount() {
        return operations.size();
    }

    /** The named definition (model or enum); null when the document has none of that name. */
    JsonObject definition(String name) {
        JsonElement d = definitions.get(name);
        return d == null ? null : d.getAsJsonObject();
    }

    /** The document as published, byte for byte. */
    byte[] bytes() {
        return bytes;
    }
}
