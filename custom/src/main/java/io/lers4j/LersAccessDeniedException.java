package io.lers4j;

import java.util.List;
import java.util.Map;

/** 403: the account lacks the permission or access to the entity. */
public class LersAccessDeniedException extends LersApiException {

    private static final long serialVersionUID = 1L;

    LersAccessDeniedException(String message, String operation, int attempts, int statusCode,
          Map<String, List<String>> headers, String body,
          String errorMessage, Integer errorCode, Map<String, Object> errorData) {
        super(message, operation, attempts, statusCode, headers, body, errorMessage, errorCode, errorData);
    }
}
