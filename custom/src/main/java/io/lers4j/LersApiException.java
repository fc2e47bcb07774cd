package io.lers4j;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The server answered with an error status. For LERS business errors (422) the body
 * {@code {errorMessage, errorCode, data}} is parsed; for anything else (an HTML page from a proxy,
 * plain text) the status stays the fact and the body is kept, truncated, for diagnosis.
 */
public class LersApiException extends LersException {

    private static final long serialVersionUID = 1L;

    private final int statusCode;
    private final transient Map<String, List<String>> headers;
    private final String body;
    private final String errorMessage;
    private final Integer errorCode;
    private final transient Map<String, Object> errorData;

    LersApiException(String message, String operation, int attempts, int statusCode,
                     Map<String, List<String>> headers, String body,
                     String errorMessage, Integer errorCode, Map<String, Object> errorData) {
        super(message, operation, attempts, null);
        this.statusCode = statusCode;
        this.headers = headers == null ? Map.of() : Collections.unmodifiableMap(headers);
        this.body = body == null ? "" : body;
        this.errorMessage = errorMessage;
        this.errorCode = errorCode;
        this.errorData = errorData == null ? Map.of() : Collections.unmodifiableMap(errorData);
    }

    public int statusCode() {
        return statusCode;
    }

    /** Response headers (names in lower case); authentication headers are never included. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The response body, truncated to a few kilobytes; empty when there was none. */
    public String body() {
        return body;
    }

    /** LERS {@code errorMessage}, when the body carried one. */
    public Optional<String> errorMessage() {
        return Optional.ofNullable(errorMessage);
    }

    /** LERS {@code errorCode}, when the body carried one. */
    public OptionalInt errorCode() {
        return errorCode == null ? OptionalInt.empty() : OptionalInt.of(errorCode);
    }

    /** LERS {@code data}: extra details of a business error; empty when absent. */
    public Map<String, Object> errorData() {
        return errorData;
    }
}
