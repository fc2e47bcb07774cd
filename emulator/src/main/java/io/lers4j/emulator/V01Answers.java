package io.lers4j.emulator;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.nio.charset.StandardCharsets;

/**
 * v0.1 answers from what the emulator builds for v1: a v1 handler's JSON, or a v1 model, reshaped
 * into the v0.1 operation's answer schema ({@link Projection}); and samples of v0.1 definitions.
 */
final class V01Answers {

    final ApiDocument document = ApiDocument.of(Api.V01);
    final Samples samples;
    final Projection projection;

    V01Answers(DataView data) {
        this.samples = new Samples(document, data);
        this.projection = new Projection(samples);
    }

    private JsonObject answerSchema(String operationId) {
        JsonObject schema = document.operation(operationId).answerSchema;
        if (schema == null) {
            throw new IllegalStateException(operationId + " has no answer schema to shape into");
        }
        return schema;
    }

    /** A schema referring to a definition by name. */
    static JsonObject ref(String definition) {
        JsonObject schema = new JsonObject();
        schema.addProperty("$ref", "#/definitions/" + definition);
        return schema;
    }

    /** A v1 handler answering v0.1: its JSON success reshaped; other answers (errors, empty ones) as they are. */
    Router.Handler reusing(String operationId, Router.Handler v1) {
        JsonObject schema = answerSchema(operationId);
        return call -> {
            Reply reply = v1.handle(call);
            if (reply.status != 200 || reply.length() == 0 || reply.contentType == null
                    || !reply.contentType.startsWith("application/json")) {
                return reply;
            }
            JsonElement tree = JsonParser.parseString(new String(reply.body(), 0, reply.length(), StandardCharsets.UTF_8));
            return Reply.json(tree.isJsonNull() ? tree : projection.project(tree, schema));
        };
    }

    /** A v1 model (or JSON) as the operation's v0.1 answer. */
    Reply answer(String operationId, Object v1) {
        JsonElement tree = v1 instanceof JsonElement ? (JsonElement) v1 : Reply.GSON.toJsonTree(v1);
        return Reply.json(tree.isJsonNull() ? tree : projection.project(tree, answerSchema(operationId)));
    }

    /** A v1 model (or JSON) as a v0.1 definition, for parts of answers built here. */
    JsonElement shape(Object v1, String definition) {
        JsonElement tree = v1 instanceof JsonElement ? (JsonElement) v1 : Reply.GSON.toJsonTree(v1);
        return projection.project(tree, ref(definition));
    }
}
