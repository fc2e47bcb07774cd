package io.lers4j;

/**
 * Root of every failure lers4j reports: unchecked, so calls read like the operations they are.
 * Messages name the operation ({@code GET /api/v1/Core/Nodes}) and the attempts made; they never
 * contain the password or a token.
 */
public class LersException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String operation;
    private final int attempts;

    LersException(String message, String operation, int attempts, Throwable cause) {
        super(Excerpt.of(message, Excerpt.MAX_MESSAGE_CHARS), Excerpt.boundedCause(cause));
        this.operation = operation;
        this.attempts = attempts;
    }

    /** The request that failed, as {@code METHOD /path} without the query; may be empty. */
    public String operation() {
        return operation;
    }

    /** How many times the request was sent (retries included); 0 when it was never sent. */
    public int attempts() {
        return attempts;
    }
}
