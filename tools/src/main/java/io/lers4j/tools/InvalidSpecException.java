package io.lers4j.tools;

/** The text is not a usable API document; the message says why, in words a maintainer can act on. */
public final class InvalidSpecException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidSpecException(String message) {
        super(message);
    }
}
