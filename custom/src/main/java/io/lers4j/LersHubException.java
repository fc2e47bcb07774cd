package io.lers4j;

import java.util.Optional;

/**
 * A failure of the real-time hub ({@link ServerHub}): the server refused the connection, the
 * protocol handshake or a subscription, closed the connection for good, or sent something the
 * protocol does not allow. {@link #serverError()} has the server's own words where it sent any.
 */
public class LersHubException extends LersException {

    private static final long serialVersionUID = 1L;

    private final String serverError;
    /** Trying again cannot help (a refusal, a protocol mismatch): the hub does not reconnect after it. */
    private final transient boolean permanent;

    LersHubException(String message, String operation, String serverError, boolean permanent, Throwable cause) {
        super(message, operation, 0, cause);
        this.serverError = serverError;
        this.permanent = permanent;
    }

    /** The error text the server sent (negotiate, handshake, completion or close), masked and bounded. */
    public Optional<String> serverError() {
        return Optional.ofNullable(serverError);
    }

    boolean isPermanent() {
        return permanent;
    }
}
