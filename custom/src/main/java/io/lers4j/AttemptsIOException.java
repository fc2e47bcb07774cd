package io.lers4j;

import java.io.IOException;

/** A transport failure that the retry layer gave up on, carrying how many attempts were made. */
final class AttemptsIOException extends IOException {

    private static final long serialVersionUID = 1L;

    final String operation;
    final int attempts;

    AttemptsIOException(String operation, int attempts, IOException cause) {
        super(operation + ": " + describe(cause) + " after " + attempts + (attempts == 1 ? " attempt" : " attempts"), cause);
        this.operation = operation;
        this.attempts = attempts;
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " (" + message + ")");
    }
}
