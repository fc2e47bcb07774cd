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

    static HttpError status(int status) {
        return new HttpError(Reply.empty(status), "HTTP " + status);
    }

    static HttpError of(Reply reply) {
        return new HttpError(reply, "HTTP " + reply.status);
    }
}
