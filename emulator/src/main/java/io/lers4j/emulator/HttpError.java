package io.lers4j.emulator;

import io.lers4j.model.ResponseParameters;

import java.util.Map;

/** Ends a request with a prepared answer: a LERS business error (422) or a plain HTTP status. */
final class HttpError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Error codes of the 422 answers (LERS does not publish its own; these are stable for tests). */
    static final int WRONG_CREDENTIALS = 1;
    static final int NOT_FOUND = 2;
    static final int BAD_ARGUMENT = 3;
    static final int BAD_BODY = 4;
    static final int NOT_SUPPORTED = 5;

    final transient Reply reply;

    private HttpError(Reply reply, String message) {
        super(message, null, false, false);
        this.reply = reply;
    }

    /** 422 with {@code {errorMessage, errorCode, data}}, the way LERS reports business errors. */
    static HttpError unprocessable(int code, String message) {
        ResponseParameters body = new ResponseParameters().errorMessage(message).errorCode(code).data(Map.of());
        return new HttpError(Reply.json(422, body), message);
    }

    static HttpError notFound(String what) {
        return unprocessable(NOT_FOUND, what);
    }

    static HttpError badArgument(String message) {
        return unprocessable(BAD_ARGUMENT, message);
    }

    /**
     * 400 as ASP.NET Core's model binding answers a value it cannot bind (an id {@code abc}, a date
     * {@code yesterday}, {@code dataTypes=Weekly}): a validation problem details body, before any
     * of LERS's own logic runs.
     */
    static HttpError invalidValue(String parameter, String value) {
        return validationProblem(parameter, "The value '" + value + "' is not valid.");
    }

    /** 400 for a body that is missing or cannot be read as the expected JSON, keyed as ASP.NET Core keys it. */
    static HttpError badBody(String key, String message) {
        return validationProblem(key, message);
    }

    /** 404 as ASP.NET Core's {@code NotFound()} answers in an API controller: problem details without errors. */
    static HttpError notFoundProblem() {
        com.google.gson.JsonObject body = new com.google.gson.JsonObject();
        body.addProperty("type", "https://tools.ietf.org/html/rfc9110#section-15.5.5");
        body.addProperty("title", "Not Found");
        body.addProperty("status", 404);
        body.addProperty("traceId", traceId());
        byte[] bytes = body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return new HttpError(new Reply(404, "application/problem+json; charset=utf-8", bytes, bytes.length), "HTTP 404");
    }

    private static String traceId() {
        return "00-" + java.util.UUID.randomUUID().toString().replace("-", "") + "-"
                + String.format(java.util.Locale.ROOT, "%016x", java.util.concurrent.ThreadLocalRandom.current().nextLong())
                + "-00";
    }

    private static HttpError validationProblem(String key, String message) {
        com.google.gson.JsonObject body = new com.google.gson.JsonObject();
        body.addProperty("type", "https://tools.ietf.org/html/rfc9110#section-15.5.1");
        body.addProperty("title", "One or more validation errors occurred.");
        body.addProperty("status", 400);
        com.google.gson.JsonObject errors = new com.google.gson.JsonObject();
        com.google.gson.JsonArray messages = new com.google.gson.JsonArray();
        messages.add(message);
        errors.add(key, messages);
        body.add("errors", errors);
        body.addProperty("traceId", traceId());
        byte[] bytes = body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return new HttpError(new Reply(400, "application/problem+json; charset=utf-8", bytes, bytes.length), message);
    }

    static HttpError status(int status) {
        return new HttpError(Reply.empty(status), "HTTP " + status);
    }

    static HttpError of(Reply reply) {
        return new HttpError(reply, "HTTP " + reply.status);
    }
}
