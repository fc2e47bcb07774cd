package io.lers4j;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server answered with a redirect that lers4j does not follow: to another origin (scheme,
 * host or port), where the token, the API key or the login body must not go; or one that would
 * send a POST or PATCH a second time. The usual cause is a base URL that a proxy in front of LERS
 * moves elsewhere (http to https, another port): use the address it names as the base URL.
 */
public class LersRedirectException extends LersApiException {

    private static final long serialVersionUID = 1L;

    private final String location;

    LersRedirectException(String message, String operation, int attempts, int statusCode,
                          Map<String, List<String>> headers, String body, String location) {
        super(message, operation, attempts, statusCode, headers, body, null, null, null);
        this.location = location;
    }

    /** Where the server pointed, absolute, without user info; empty when it sent no Location. */
    public Optional<String> location() {
        return Optional.ofNullable(location);
    }
}
