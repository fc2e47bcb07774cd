package io.lers4j;

/**
 * The server answered, but the answer could not be read: malformed JSON, a value of the wrong
 * type, an unreadable date. The message names the operation and the JSON path.
 */
public class LersResponseException extends LersException {

    private static final long serialVersionUID = 1L;

    private final int statusCode;

    LersResponseException(String message, String operation, int attempts, int statusCode, Throwable cause) {
        super(message, operation, attempts, cause);
        this.statusCode = statusCode;
    }

    public int statusCode() {
        return statusCode;
    }
}
