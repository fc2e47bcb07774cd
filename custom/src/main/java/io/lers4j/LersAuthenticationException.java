package io.lers4j;

import java.util.List;
import java.util.Map;

/** Authentication failed: 401 from the server, a rejected token that cannot be renewed, or a failed login (LERS answers a wrong password with 422 and an {@code errorMessage}). */
public class LersAuthenticationException extends LersApiException {

    private static final long serialVersionUID = 1L;

    LersAuthenticationException(String message, String operation, int attempts, int statusCode,
          Map<String, List<String>> headers, String body,
          String errorMessage, Integer errorCode, Map<String, Object> errorData) {
        super(message, operation, attempts, statusCode, headers, body, errorMessage, errorCode, errorData);
    }
}
