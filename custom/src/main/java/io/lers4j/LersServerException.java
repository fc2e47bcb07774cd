package io.lers4j;

import java.util.List;
import java.util.Map;

/** 5xx: the server or a proxy in front of it failed, after the retries the policy allows. */
public class LersServerException extends LersApiException {

    private static final long serialVersionUID = 1L;

    LersServerException(String message, String operation, int attempts, int statusCode,
          Map<String, List<String>> headers, String body,
          String errorMessage, Integer errorCode, Map<String, Object> errorData) {
        super(message, operation, attempts, statusCode, headers, body, errorMessage, errorCode, errorData);
    }
}
