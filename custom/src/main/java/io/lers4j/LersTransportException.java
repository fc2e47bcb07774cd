package io.lers4j;

/** No answer: connection refused or reset, timeout, TLS failure, after the retries allowed. */
public class LersTransportException extends LersException {

    private static final long serialVersionUID = 1L;

    LersTransportException(String message, String operation, int attempts, Throwable cause) {
        super(message, operation, attempts, cause);
    }
}
