package io.lers4j;

/**
 * The answer was larger than the client's {@code maxResponseSize}: reading stopped there, so a
 * broken or hostile server cannot fill the heap. Not retried. For a legitimately large answer
 * (a very large installation's nodes, say), raise the limit or ask for less per request.
 */
public class LersResponseTooLargeException extends LersResponseException {

    private static final long serialVersionUID = 1L;

    private final long limit;

    LersResponseTooLargeException(String message, String operation, int attempts, int statusCode, long limit,
                                  Throwable cause) {
        super(message, operation, attempts, statusCode, cause);
        this.limit = limit;
    }

    /** The limit that was exceeded, in bytes. */
    public long limit() {
        return limit;
    }
}
