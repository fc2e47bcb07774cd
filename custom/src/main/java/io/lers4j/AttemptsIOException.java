package io.lers4j;

import java.io.IOException;

/** A transport failure that the retry layer gave up on, carrying how many attempts were made. */
final class AttemptsIOException extends IOException {

    private static final long serialVersionUID = 1L;

    final String operation;
    final int attempts;

    AttemptsIOException(String operation, int attempts, IOException cause) {
        this(operation, attempts, cause, null);
    }

    /** {@code note}: why no further attempt was made, when that is not obvious (the call timeout). */
    AttemptsIOException(String operation, int attempts, IOException cause, String note) {
        super(operation + ": " + describe(cause) + " after " + attempts + (attempts == 1 ? " attempt" : " attempts")
                + (note == null ? "" : "; " + note), cause);
        this.operation = operation;
        this.attempts = attempts;
    }

    static String describe(Throwable e) {
        return Excerpt.describe(e);
    }
}
